/**
 * @module edge/detectors/link-state.test
 * The link-state item carries each measured lane of the station it was estimated from.
 */
import { expect, test } from 'vitest';
import type { Detector, Link } from '../../core/index.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
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
