/**
 * @module bin/demo/demo-clock.test
 * The demo starts its simulation on the edges' interval grid, so a loop reporting every interval from
 * the simulation's start (as the simulator's do) is counted on time by the edge.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import { DetectorProcessor } from '../../edge/detectors/index.ts';
import { advanceLoop, DetectorMessages, TEST_LINK } from '../../edge/detectors/testing.ts';
import { alignedStartMs, clockStartingAt, reportGridMs } from './demo-clock.ts';

const NOW = Date.parse('2026-11-28T13:45:07.300+09:00');
const loops = [advanceLoop('d0', 0), advanceLoop('d1', 1)];

test('the start is the next whole interval of the edges and every loop', () => {
  expect(reportGridMs({ detectors: loops })).toBe(30_000);
  expect(new Date(alignedStartMs({ detectors: loops }, NOW)).toISOString()).toBe('2026-11-28T04:45:30.000Z');
  const onGrid = Date.parse('2026-11-28T04:45:30.000Z');
  expect(alignedStartMs({ detectors: loops }, onGrid)).toBe(onGrid);
  const minute = [...loops, { ...advanceLoop('d2', 2), intervalS: 60 }];
  expect(new Date(alignedStartMs({ detectors: minute }, NOW)).toISOString()).toBe('2026-11-28T04:46:00.000Z');
});

test('the clock reads the wall time now and reaches the start (its origin) after the gap over the speed', () => {
  let wall = NOW;
  const start = alignedStartMs({ detectors: loops }, NOW);
  const clock = clockStartingAt(start, 4, NOW, () => wall);
  expect(clock.originMs).toBe(start);
  expect(clock.now()).toBe(NOW);
  wall += (start - NOW) / 4;
  expect(clock.now()).toBe(start);
  wall += 1000;
  expect(clock.now()).toBe(start + 4000);
});

/**
 * Loops reporting every 30 s from `originMs`, each report sent at its interval's end, into an edge
 * ticking every second: how many reports the edge counted on time and how many it folded in late.
 */
function reportsFromOrigin(originMs: number): { reports: number; lateFolded: number } {
  const clock = new VirtualClock(originMs);
  const processor = new DetectorProcessor({ clock, detectors: loops, links: [TEST_LINK] });
  const messages = new DetectorMessages('grid');
  for (let t = originMs + 1000; t <= originMs + 600_000; t += 1000) {
    clock.advanceTo(t);
    if ((t - originMs) % 30_000 === 0)
      for (const d of loops) processor.onReport(messages.report(d.id, t - 30_000, 6));
    processor.tick();
  }
  const { reports, lateFolded } = processor.stats();
  return { reports, lateFolded };
}

test('loops reporting from the demo start count in their own intervals, not late', () => {
  // The start the demo had (now, to the second): every report straddles two intervals and is late.
  expect(reportsFromOrigin(Math.floor(NOW / 1000) * 1000)).toEqual({ reports: 0, lateFolded: 40 });
  expect(reportsFromOrigin(alignedStartMs({ detectors: loops }, NOW))).toEqual({
    reports: 40,
    lateFolded: 0,
  });
});
