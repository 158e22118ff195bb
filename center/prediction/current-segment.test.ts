/**
 * @module center/prediction/current-segment.test
 */
import { expect, test } from 'vitest';
import type { StopPattern } from '../network/index.ts';
import { sampleVehicle } from '../state/testing/index.ts';
import { STANDING_HOLD_S, STANDING_MPS, remainingOnSegment } from './current-segment.ts';
import { DwellModel, SegmentSmoother, predictVehicle } from './index.ts';

const segment = { meanS: 100, varianceS2: 400 };

test('a moving bus needs its share of the segment time, a standing one the hold on top', () => {
  expect(remainingOnSegment(segment, 0.5, 8)).toEqual({ meanS: 50, varianceS2: 100 });
  const standing = remainingOnSegment(segment, 0.5, 0);
  expect(standing.meanS).toBe(50 + STANDING_HOLD_S);
  expect(standing.varianceS2).toBeGreaterThan(100);
  expect(remainingOnSegment(segment, 0.5, STANDING_MPS).meanS).toBe(50);
});

test('the share is clamped to the segment', () => {
  expect(remainingOnSegment(segment, 1.4, 8).meanS).toBe(100);
  expect(remainingOnSegment(segment, -0.2, 8).meanS).toBe(0);
  expect(remainingOnSegment(segment, -0.2, 0).meanS).toBe(STANDING_HOLD_S);
});

test('a bus standing mid-segment is predicted later at every stop ahead by the hold', () => {
  const T = Date.UTC(2026, 10, 25, 22, 10, 0);
  const smoother = new SegmentSmoother();
  smoother.observe('R1', 'S1', 'S2', T, 100);
  const positions = new Map([
    ['S1', { lon: 127.0, lat: 37.5 }],
    ['S2', { lon: 127.01, lat: 37.5 }],
    ['S3', { lon: 127.02, lat: 37.5 }],
  ]);
  const pattern: StopPattern = {
    routeId: 'R1',
    directionId: 0,
    stopIds: ['S1', 'S2', 'S3'],
    scheduledSegmentS: [120, 200],
    scheduledDwellS: [0, 30, 0],
  };
  const ctx = {
    nowMs: T,
    smoother,
    dwell: new DwellModel(),
    stopPosition: (id: string) => positions.get(id) ?? null,
    medianShiftSigmas: 0,
    schedulePriorSamples: 0,
  };
  const at = { routeId: 'R1', at: T, lon: 127.005, lat: 37.5, lastStopId: 'S1', nextStopId: 'S2' };
  const moving = predictVehicle(sampleVehicle({ ...at, speedMps: 8 }), pattern, ctx);
  const standing = predictVehicle(sampleVehicle({ ...at, speedMps: 0 }), pattern, ctx);
  expect((moving[0]?.etaMs ?? 0) - T).toBeCloseTo(50_000, -3);
  expect(standing.map((p, i) => p.etaMs - (moving[i]?.etaMs ?? 0))).toEqual([
    STANDING_HOLD_S * 1000,
    STANDING_HOLD_S * 1000,
  ]);
});

test('a bus still at its last stop needs the rest of its dwell, then the whole segment', () => {
  const T = Date.UTC(2026, 10, 25, 22, 10, 0);
  const smoother = new SegmentSmoother();
  smoother.observe('R1', 'S1', 'S2', T - 600_000, 100);
  const positions = new Map([
    ['S1', { lon: 127.0, lat: 37.5 }],
    ['S2', { lon: 127.01, lat: 37.5 }],
  ]);
  const pattern: StopPattern = {
    routeId: 'R1',
    directionId: 0,
    stopIds: ['S1', 'S2'],
    scheduledSegmentS: [100],
    scheduledDwellS: [0, 0],
  };
  const dwell = new DwellModel({ defaultDwellS: 20 });
  dwell.observe('bus-1', 'S1', 'arrive', T - 5_000, 'R1');
  const bus = sampleVehicle({ routeId: 'R1', at: T, lon: 127.0, lat: 37.5, speedMps: 0 });
  const ctx = {
    nowMs: T,
    smoother,
    dwell,
    stopPosition: (id: string) => positions.get(id) ?? null,
    medianShiftSigmas: 0,
  };
  // 20 s expected dwell, 5 s of it done: 15 s more, then the segment's 100 s.
  expect((predictVehicle(bus, pattern, ctx)[0]?.etaMs ?? 0) - T).toBe(115_000);
  // Without the dwell, the standing hold on top of the whole segment.
  const plain = predictVehicle(bus, pattern, { ...ctx, dwellAware: false })[0]?.etaMs ?? 0;
  expect(plain - T).toBe(100_000 + STANDING_HOLD_S * 1000);
  // Once it has left, its dwell is over.
  dwell.observe('bus-1', 'S1', 'depart', T + 1_000, 'R1');
  const moving = sampleVehicle({ routeId: 'R1', at: T + 2_000, lon: 127.0, lat: 37.5 });
  expect((predictVehicle(moving, pattern, { ...ctx, nowMs: T + 2_000 })[0]?.etaMs ?? 0) - T).toBe(102_000);
});
