/**
 * @module center/traffic/travel-time-filter.test
 */
import { expect, test } from 'vitest';
import { sampleLink } from '../state/testing/index.ts';
import {
  LinkTravelTimes,
  filterTravelTime,
  fusedLinkTraffic,
  publishedLinkTraffic,
  type FilteredTravelTime,
} from './index.ts';

const T = Date.UTC(2026, 2, 2, 8, 0, 0);
/** A 500 m link at 45 km/h: 40 s free flow. */
const FREE_S = 40;

/** Filtered times after each of `readings` (s), one per 30 s interval, from a settled link at `startS`. */
function run(readings: readonly number[], startS = 60): number[] {
  let f: FilteredTravelTime | null = null;
  for (let i = 0; i < 20; i++) f = filterTravelTime(f, startS, T + i * 30_000, FREE_S);
  const out: number[] = [];
  readings.forEach((r, i) => {
    f = filterTravelTime(f, r, T + (20 + i) * 30_000, FREE_S);
    out.push(f.travelTimeS);
  });
  return out;
}

test('a settled link stays at its readings', () => {
  expect(run([60])[0]).toBeCloseTo(60, 1);
});

test('a one-interval queue spike is damped, and the next normal interval takes it back', () => {
  // Loops under a red-phase queue: 3 km/h over 500 m, 600 s, between normal 60 s intervals.
  const [spike, after, later] = run([600, 60, 60]) as [number, number, number];
  // Clipped to 1.5 x 60 = 90 s and weighted 28%: ~68 s, not 600.
  expect(spike).toBeGreaterThan(60);
  expect(spike).toBeLessThan(75);
  expect(after).toBeLessThan(spike);
  expect(later).toBeLessThan(after);
});

test('a sustained drop is believed from its second interval and shows within 2 min', () => {
  const times = run([400, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
  expect(times[0]).toBeLessThan(75);
  // Second interval (60 s): taken whole, with the 60 s change time constant.
  expect(times[1]).toBeGreaterThan(150);
  // 2 min: most of the way.
  expect(times[3]).toBeGreaterThan(300);
  expect(times[9]).toBeGreaterThan(380);
});

test('recovery: the clearing is believed from its second interval as well', () => {
  let f: FilteredTravelTime | null = null;
  for (let i = 0; i < 20; i++) f = filterTravelTime(f, 400, T + i * 30_000, FREE_S);
  const times: number[] = [];
  for (let i = 20; i < 30; i++) {
    f = filterTravelTime(f, 50, T + i * 30_000, FREE_S);
    times.push(f.travelTimeS);
  }
  expect(times[0]).toBeGreaterThan(330);
  expect(times[3]).toBeLessThan(150);
  expect(times[9]).toBeLessThan(60);
});

test('never below free flow; an older reading changes nothing', () => {
  let f = filterTravelTime(null, 10, T, FREE_S);
  expect(f.travelTimeS).toBe(FREE_S);
  f = filterTravelTime(f, 80, T + 30_000, FREE_S);
  expect(filterTravelTime(f, 900, T, FREE_S)).toBe(f);
});

test('a queue spike every fifth interval keeps the time within 20% of the normal intervals', () => {
  const times = run(Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? 600 : 60)));
  expect(Math.max(...times)).toBeLessThan(73);
  expect(Math.min(...times)).toBeGreaterThan(60);
});

test('LinkTravelTimes expires a link with no reading and starts it again from free flow', () => {
  const links = new LinkTravelTimes();
  links.observe('L1', 200, T, FREE_S);
  expect(links.get('L1', T + 60_000)).not.toBeNull();
  expect(links.get('L1', T + 400_000)).toBeNull();
  // From free flow again: a 60 s reading (inside the band) weighs 28%, not on top of the old 200 s.
  expect(links.observe('L1', 60, T + 400_000, FREE_S).travelTimeS).toBeCloseTo(45.6, 0);
});

test('published traffic: filtered time, speed and LOS, the reading kept as measuredSpeedKmh', () => {
  const link = { id: 'L1', lengthM: 500, speedLimitKmh: 45 };
  const reading = fusedLinkTraffic(link, sampleLink({ speedKmh: 3, intervalStart: T - 30_000 }), null, T);
  expect(reading.travelTimeS).toBeCloseTo(600);
  const f = filterTravelTime(null, reading.travelTimeS, T, FREE_S);
  const t = publishedLinkTraffic(link, reading, f);
  expect(t.travelTimeS).toBe(f.travelTimeS);
  expect(t.speedKmh).toBeCloseTo((500 / f.travelTimeS) * 3.6);
  expect(t.measuredSpeedKmh).toBe(3);
  // A link's first reading starts from free flow: the 600 s spike is clipped to 60 s and weighs 28%.
  expect(t.travelTimeS).toBeCloseTo(45.6, 0);
  expect(t.los).toBe('A');
  expect(publishedLinkTraffic(link, reading, null)).toBe(reading);
});
