/**
 * @module center/http/turn-pacer.test
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { TurnPacer } from './turn-pacer.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A pacer whose job "takes" `costMs` of a hand-driven clock per run. */
function paced(share: number, costMs: number) {
  let now = 0;
  const runs: number[] = [];
  const pacer = new TurnPacer(
    () => {
      runs.push(now);
      now += costMs;
    },
    { share, now: () => now },
  );
  return { pacer, runs, advance: (ms: number) => (now += ms) };
}

test('an idle job runs at the end of the turn it was asked for in, once however often asked', () => {
  const { pacer, runs } = paced(0.25, 0);
  pacer.request();
  pacer.request();
  expect(runs).toEqual([]);
  vi.runOnlyPendingTimers();
  expect(runs).toEqual([0]);
});

test('after a run of 4 ms at a quarter share the next waits 12 ms', () => {
  const { pacer, runs, advance } = paced(0.25, 4);
  pacer.request();
  vi.runOnlyPendingTimers();
  advance(5);
  pacer.request();
  vi.advanceTimersByTime(6);
  expect(runs).toEqual([0]);
  advance(7);
  vi.advanceTimersByTime(1);
  expect(runs).toEqual([0, 16]);
});

test('cancel drops a requested run', () => {
  const { pacer, runs } = paced(1, 1);
  pacer.request();
  pacer.cancel();
  vi.runAllTimers();
  expect(runs).toEqual([]);
});

test('a share outside (0, 1] is refused', () => {
  expect(() => new TurnPacer(() => undefined, { share: 0 })).toThrow(RangeError);
  expect(() => new TurnPacer(() => undefined, { share: 1.5 })).toThrow(RangeError);
});
