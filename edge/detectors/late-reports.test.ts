/**
 * @module edge/detectors/late-reports.test
 * Reports that miss their interval's close (issue 6: nothing is dropped without a count): folded
 * into the interval closed last and its link state sent again, dropped by reason when older, and
 * nothing closed while the field session's backlog is held. A vehicle whose actuation comes after
 * its interval closed is counted too.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import type { DetectorActuation, DetectorReport } from '../../core/index.ts';
import { DetectorProcessor } from './index.ts';
import { advanceLoop, DetectorMessages, TEST_LINK } from './testing.ts';

const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const link = TEST_LINK;
const detector = advanceLoop;
const messages = new DetectorMessages('late');
const rep = (deviceId: string, intervalStart: number, volume: number): DetectorReport =>
  messages.report(deviceId, intervalStart, volume);

function setup(hold?: () => boolean): { processor: DetectorProcessor; clock: VirtualClock } {
  const clock = new VirtualClock(T0);
  const processor = new DetectorProcessor({
    clock,
    detectors: [detector('d0', 0), detector('d1', 1)],
    links: [link],
    ...(hold === undefined ? {} : { holdIntervals: hold }),
  });
  return { processor, clock };
}

/** Each link state as `interval s: lane flows`. */
const states = (out: ReturnType<DetectorProcessor['tick']>): string[] =>
  out.linkStates.map(
    (l) =>
      `${(l.intervalStart - T0) / 1000}: ${(l.lanes ?? []).map((x) => `${x.lane}=${x.flowVph}`).join(' ')}`,
  );

test('a report for the interval closed last is folded in and the link state sent again for that interval', () => {
  const { processor, clock } = setup();
  processor.onReport(rep('d0', T0, 10));
  clock.advanceTo(T0 + 32_500);
  expect(states(processor.tick())).toEqual(['0: 0=1200']);
  // 10 s after the close, lane 1's report arrives: counted, and the state goes again with both lanes.
  clock.advanceTo(T0 + 42_500);
  expect(processor.onReport(rep('d1', T0, 5))).toBe(true);
  const out = processor.tick();
  expect(states(out)).toEqual(['0: 0=1200 1=600']);
  expect(out.linkStates[0]?.flowVph).toBeCloseTo(1800, 5);
  expect(processor.view('d1')?.latest?.volume).toBe(5);
  expect(processor.stats()).toEqual({ reports: 1, lateFolded: 1, droppedByReason: {} });
});

test('the correction goes before the next interval in the same step, never after it', () => {
  const { processor, clock } = setup();
  processor.onReport(rep('d0', T0, 10));
  clock.advanceTo(T0 + 32_500);
  processor.tick();
  processor.onReport(rep('d0', T0 + 30_000, 4));
  processor.onReport(rep('d1', T0 + 30_000, 3));
  processor.onReport(rep('d1', T0, 5));
  clock.advanceTo(T0 + 62_500);
  expect(states(processor.tick())).toEqual(['0: 0=1200 1=600', '30: 0=480 1=360']);
});

test('a report for an older closed interval is dropped and counted as late-report', () => {
  const { processor, clock } = setup();
  processor.onReport(rep('d0', T0, 10));
  processor.onReport(rep('d1', T0, 5));
  clock.advanceTo(T0 + 32_500);
  processor.tick();
  clock.advanceTo(T0 + 62_500);
  processor.tick();
  // The interval at T0 is no longer the one closed last: a correction would set the link back.
  expect(processor.onReport(rep('d1', T0, 7))).toBe(false);
  clock.advance(1000);
  expect(processor.tick().linkStates).toEqual([]);
  expect(processor.view('d1')?.latest?.volume).toBe(5);
  expect(processor.stats().droppedByReason).toEqual({ 'late-report': 1 });
});

test('a report for an interval before the edge started is a late-report', () => {
  const { processor } = setup();
  expect(processor.onReport(rep('d0', T0 - 60_000, 3))).toBe(false);
  expect(processor.stats().droppedByReason).toEqual({ 'late-report': 1 });
});

test('reports and actuations of detectors not in the region are counted as unknown-detector', () => {
  const { processor } = setup();
  const actuation: DetectorActuation = {
    kind: 'det.actuation',
    id: 'act-unknown-1',
    deviceId: 'elsewhere',
    seq: 0,
    ts: T0,
    state: 'on',
  };
  expect(processor.onReport(rep('elsewhere', T0, 3))).toBe(false);
  expect(processor.onActuation(actuation)).toBe(false);
  expect(processor.stats().droppedByReason).toEqual({ 'unknown-detector': 2 });
});

test('while held no interval closes; released, each closes in order with every report held meanwhile', () => {
  let held = true;
  const { processor, clock } = setup(() => held);
  processor.onReport(rep('d0', T0, 10));
  clock.advanceTo(T0 + 32_500);
  expect(processor.tick().linkStates).toEqual([]);
  // A minute past the close, the backlog brings the rest: still counted into open intervals.
  clock.advanceTo(T0 + 92_500);
  expect(processor.onReport(rep('d1', T0, 5))).toBe(true);
  expect(processor.onReport(rep('d0', T0 + 30_000, 4))).toBe(true);
  expect(processor.onReport(rep('d1', T0 + 30_000, 3))).toBe(true);
  expect(processor.tick().linkStates).toEqual([]);
  held = false;
  clock.advance(1000);
  expect(states(processor.tick())).toEqual(['0: 0=1200 1=600', '30: 0=480 1=360']);
  expect(processor.stats()).toEqual({ reports: 4, lateFolded: 0, droppedByReason: {} });
});

test('a late report for the interval closed last, arriving during a hold, is folded in once released', () => {
  let held = false;
  const { processor, clock } = setup(() => held);
  processor.onReport(rep('d0', T0, 10));
  clock.advanceTo(T0 + 32_500);
  processor.tick();
  held = true;
  processor.onReport(rep('d1', T0, 5));
  clock.advanceTo(T0 + 62_500);
  expect(processor.tick().linkStates).toEqual([]);
  held = false;
  clock.advance(1000);
  expect(states(processor.tick())).toEqual(['0: 0=1200 1=600']);
});

test('an on edge after its interval closed still marks the loop occupied and is counted as late-actuation', () => {
  const { processor, clock } = setup();
  const edge = (state: 'on' | 'off', ts: number): DetectorActuation => messages.act('d0', state, ts);
  processor.onActuation(edge('on', T0 + 1_000));
  processor.onActuation(edge('off', T0 + 1_500));
  clock.advanceTo(T0 + 32_500);
  expect(processor.tick().aggregates.map((a) => a.volume)).toEqual([1]);
  // Stamped 5 s before the close: a clock that lags, or a slow link.
  expect(processor.onActuation(edge('on', T0 + 25_000))).toBe(true);
  expect(processor.view('d0')?.occupied).toBe(true);
  expect(processor.view('d0')?.countTotal).toBe(2);
  expect(processor.stats().droppedByReason).toEqual({ 'late-actuation': 1 });
});
