/**
 * @module center/traffic/link-traffic.test
 */
import { expect, test } from 'vitest';
import { sampleLink } from '../state/testing/index.ts';
import { levelOfService, linkTraffic } from './index.ts';

const link = { id: 'L1', lengthM: 500, speedLimitKmh: 60 };
const T = Date.UTC(2026, 2, 2, 8, 0, 0);

test('level of service follows the HCM share of free-flow speed', () => {
  expect([55, 45, 35, 27, 20, 10].map((s) => levelOfService(s, 60))).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
});

test('travel time comes from a fresh measured speed', () => {
  const t = linkTraffic(link, sampleLink({ speedKmh: 30, intervalStart: T - 30_000 }), T);
  expect(t).toMatchObject({ source: 'live', speedKmh: 30, los: 'D' });
  expect(t.travelTimeS).toBeCloseTo(60);
  expect(t.freeFlowTravelTimeS).toBeCloseTo(30);
});

test('a stale or missing measurement falls back to free flow', () => {
  expect(linkTraffic(link, null, T)).toMatchObject({ source: 'free-flow', speedKmh: 60, los: 'A' });
  const old = sampleLink({ speedKmh: 10, intervalStart: T - 3_600_000 });
  expect(linkTraffic(link, old, T).source).toBe('free-flow');
});

test('a stopped queue gives a long but finite travel time', () => {
  const t = linkTraffic(link, sampleLink({ speedKmh: 0, intervalStart: T - 30_000 }), T);
  expect(t.travelTimeS).toBeCloseTo(600);
  expect(t.los).toBe('F');
});
