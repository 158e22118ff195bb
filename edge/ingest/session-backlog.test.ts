/**
 * @module edge/ingest/session-backlog.test
 * When the backlog of a resumed field session counts as drained: after a quiet period without
 * messages published before the (re)connect, or at the cap; live messages do not prolong it.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import { SessionBacklog } from './index.ts';

const RESUMED_AT = 1_800_000_000_000;

function setup(): { backlog: SessionBacklog; wall: VirtualClock } {
  const wall = new VirtualClock(5_000);
  return { backlog: new SessionBacklog({ clock: wall, quietMs: 2000, maxHoldMs: 20_000 }), wall };
}

test('holds nothing before the session has resumed', () => {
  const { backlog } = setup();
  backlog.observe(RESUMED_AT - 60_000);
  expect(backlog.holding()).toBe(false);
});

test('holds while messages published before the reconnect keep arriving, then releases after the quiet period', () => {
  const { backlog, wall } = setup();
  backlog.resumed(RESUMED_AT);
  for (let i = 0; i < 10; i++) {
    wall.advance(1500);
    backlog.observe(RESUMED_AT - 30_000 + i);
    expect(backlog.holding()).toBe(true);
  }
  wall.advance(1999);
  expect(backlog.holding()).toBe(true);
  wall.advance(1);
  expect(backlog.holding()).toBe(false);
  expect(backlog.stats()).toEqual({ resumes: 1, backlogMessages: 10, capped: 0, holding: false });
});

test('live messages (stamped after the reconnect) do not prolong the hold', () => {
  const { backlog, wall } = setup();
  backlog.resumed(RESUMED_AT);
  wall.advance(1000);
  backlog.observe(RESUMED_AT + 500);
  wall.advance(1000);
  expect(backlog.holding()).toBe(false);
  expect(backlog.stats().backlogMessages).toBe(0);
});

test('a device whose clock lags holds no longer than the cap', () => {
  const { backlog, wall } = setup();
  backlog.resumed(RESUMED_AT);
  for (let t = 0; t < 19_000; t += 1000) {
    wall.advance(1000);
    backlog.observe(RESUMED_AT - 3000);
  }
  expect(backlog.holding()).toBe(true);
  wall.advance(1000);
  backlog.observe(RESUMED_AT - 3000);
  expect(backlog.holding()).toBe(false);
  expect(backlog.stats().capped).toBe(1);
  // Released is released: the lagging device does not start a new hold until the next reconnect.
  backlog.observe(RESUMED_AT - 3000);
  expect(backlog.holding()).toBe(false);
});

test('a reconnect starts a new hold, with the later connect time as the backlog line', () => {
  const { backlog, wall } = setup();
  backlog.resumed(RESUMED_AT);
  wall.advance(5000);
  expect(backlog.holding()).toBe(false);
  backlog.resumed(RESUMED_AT + 60_000);
  wall.advance(1500);
  backlog.observe(RESUMED_AT + 30_000);
  wall.advance(1500);
  expect(backlog.holding()).toBe(true);
  expect(backlog.stats()).toMatchObject({ resumes: 2, backlogMessages: 1 });
});

test('refuses a quiet period that is not positive or longer than the cap', () => {
  const wall = new VirtualClock(0);
  expect(() => new SessionBacklog({ clock: wall, quietMs: 0 })).toThrow(RangeError);
  expect(() => new SessionBacklog({ clock: wall, quietMs: 5000, maxHoldMs: 1000 })).toThrow(RangeError);
});
