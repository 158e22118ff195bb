/**
 * @module center/prediction/prediction.test
 */
import { expect, test } from 'vitest';
import { VirtualClock, loadScenario } from '../../core/index.ts';
import { buildCenterNetwork, type StopPattern } from '../network/index.ts';
import { sampleVehicle } from '../state/testing/index.ts';
import { ArrivalService, DwellModel, SegmentSmoother, arrivalText, predictVehicle } from './index.ts';

const T = Date.UTC(2026, 10, 25, 22, 10, 0); // 07:10 in Seoul

test('smoothing moves toward recent segment times and keeps time-of-day buckets apart', () => {
  const s = new SegmentSmoother({ alpha: 0.5, prior: 0 });
  s.observe('R', 'a', 'b', T, 100);
  s.observe('R', 'a', 'b', T, 140);
  expect(s.estimate('R', 'a', 'b', T)?.meanS).toBe(120);
  s.observe('R', 'a', 'b', T + 3 * 3_600_000, 300);
  expect(s.estimate('R', 'a', 'b', T)?.meanS).toBe(120);
  expect(s.estimate('R', 'a', 'b', T + 3 * 3_600_000)?.meanS).toBe(300);
  expect(s.estimate('R', 'a', 'x', T)).toBeNull();
});

test('a time-of-day bucket with few observations leans on the segment over the whole day', () => {
  const s = new SegmentSmoother({ alpha: 0.5, prior: 1 });
  s.observe('R', 'a', 'b', T, 100);
  s.observe('R', 'a', 'b', T + 3 * 3_600_000, 300);
  // Bucket 300 (1 sample) and all-day 200 (alpha 0.5), weighted 1:1.
  expect(s.estimate('R', 'a', 'b', T + 3 * 3_600_000)?.meanS).toBe(250);
  expect(s.estimate('R', 'a', 'b', T + 6 * 3_600_000)?.meanS).toBe(200);
});

test('a route new to a stop pair starts from the other routes serving it, and leans on them while it has few buses', () => {
  const s = new SegmentSmoother({ alpha: 0.5, prior: 4, routePrior: 1 });
  for (let i = 0; i < 3; i++) s.observe('A', 'a', 'b', T, 200);
  // No bus of route B has driven a -> b: the pair's time over every route.
  expect(s.estimate('B', 'a', 'b', T)?.meanS).toBe(200);
  s.observe('B', 'a', 'b', T, 100);
  // B's all-day 100 (1 bus) shrunk 1:1 toward the pair's 150 (alpha 0.5), its bucket (1 bus) 1:4.
  expect(s.estimate('B', 'a', 'b', T)?.meanS).toBe(120);
  const apart = new SegmentSmoother({ alpha: 0.5, prior: 4, routePrior: 0 });
  for (let i = 0; i < 3; i++) apart.observe('A', 'a', 'b', T, 200);
  expect(apart.estimate('B', 'a', 'b', T)).toBeNull();
  apart.observe('B', 'a', 'b', T, 100);
  expect(apart.estimate('B', 'a', 'b', T)?.meanS).toBe(100);
});

test("a segment's spread is the pooled share of its mean, learnt over every segment", () => {
  const s = new SegmentSmoother({ alpha: 0.5, prior: 0 });
  s.observe('R', 'a', 'b', T, 100);
  // One bus seen: the prior spread, half the mean (σ 50 s), not the one bus's none.
  expect(s.estimate('R', 'a', 'b', T)?.varianceS2).toBeCloseTo(2500);
  // Buses on other segments varying by ±20% of their mean: the pooled share moves toward 0.2.
  for (let i = 0; i < 2000; i++) s.observe('R', 'c', 'd', T, i % 2 === 0 ? 240 : 360);
  expect(Math.sqrt(s.pooledCv2)).toBeLessThan(0.3);
  expect(s.estimate('R', 'a', 'b', T)?.varianceS2).toBeCloseTo(s.pooledCv2 * 100 * 100);
});

test('a single wild observation is clipped', () => {
  const s = new SegmentSmoother({ alpha: 0.5, clip: 2, prior: 0 });
  s.observe('R', 'a', 'b', T, 100);
  s.observe('R', 'a', 'b', T, 5000);
  expect(s.estimate('R', 'a', 'b', T)?.meanS).toBe(150);
});

test('dwell is learnt from arrive and depart events of one bus', () => {
  const d = new DwellModel({ defaultDwellS: 20 });
  expect(d.dwellS('S1')).toBe(20);
  expect(d.dwellS('S1', 30)).toBe(30);
  d.observe('bus-1', 'S1', 'arrive', T);
  d.observe('bus-1', 'S1', 'depart', T + 40_000);
  expect(d.dwellS('S1', 30)).toBe(40);
});

test('arrival texts read as Seoul signs do', () => {
  expect(arrivalText(40, 1, 'live')).toEqual({ ko: '곧 도착', en: 'arriving' });
  expect(arrivalText(185, 2, 'live')).toEqual({ ko: '3분 후 [2번째 전]', en: '3 min [2 stops away]' });
  expect(arrivalText(300, null, 'schedule').ko).toBe('5분 후 (시간표)');
});

