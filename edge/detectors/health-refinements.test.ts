/**
 * @module edge/detectors/health-refinements.test
 * The health tests do not call ordinary traffic a fault: a loop waiting through its phase's red is
 * stuck-on only beyond a cycle, and a loop counting nothing is stuck-off only if its usual share of
 * the link should have brought at least 7 vehicles, against the loops calling the same signal unit
 * (a left-turn pocket is not judged by the through lanes). Both still catch the real faults.
 */
import { expect, test } from 'vitest';
import type { Detector } from '../../core/index.ts';
import { learnLinkShares, newDetectorState, type DetectorState } from './detector-state.ts';
import { diagnose, type HealthInput } from './health.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
import { advanceLoop } from './testing.ts';

const T0 = Date.UTC(2026, 10, 27, 20, 0, 0);
const interval = (i: number, volume: number, occupancyPct: number): LaneAggregate => ({
  detectorId: 'd0',
  intervalStart: T0 + i * 30_000,
  intervalS: 30,
  volume,
  occupancyPct,
  speedKmh: null,
  source: 'report',
  shortPulses: 0,
});
const input = (extra: Partial<HealthInput>): HealthInput => ({
  history: Array.from({ length: 10 }, (_, i) => interval(i, 0, 0)),
  lastHeardMs: T0 + 300_000,
  occupiedSinceMs: null,
  neighbourVolume: 20,
  nowMs: T0 + 300_000,
  watchingSinceMs: T0,
  ...extra,
});

test('stuck-off: nothing counted is a fault only if the loop was due 7 vehicles by its share of the link', () => {
  // 20 vehicles on the neighbours in 4 minutes: a loop carrying half the link was due 20, a
  // left-turn pocket carrying a twentieth about 1.
  expect(diagnose(input({ linkShare: 0.5 }))).toBe('stuck-off');
  expect(diagnose(input({ linkShare: 0.05 }))).toBe('ok');
  expect(diagnose(input({ linkShare: 0.05, neighbourVolume: 140 }))).toBe('stuck-off');
  // No share known: the neighbours' volume alone decides, as before.
  expect(diagnose(input({}))).toBe('stuck-off');
});

test("stuck-on: a loop standing occupied through its phase's red is a fault only beyond a cycle and 30 s", () => {
  const waiting = (s: number, stuckOnS?: number): HealthInput =>
    input({
      history: Array.from({ length: 10 }, (_, i) => interval(i, 1, 40)),
      occupiedSinceMs: T0 + 300_000 - s * 1000,
      ...(stuckOnS === undefined ? {} : { stuckOnS }),
    });
  // A car on a side street's stop line through 150 s of a 160 s cycle's red.
  expect(diagnose(waiting(150))).toBe('stuck-on');
  expect(diagnose(waiting(150, 190))).toBe('ok');
  expect(diagnose(waiting(200, 190))).toBe('stuck-on');
  // A threshold below the options' 120 s never shortens it.
  expect(diagnose(waiting(100, 60))).toBe('ok');
});

test("a loop's share of its link is learnt while healthy and kept while faulty", () => {
  const loops: Detector[] = [advanceLoop('d0', 0), advanceLoop('d1', 1)];
  const states = new Map<string, DetectorState>(loops.map((d) => [d.id, newDetectorState(d, 30, T0)]));
  // Nothing learnt yet: the first interval with traffic starts from an even share of the group.
  expect(states.get('d0')?.linkShare).toBeNull();
  const agg = (id: string, volume: number): LaneAggregate => ({ ...interval(0, volume, 5), detectorId: id });
  for (let i = 0; i < 200; i++)
    learnLinkShares(
      states,
      new Map([
        ['d0', agg('d0', 1)],
        ['d1', agg('d1', 9)],
      ]),
    );
  expect(states.get('d0')?.linkShare).toBeCloseTo(0.1, 3);
  // An interval with no traffic teaches nothing; a loop judged faulty keeps what it had learnt.
  const d0 = states.get('d0');
  if (d0 === undefined) throw new Error('no d0');
  d0.health = 'stuck-off';
  for (let i = 0; i < 50; i++)
    learnLinkShares(
      states,
      new Map([
        ['d0', agg('d0', 0)],
        ['d1', agg('d1', 9)],
      ]),
    );
  expect(d0.linkShare).toBeCloseTo(0.1, 3);
  expect(states.get('d1')?.linkShare).toBeCloseTo(1, 1);
});

test('stuck-off compares a loop with the loops of its link that call the same signal unit', async () => {
  const { DetectorProcessor } = await import('./index.ts');
  const { VirtualClock } = await import('../../core/index.ts');
  const { DetectorMessages, TEST_LINK } = await import('./testing.ts');
  // Two through lanes (phase 2) and a left-turn pocket (phase 1) on one link, at night: the pocket
  // counts nothing for 10 minutes while the through lanes count 6 a minute each.
  const loops: Detector[] = [advanceLoop('t0', 0), advanceLoop('t1', 1), advanceLoop('left', 2)];
  const unit: Record<string, string> = { t0: 'X/2', t1: 'X/2', left: 'X/1' };
  const run = (unitOf?: (id: string) => string | undefined): string => {
    const clock = new VirtualClock(T0);
    const p = new DetectorProcessor({
      clock,
      detectors: loops,
      links: [{ ...TEST_LINK, lanes: 3 }],
      ...(unitOf === undefined ? {} : { unitOf }),
    });
    const m = new DetectorMessages('unit');
    for (let i = 0; i < 20; i++) {
      const start = T0 + i * 30_000;
      p.onReport(m.report('t0', start, 3));
      p.onReport(m.report('t1', start, 3));
      p.onReport(m.report('left', start, 0, 0));
      clock.advanceTo(start + 32_000);
      p.tick();
    }
    return p.view('left')?.health ?? 'none';
  };
  // Judged by the through lanes (no unit known), the pocket is called stuck-off; by its own unit's
  // loops (none), it cannot be, and stays ok.
  expect(run()).toBe('stuck-off');
  expect(run((id) => unit[id])).toBe('ok');
  // A through lane that dies is still caught against the other through lane.
  expect(run((id) => (id === 'left' ? 'X/2' : unit[id]))).toBe('stuck-off');
});
