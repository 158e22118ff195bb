/**
 * @module center/prediction/segment-profile.test
 */
import { expect, test } from 'vitest';
import type { StopPattern } from '../network/index.ts';
import { sampleVehicle } from '../state/testing/index.ts';
import { DwellModel, SegmentProfile, SegmentSmoother, predictVehicle, type SegmentPlace } from './index.ts';

const T = Date.UTC(2026, 10, 25, 22, 10, 0);
const place = (shareLeft: number, standing = false, standingForS: number | null = null): SegmentPlace => ({
  routeId: 'R',
  fromStopId: 'A',
  toStopId: 'B',
  shareLeft,
  standing,
  standingForS,
});

test('learns the time to the next stop from where earlier buses reported', () => {
  const profile = new SegmentProfile({ minSamples: 2 });
  for (let i = 0; i < 3; i++) {
    const t0 = T + i * 600_000;
    // Before the signal (70% of the segment left) a bus still needs 90 s; past it (20% left), 15 s.
    profile.observeProgress(`bus-${i}`, place(0.7), t0);
    profile.observeProgress(`bus-${i}`, place(0.2), t0 + 75_000);
    profile.observeArrival(`bus-${i}`, 'B', t0 + 90_000);
  }
  expect(profile.estimate(place(0.72))?.meanS).toBe(90);
  expect(profile.estimate(place(0.2))?.meanS).toBe(15);
  expect(profile.estimate(place(0.2, true))).toBeNull();
  expect(profile.estimate(place(0.45))).toBeNull();
});

test('a standing bus is told apart by how long it has stood', () => {
  const profile = new SegmentProfile({ minSamples: 1, standingTiersS: [20] });
  profile.observeProgress('bus-1', place(0.3, true, 5), T);
  profile.observeProgress('bus-1', place(0.3, true, 45), T + 40_000);
  profile.observeArrival('bus-1', 'B', T + 70_000);
  expect(profile.estimate(place(0.3, true, 0))?.meanS).toBe(70);
  expect(profile.estimate(place(0.3, true, 60))?.meanS).toBe(30);
});

test('reports of a bus that never reaches the stop, or of another segment, are not learnt', () => {
  const profile = new SegmentProfile({ minSamples: 1 });
  profile.observeProgress('bus-1', place(0.5), T);
  profile.forget('bus-1');
  profile.observeArrival('bus-1', 'B', T + 30_000);
  profile.observeProgress('bus-2', place(0.5), T);
  profile.observeArrival('bus-2', 'C', T + 30_000);
  expect(profile.estimate(place(0.5))).toBeNull();
});

test('a prediction leans on the learnt time from the bus place as samples accumulate', () => {
  const pattern: StopPattern = {
    routeId: 'R',
    directionId: 0,
    stopIds: ['A', 'B'],
    scheduledSegmentS: [100],
    scheduledDwellS: [0, 0],
  };
  const positions = new Map([
    ['A', { lon: 127.0, lat: 37.5 }],
    ['B', { lon: 127.01, lat: 37.5 }],
  ]);
  const smoother = new SegmentSmoother();
  smoother.observe('R', 'A', 'B', T - 3_600_000, 100);
  const profile = new SegmentProfile({ minSamples: 1 });
  for (let i = 0; i < 3; i++) {
    // Earlier buses halfway along needed 40 s, not the 50 s half of the segment's time.
    profile.observeProgress(`bus-${i}`, place(0.5), T - 1_000_000 + i * 100_000);
    profile.observeArrival(`bus-${i}`, 'B', T - 1_000_000 + i * 100_000 + 40_000);
  }
  const bus = sampleVehicle({
    vehicleId: 'bus-9',
    routeId: 'R',
    at: T,
    lon: 127.005,
    lat: 37.5,
    lastStopId: 'A',
    nextStopId: 'B',
  });
  const ctx = {
    nowMs: T,
    smoother,
    dwell: new DwellModel(),
    stopPosition: (id: string) => positions.get(id) ?? null,
    medianShiftSigmas: 0,
  };
  const eta = (c: object): number => (predictVehicle(bus, pattern, { ...ctx, ...c })[0]?.etaMs ?? 0) - T;
  expect(eta({})).toBeCloseTo(50_000, -3);
  // Three samples against three pseudo-samples of the share: halfway between 40 and 50 s.
  expect(eta({ profile })).toBeCloseTo(45_000, -3);
  expect(eta({ profile, profilePriorSamples: 0 })).toBeCloseTo(40_000, -3);
});

test('the situation at the signal ahead shifts a place’s time by what that situation took elsewhere', () => {
  const profile = new SegmentProfile({ minSamples: 1 });
  // On many segments, buses that will pass on green take 20 s less than their place's mean, buses
  // meeting a red 20 s more (learnt pooled, not per place).
  for (let i = 0; i < 80; i++) {
    const at = T + i * 600_000;
    const seg = { ...place(0.6), fromStopId: `A${i % 5}`, toStopId: `B${i % 5}` };
    const signal = i % 2 === 0 ? 'p' : 'w';
    profile.observeProgress(`bus-${i}`, { ...seg, signal }, at);
    profile.observeArrival(`bus-${i}`, `B${i % 5}`, at + (signal === 'p' ? 30_000 : 70_000));
  }
  const seg = { ...place(0.6), fromStopId: 'A0', toStopId: 'B0' };
  const plain = profile.estimate(seg)?.meanS ?? Number.NaN;
  const pass = profile.estimate({ ...seg, signal: 'p' })?.meanS ?? Number.NaN;
  const wait = profile.estimate({ ...seg, signal: 'w' })?.meanS ?? Number.NaN;
  expect(wait - pass).toBeGreaterThan(30);
  expect(pass).toBeLessThan(plain);
  expect(wait).toBeGreaterThan(plain);
  // A standing bus's situations are learnt apart from a moving one's: none seen yet, no shift.
  expect(profile.estimate({ ...seg, standing: true, signal: 'w' })).toEqual(
    profile.estimate({ ...seg, standing: true }),
  );
});
