/**
 * @module edge/detectors/interval-restore.test
 * A restarted edge's processor, given the interval it closed last before the restart (the mark the
 * runtime keeps in SQLite), opens every later interval to the reports the broker held while it was
 * away, however long that was (to 15 min), folds one for the marked interval in as a correction, and
 * neither counts nor drops again a journaled report it had dealt with before the restart.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import type { DetectorReport } from '../../core/index.ts';
import { DetectorProcessor } from './index.ts';
import { advanceLoop, DetectorMessages, TEST_LINK } from './testing.ts';

const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const link = TEST_LINK;
const detector = advanceLoop;
const messages = new DetectorMessages('restore');
const rep = (deviceId: string, intervalStart: number, volume: number): DetectorReport =>
  messages.report(deviceId, intervalStart, volume);

/** A processor restarted at `restartMs`, with the mark `lastClosedMs` (none when undefined). */
function restarted(
  restartMs: number,
  lastClosedMs?: number,
): { processor: DetectorProcessor; clock: VirtualClock } {
  const clock = new VirtualClock(restartMs);
  const processor = new DetectorProcessor({
    clock,
    detectors: [detector('d0', 0), detector('d1', 1)],
    links: [link],
    ...(lastClosedMs === undefined ? {} : { lastClosedMs }),
  });
  return { processor, clock };
}

/** Each link state as `interval s: lane flows`. */
const states = (out: ReturnType<DetectorProcessor['tick']>): string[] =>
  out.linkStates.map(
    (l) =>
      `${(l.intervalStart - T0) / 1000}: ${(l.lanes ?? []).map((x) => `${x.lane}=${x.flowVph}`).join(' ')}`,
  );

test('down 5 minutes: a report for every interval after the one closed last counts in its own interval', () => {
  const { processor, clock } = restarted(T0 + 300_000, T0);
  expect(processor.lastClosed).toBe(T0);
  for (let k = 1; k <= 8; k++) expect(processor.onReport(rep('d0', T0 + k * 30_000, k))).toBe(true);
  clock.advance(1000);
  expect(states(processor.tick())).toEqual([
    '30: 0=120',
    '60: 0=240',
    '90: 0=360',
    '120: 0=480',
    '150: 0=600',
    '180: 0=720',
    '210: 0=840',
    '240: 0=960',
  ]);
  expect(processor.lastClosed).toBe(T0 + 240_000);
  expect(processor.stats()).toEqual({ reports: 8, lateFolded: 0, droppedByReason: {} });
});

test('without the mark (nothing journaled) the same reports are late-report', () => {
  const { processor, clock } = restarted(T0 + 300_000);
  for (let k = 1; k <= 8; k++) expect(processor.onReport(rep('d0', T0 + k * 30_000, k))).toBe(false);
  clock.advance(1000);
  expect(processor.tick().linkStates).toEqual([]);
  expect(processor.stats().droppedByReason).toEqual({ 'late-report': 8 });
});

test('a report for the marked interval is folded in as a correction; an older one is late-report', () => {
  const { processor, clock } = restarted(T0 + 40_000, T0);
  expect(processor.onReport(rep('d1', T0, 5))).toBe(true);
  expect(processor.onReport(rep('d0', T0 - 30_000, 1))).toBe(false);
  clock.advance(1000);
  expect(states(processor.tick())).toEqual(['0: 1=600']);
  expect(processor.stats()).toEqual({ reports: 0, lateFolded: 1, droppedByReason: { 'late-report': 1 } });
});

test('journaled reports replayed for intervals before the mark are neither counted nor dropped', () => {
  const { processor, clock } = restarted(T0 + 40_000, T0);
  expect(processor.onReport(rep('d0', T0 - 60_000, 2), { replayed: true })).toBe(false);
  expect(processor.onReport(rep('d0', T0 - 30_000, 3), { replayed: true })).toBe(false);
  // The marked interval's own reports are folded in and its link state sent again, as before.
  expect(processor.onReport(rep('d0', T0, 4), { replayed: true })).toBe(true);
  expect(processor.onReport(rep('d1', T0 + 30_000, 6), { replayed: true })).toBe(true);
  clock.advance(1000);
  expect(states(processor.tick())).toEqual(['0: 0=480']);
  expect(processor.stats()).toEqual({ reports: 1, lateFolded: 1, droppedByReason: {} });
});

test('a mark more than 15 minutes old reopens 15 minutes; one not before the current interval is ignored', () => {
  const { processor } = restarted(T0 + 3_600_000, T0);
  expect(processor.lastClosed).toBeNull();
  expect(processor.onReport(rep('d0', T0 + 30_000, 1))).toBe(false);
  expect(processor.onReport(rep('d0', T0 + 2_670_000, 1))).toBe(false);
  expect(processor.onReport(rep('d0', T0 + 2_700_000, 1))).toBe(true);
  expect(processor.stats().droppedByReason).toEqual({ 'late-report': 2 });

  // A mark of another clock's time (ahead of this one): the edge starts as if it had none.
  const ahead = restarted(T0, T0 + 600_000).processor;
  expect(ahead.lastClosed).toBeNull();
  expect(ahead.onReport(rep('d0', T0, 1))).toBe(true);
  expect(ahead.onReport(rep('d0', T0 - 30_000, 1))).toBe(false);
});