const pattern: StopPattern = {
  routeId: 'R1',
  directionId: 0,
  stopIds: ['S1', 'S2', 'S3'],
  scheduledSegmentS: [120, 200],
  scheduledDwellS: [0, 30, 0],
};
const positions = new Map([
  ['S1', { lon: 127.0, lat: 37.5 }],
  ['S2', { lon: 127.01, lat: 37.5 }],
  ['S3', { lon: 127.02, lat: 37.5 }],
]);

test('predicts each stop ahead from the remaining share, dwell and smoothed segments', () => {
  const smoother = new SegmentSmoother();
  smoother.observe('R1', 'S1', 'S2', T, 100);
  const bus = sampleVehicle({
    routeId: 'R1',
    at: T,
    lon: 127.005,
    lat: 37.5,
    lastStopId: 'S1',
    nextStopId: 'S2',
  });
  const ctx = {
    nowMs: T,
    smoother,
    dwell: new DwellModel(),
    stopPosition: (id: string) => positions.get(id) ?? null,
    schedulePriorSamples: 0,
  };
  const p = predictVehicle(bus, pattern, { ...ctx, medianShiftSigmas: 0 });
  expect(p.map((x) => [x.stopId, x.stopsAway])).toEqual([
    ['S2', 1],
    ['S3', 2],
  ]);
  expect((p[0]?.etaMs ?? 0) - T).toBeCloseTo(50_000, -3);
  expect((p[1]?.etaMs ?? 0) - (p[0]?.etaMs ?? 0)).toBeCloseTo(230_000, -3);
  expect(p[1]?.basis).toBe('schedule-times');
  expect(p[0]?.lowMs).toBeLessThan(p[0]?.etaMs ?? 0);
  expect(p[0]?.highMs).toBeGreaterThan(p[0]?.etaMs ?? 0);
  // By default the point is the median of a right-skewed time, a little before the mean.
  const median = predictVehicle(bus, pattern, ctx);
  expect(median[0]?.etaMs).toBeLessThan(p[0]?.etaMs ?? 0);
  expect(median[0]?.lowMs).toBe(p[0]?.lowMs);
});

test('a segment seen by few buses leans on the timetable running time', () => {
  const smoother = new SegmentSmoother();
  smoother.observe('R1', 'S1', 'S2', T, 60);
  const bus = sampleVehicle({
    routeId: 'R1',
    at: T,
    lon: 127.0,
    lat: 37.5,
    lastStopId: 'S1',
    nextStopId: 'S2',
  });
  const ctx = {
    nowMs: T,
    smoother,
    dwell: new DwellModel(),
    stopPosition: (id: string) => positions.get(id) ?? null,
    medianShiftSigmas: 0,
  };
  const eta = (schedulePriorSamples: number): number =>
    (predictVehicle(bus, pattern, { ...ctx, schedulePriorSamples })[0]?.etaMs ?? 0) - T;
  // One bus took 60 s where the timetable says 120 s: with two pseudo-samples of it, 100 s.
  expect(eta(0)).toBeCloseTo(60_000, -3);
  expect(eta(2)).toBeCloseTo(100_000, -3);
});

const net = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));

test('a stop board shows live buses with texts and crowding', () => {
  const clock = new VirtualClock(T);
  const arrivals = new ArrivalService({ network: net, clock });
  const bus = sampleVehicle({
    routeId: '140',
    tripId: '140-0-0700',
    at: T,
    lon: 127.0276,
    lat: 37.4978,
    lastStopId: '22-201',
    nextStopId: '22-202',
    passengers: 70,
  });
  const touched = arrivals.observe([{ op: 'put', collection: 'vehicle', id: bus.vehicleId, value: bus }]);
  expect(touched.has('22-202')).toBe(true);
  const board = arrivals.board('22-202');
  expect(board?.routes[0]).toMatchObject({ routeId: '140', status: 'live' });
  expect(board?.routes[0]?.arrivals[0]).toMatchObject({ stopsAway: 1, source: 'live', crowding: 'high' });
});

test('without live buses a board falls back to the timetable, flagged, then says service ended', () => {
  const clock = new VirtualClock(T);
  const arrivals = new ArrivalService({ network: net, clock });
  const board = arrivals.board('22-202');
  expect(board?.routes[0]?.status).toBe('schedule');
  expect(board?.routes[0]?.arrivals[0]?.source).toBe('schedule');
  clock.advance(4 * 3_600_000);
  expect(arrivals.board('22-202')?.routes[0]).toMatchObject({ status: 'ended', text: { ko: '운행종료' } });
  expect(arrivals.board('nope')).toBeNull();
});

test('a bus not heard from for minutes is not used for live prediction', () => {
  const clock = new VirtualClock(T);
  const arrivals = new ArrivalService({ network: net, clock });
  const bus = sampleVehicle({
    routeId: '140',
    tripId: '140-0-0700',
    at: T,
    nextStopId: '22-202',
    lastStopId: '22-201',
  });
  arrivals.observe([{ op: 'put', collection: 'vehicle', id: bus.vehicleId, value: bus }]);
  clock.advance(10 * 60_000);
  expect(arrivals.board('22-202')?.routes[0]?.status).not.toBe('live');
});
