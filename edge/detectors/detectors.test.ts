/**
 * @module edge/detectors/detectors.test
 * Lane aggregates, link state from healthy loops, and detector health with alarms.
 */
import { test, expect } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import type { DetectorActuation, DetectorReport } from '../../core/index.ts';
import type { DetectorTickOutput } from './index.ts';
import { DetectorProcessor, LaneAggregator } from './index.ts';
import { advanceLoop, DetectorMessages, TEST_LINK } from './testing.ts';

const T0 = Date.UTC(2026, 10, 26, 8, 0, 0);
const link = TEST_LINK;
const detector = advanceLoop;
const messages = new DetectorMessages('r');
const act = (deviceId: string, state: 'on' | 'off', ts: number): DetectorActuation =>
  messages.act(deviceId, state, ts);
const rep = (deviceId: string, intervalStart: number, volume: number, occupancyPct: number): DetectorReport =>
  messages.report(deviceId, intervalStart, volume, occupancyPct);

test('aggregates actuations into volume, occupancy and a g-factor speed', () => {
  const agg = new LaneAggregator({ detectorId: 'd', intervalS: 30, effectiveLengthM: 7 });
  // Ten vehicles, each 0.63 s on the loop: 7 m / 0.63 s = 40 km/h.
  for (let i = 0; i < 10; i++) {
    agg.actuation('on', T0 + i * 3000);
    agg.actuation('off', T0 + i * 3000 + 630);
  }
  const closed = agg.close(T0 + 30_000);
  expect(closed).toHaveLength(1);
  expect(closed[0]?.volume).toBe(10);
  expect(closed[0]?.occupancyPct).toBeCloseTo(21, 5);
  expect(closed[0]?.speedKmh).toBeCloseTo(40, 5);
});

test('splits the occupancy of a vehicle standing across an interval boundary', () => {
  const agg = new LaneAggregator({ detectorId: 'd', intervalS: 30 });
  agg.actuation('on', T0 + 20_000);
  const first = agg.close(T0 + 30_000);
  agg.actuation('off', T0 + 45_000);
  const second = agg.close(T0 + 60_000);
  expect(first.at(-1)?.occupancyPct).toBeCloseTo(100 / 3, 5);
  expect(second.at(-1)?.occupancyPct).toBeCloseTo(50, 5);
});

function setup(): { processor: DetectorProcessor; clock: VirtualClock } {
  const clock = new VirtualClock(T0);
  const processor = new DetectorProcessor({
    clock,
    detectors: [detector('d0', 0), detector('d1', 1)],
    links: [link],
  });
  return { processor, clock };
}

test('link flow and density come from the lanes reports', () => {
  const { processor, clock } = setup();
  processor.onReport(rep('d0', T0, 10, 10));
  processor.onReport(rep('d1', T0, 5, 6));
  clock.advanceTo(T0 + 32_500);
  const out = processor.tick();
  expect(out.linkStates).toHaveLength(1);
  const ls = out.linkStates[0];
  expect(ls?.flowVph).toBeCloseTo(1800, 5);
  expect(ls?.occupancyPct).toBeCloseTo(8, 5);
  // k = occ / (5 m + 2 m) per lane: 0.10/7 + 0.06/7 per metre = 22.86 veh/km.
  expect(ls?.densityVpkm).toBeCloseTo(22.857, 2);
  expect(ls?.speedKmh).toBe(40);
});

test('a stuck-on detector raises an alarm, leaves the link estimate and clears when it recovers', () => {
  const { processor, clock } = setup();
  const outputs: DetectorTickOutput[] = [];
  for (let i = 0; i < 12; i++) {
    const start = T0 + i * 30_000;
    processor.onReport(rep('d0', start, i < 6 ? 0 : 9, i < 6 ? 100 : 12));
    processor.onReport(rep('d1', start, 9, 12));
    clock.advanceTo(start + 32_500);
    outputs.push(processor.tick());
  }
  const alarms = outputs.flatMap((o) => o.alarms);
  expect(alarms.map((a) => [a.state, a.code])).toEqual([
    ['raised', 'detector-stuck-on'],
    ['cleared', 'detector-stuck-on'],
  ]);
  const stuckTick = outputs.findIndex((o) => o.alarms.some((a) => a.state === 'raised'));
  // While stuck, the link flow is extrapolated from the healthy lane only: 9 veh x 2 lanes x 120.
  expect(outputs[stuckTick + 1]?.linkStates[0]?.flowVph).toBeCloseTo(2160, 5);
  expect(processor.view('d1')?.health).toBe('ok');
});

test('a loop that counts nothing while its neighbour flows is stuck-off', () => {
  const { processor, clock } = setup();
  const health: string[] = [];
  for (let i = 0; i < 10; i++) {
    const start = T0 + i * 30_000;
    processor.onReport(rep('d0', start, 0, 0));
    processor.onReport(rep('d1', start, 8, 10));
    clock.advanceTo(start + 32_500);
    for (const h of processor.tick().healthChanges) health.push(`${h.detectorId}:${h.health}`);
  }
  expect(health).toEqual(['d0:stuck-off']);
});

test('an empty road is not stuck-off', () => {
  const { processor, clock } = setup();
  for (let i = 0; i < 10; i++) {
    const start = T0 + i * 30_000;
    processor.onReport(rep('d0', start, 0, 0));
    processor.onReport(rep('d1', start, 0, 0));
    clock.advanceTo(start + 32_500);
    expect(processor.tick().healthChanges).toEqual([]);
  }
});

test('many very short pulses are chattering', () => {
  const { processor, clock } = setup();
  for (let i = 0; i < 20; i++) {
    processor.onActuation(act('d0', 'on', T0 + i * 1000));
    processor.onActuation(act('d0', 'off', T0 + i * 1000 + 20));
  }
  processor.onReport(rep('d1', T0, 8, 10));
  clock.advanceTo(T0 + 32_500);
  expect(processor.tick().healthChanges.map((h) => h.health)).toEqual(['chattering']);
});

test('a detector that sends nothing becomes silent', () => {
  const { processor, clock } = setup();
  let changes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const start = T0 + i * 30_000;
    processor.onReport(rep('d1', start, 8, 10));
    clock.advanceTo(start + 32_500);
    changes = changes.concat(processor.tick().healthChanges.map((h) => `${h.detectorId}:${h.health}`));
  }
  expect(changes).toEqual(['d0:silent']);
});

test('after a restart, replayed reports of intervals before the start are still summarised', () => {
  const clock = new VirtualClock(T0 + 95_000);
  const processor = new DetectorProcessor({
    clock,
    detectors: [detector('d0', 0), detector('d1', 1)],
    links: [link],
    acceptFromMs: T0,
  });
  processor.onReport(rep('d0', T0 + 30_000, 4, 5));
  processor.onReport(rep('d1', T0 + 30_000, 6, 7));
  clock.advance(1000);
  expect(processor.tick().linkStates.map((l) => l.intervalStart)).toEqual([T0 + 30_000]);
});
