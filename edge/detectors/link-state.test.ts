/**
 * @module edge/detectors/link-state.test
 * The link-state item carries each measured lane of the station it was estimated from.
 */
import { expect, test } from 'vitest';
import type { Detector, Link } from '../../core/index.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
import { controlDelayS, speedWithDelayKmh } from './control-delay.ts';
import { estimateLinkState } from './link-state.ts';

const T0 = Date.UTC(2026, 10, 26, 8, 0, 0);
const link: Link = { id: 'L1', from: 'a', to: 'b', lanes: 4, speedLimitKmh: 50, roadClass: 'arterial' };
const loop = (lane: number, role: Detector['role']): Detector => ({
  id: `D${lane}-${role}`,
  region: 'r1',
  linkId: 'L1',
  lane,
  positionM: role === 'stopbar' ? 195 : 140,
  lengthM: 2,
  role,
  intervalS: 30,
});
const aggregate = (detectorId: string, volume: number, occupancyPct: number): LaneAggregate => ({
  detectorId,
  intervalStart: T0,
  intervalS: 30,
  volume,
  occupancyPct,
  speedKmh: 40,
  source: 'actuation',
  shortPulses: 0,
});

test('lists each lane of the chosen station with its own flow and occupancy, lane order, unscaled', () => {
  // Advance loops on lanes 2, 0 and 1 (lane 3 has none); stop bars on all four are not the station.
  const detectors = [loop(2, 'advance'), loop(0, 'advance'), loop(1, 'advance'), loop(3, 'stopbar')];
  const aggregates = new Map([
    ['D0-advance', aggregate('D0-advance', 6, 10)],
    ['D1-advance', aggregate('D1-advance', 0, 0)],
    ['D2-advance', aggregate('D2-advance', 9, 14)],
    ['D3-stopbar', aggregate('D3-stopbar', 7, 40)],
  ]);
  const state = estimateLinkState(link, detectors, aggregates);
  expect(state?.lanes).toEqual([
    { lane: 0, flowVph: 720, occupancyPct: 10 },
    { lane: 1, flowVph: 0, occupancyPct: 0 },
    { lane: 2, flowVph: 1080, occupancyPct: 14 },
  ]);
  // The link's flow is scaled to its four lanes from the three measured.
  expect(state?.flowVph).toBeCloseTo(((15 * 4) / 3) * 120, 5);
});

test('leaves out a lane whose loop is not healthy (absent from the aggregates)', () => {
  const detectors = [loop(0, 'advance'), loop(1, 'advance')];
  const state = estimateLinkState(link, detectors, new Map([['D1-advance', aggregate('D1-advance', 5, 8)]]));
  expect(state?.lanes).toEqual([{ lane: 1, flowVph: 600, occupancyPct: 8 }]);
});

test('a link measured only at its stop line: free-flow running plus control delay, not the queue on the loop', () => {
  // A side street at night: 2 vehicles a lane in 30 s crossing from rest at 2 km/h, the loop 60%
  // occupied by the red's queue. Spot speeds or q / k would say 2-4 km/h (level of service F).
  const detectors = [loop(0, 'stopbar'), loop(1, 'stopbar')];
  const slow = (id: string): LaneAggregate => ({ ...aggregate(id, 2, 60), speedKmh: 2 });
  const aggregates = new Map([
    ['D0-stopbar', slow('D0-stopbar')],
    ['D1-stopbar', slow('D1-stopbar')],
  ]);
  const timing = { greenS: 30, cycleS: 90 };
  const state = estimateLinkState(link, detectors, aggregates, { timingOf: () => timing });
  // 197 m at 50 km/h is 14.2 s; each lane's 240 veh/h on a third of a 90 s cycle waits 24.6 s
  // (HCM d1 22.9 + d2 1.7): 18.3 km/h.
  const delayS = controlDelayS(240, timing);
  expect(delayS).toBeCloseTo(24.6, 1);
  expect(state?.speedKmh).toBeCloseTo(speedWithDelayKmh(197, 50, delayS), 6);
  expect(state?.speedKmh).toBeCloseTo(18.3, 1);
  // Flow and occupancy are still the loops'.
  expect(state?.flowVph).toBe(480 * 2);
  expect(state?.occupancyPct).toBe(60);
  // Without the green of the loops' phase (controller unreachable) the edge says no speed at all.
  expect(estimateLinkState(link, detectors, aggregates)?.speedKmh).toBeNull();
  // A station away from the stop line keeps its measured speed.
  const advance = estimateLinkState(
    link,
    [loop(0, 'advance'), loop(0, 'stopbar')],
    new Map([
      ['D0-advance', aggregate('D0-advance', 5, 8)],
      ['D0-stopbar', slow('D0-stopbar')],
    ]),
    { timingOf: () => timing },
  );
  expect(advance?.speedKmh).toBe(40);
});
