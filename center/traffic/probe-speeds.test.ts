/**
 * @module center/traffic/probe-speeds.test
 * Bus probes on the mini scenario: route 140 direction 0 drives L-s-in (397.5 m, stop 22-201 at
 * 307.5 m) then L-n-out (400.7 m, stop 22-202 at 120 m).
 */
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { sampleLink, sampleVehicle } from '../state/testing/index.ts';
import type { StopEventRecord } from '../state/index.ts';
import { BusPaths, LinkProbes, fusedLinkTraffic, probeLinkEstimate, type ProbeTraversal } from './index.ts';

const net = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const IN = net.links.get('L-s-in');
const OUT = net.links.get('L-n-out');
if (IN === undefined || OUT === undefined) throw new Error('mini scenario changed');

/** A fix of bus `id` at `s` seconds, `m` metres along L-s-in then L-n-out. */
function fix(id: string, s: number, m: number, speedMps = 10): ReturnType<typeof sampleVehicle> {
  const link = m <= (IN?.lengthM ?? 0) ? IN : OUT;
  const along = m <= (IN?.lengthM ?? 0) ? m : m - (IN?.lengthM ?? 0);
  const [a, b] = link?.coordinates ?? [];
  const f = along / (link?.lengthM ?? 1);
  return sampleVehicle({
    vehicleId: id,
    routeId: '140',
    tripId: '140-0-0700',
    at: T0 + s * 1000,
    lon: (a?.[0] ?? 0) + f * ((b?.[0] ?? 0) - (a?.[0] ?? 0)),
    lat: (a?.[1] ?? 0) + f * ((b?.[1] ?? 0) - (a?.[1] ?? 0)),
    speedMps,
    distanceM: m,
    onRoute: true,
  });
}

const stopEvent = (id: string, event: 'arrive' | 'depart', s: number): StopEventRecord => ({
  vehicleId: id,
  routeId: '140',
  tripId: '140-0-0700',
  stopId: '22-201',
  event,
  at: T0 + s * 1000,
  region: 'gangnam',
});

/** Drive bus `id` from 5 m to 10 m into L-n-out at 10 m/s from `startS`, dwelling `dwellS` at 22-201. */
function drive(probes: LinkProbes, id: string, startS: number, dwellS: number, speed = 10): number {
  let s = startS;
  for (let m = 5; m < 300; m += speed * 5, s += 5) probes.observeProgress(fix(id, s, m));
  probes.observeProgress(fix(id, s, 305, 0));
  probes.observeStopEvent(stopEvent(id, 'arrive', s));
  probes.observeProgress(fix(id, s + dwellS, 307, 0));
  probes.observeStopEvent(stopEvent(id, 'depart', s + dwellS));
  s += dwellS;
  for (let m = 307 + speed * 5; m < 420; m += speed * 5) probes.observeProgress(fix(id, (s += 5), m));
  return s;
}

test('a bus driving a link gives its moving time without the dwell at the stop', () => {
  const probes = new LinkProbes(new BusPaths(net));
  drive(probes, 'bus-1', 0, 45);
  const [t] = probes.completed('L-s-in');
  expect(t).toMatchObject({ linkId: 'L-s-in', vehicleId: 'bus-1', complete: true });
  // 392.5 m at 10 m/s from the first fix, 5 m into the link.
  expect(t?.dwellS).toBeCloseTo(45, 0);
  expect(t?.movingS).toBeGreaterThan(35);
  expect(t?.movingS).toBeLessThan(45);
  // L-n-out, the trip's last link, is never left.
  expect(probes.completed('L-n-out')).toHaveLength(0);
});

test('a traversal with a long gap between fixes (a GPS dropout) is not used', () => {
  const probes = new LinkProbes(new BusPaths(net));
  probes.observeProgress(fix('bus-2', 0, 5));
  probes.observeProgress(fix('bus-2', 10, 100));
  probes.observeProgress(fix('bus-2', 100, 200));
  probes.observeProgress(fix('bus-2', 110, 410));
  expect(probes.completed('L-s-in')).toHaveLength(0);
});

const traversal = (exitS: number, movingS: number, complete = true): ProbeTraversal => ({
  linkId: 'L-s-in',
  vehicleId: `bus-${exitS}`,
  routeId: '140',
  enteredAt: T0 + (exitS - movingS) * 1000,
  exitedAt: T0 + exitS * 1000,
  movingS,
  dwellS: 0,
  heldS: 0,
  drivenM: 397.5,
  complete,
});

/** Bus `id` seen every 10 s from `startS` at each of `metres` (along L-s-in then L-n-out); the last time. */
function follow(probes: LinkProbes, id: string, startS: number, metres: readonly number[]): number {
  let s = startS;
  for (const [i, m] of metres.entries()) {
    const next = metres[i + 1];
    probes.observeProgress(fix(id, (s += 10), m, next === undefined || next - m >= 10 ? 10 : 0));
  }
  return s;
}

const repeat = (m: number, times: number): number[] => Array.from({ length: times }, () => m);

test('a bus queued for several cycles, advancing at each green, is held no longer than a red', () => {
  // Route 4412's buses at Seocho Station's saturated left turn (bench recording, seed 1): 339-410 s on a
  // link they usually take in 70-160 s, none standing more than 80-100 s in one place.
  const probes = new LinkProbes(new BusPaths(net));
  const queue = [5, 105, 205, 230, 255, 280, 330, 355, 380].flatMap((m) => (m < 205 ? [m] : repeat(m, 8)));
  follow(probes, 'queued', 0, [...queue, 410]);
  const [t] = probes.completed('L-s-in');
  expect(t?.movingS).toBeGreaterThan(500);
  expect(t?.dwellS).toBe(0);
  expect(t?.heldS).toBeGreaterThanOrEqual(70);
  expect(t?.heldS).toBeLessThanOrEqual(80);
});

test('a bus standing in one place is held for all of it, counted while it stands', () => {
  const probes = new LinkProbes(new BusPaths(net));
  const s = follow(probes, 'blocked', 0, [5, 105, 205, ...repeat(205, 20)]);
  expect(probes.runningOf('blocked', T0 + s * 1000)?.heldS).toBeCloseTo(200, 5);
  follow(probes, 'blocked', s, [...repeat(205, 10), 305, 410]);
  const [t] = probes.completed('L-s-in');
  expect(t?.heldS).toBeCloseTo(300, 5);
  expect(t?.movingS).toBeGreaterThan(300);
});

test('creeping a few metres at a time, or standing at a stop, is not being held', () => {
  const probes = new LinkProbes(new BusPaths(net));
  // 3 m every 10 s for 5 minutes: a slow queue, but moving.
  follow(probes, 'creeping', 0, [5, 105, 205, ...Array.from({ length: 30 }, (_, k) => 208 + 3 * k), 410]);
  const [creeping] = probes.completed('L-s-in');
  expect(creeping?.movingS).toBeGreaterThan(300);
  expect(creeping?.heldS).toBeLessThanOrEqual(40);
  // Five minutes at stop 22-201 (307.5 m), then a minute standing behind it: held 60 s.
  const dwelling = new LinkProbes(new BusPaths(net));
  let s = follow(dwelling, 'dwelling', 0, [5, 105, 205, 305]);
  dwelling.observeStopEvent(stopEvent('dwelling', 'arrive', s));
  s = follow(dwelling, 'dwelling', s, repeat(307, 30));
  dwelling.observeStopEvent(stopEvent('dwelling', 'depart', s));
  follow(dwelling, 'dwelling', s, [...repeat(307, 6), 410]);
  const [t] = dwelling.completed('L-s-in');
  expect(t?.dwellS).toBeCloseTo(300, 5);
  expect(t?.heldS).toBeCloseTo(60, 5);
});

test('the estimate weights recent buses more, and expires them after 15 min', () => {
  const now = T0 + 1200_000;
  const e = probeLinkEstimate(IN, [traversal(0, 200), traversal(600, 100), traversal(1200, 40)], now);
  // 200 s is 20 min old: expired. 100 s at 10 min (weight 1/4) and 40 s now (weight 1): 52 s.
  expect(e?.buses).toBe(2);
  expect(e?.travelTimeS).toBeCloseTo((0.25 * 100 + 40) / 1.25, 5);
  expect(probeLinkEstimate(IN, [traversal(0, 50)], T0 + 901_000)).toBeNull();
});

test('a bus held on the link counts at its time so far, once that exceeds what the others took', () => {
  const now = T0 + 600_000;
  const done = traversal(500, 60);
  expect(probeLinkEstimate(IN, [done, traversal(600, 30, false)], now)?.travelTimeS).toBeCloseTo(60);
  const held = probeLinkEstimate(IN, [done, traversal(600, 240, false)], now);
  expect(held?.buses).toBe(2);
  expect(held?.travelTimeS).toBeGreaterThan(150);
});

test('a bus standing at its stop is dwelling, not held: its time there is no lower bound', () => {
  const probes = new LinkProbes(new BusPaths(net));
  let s = 0;
  for (let m = 5; m < 300; m += 50, s += 5) probes.observeProgress(fix('bus-3', s, m));
  probes.observeProgress(fix('bus-3', s, 400 + 10)); // into L-n-out: L-s-in complete
  const dwelling = 'bus-4';
  s = 100;
  for (let m = 5; m < 300; m += 50, s += 5) probes.observeProgress(fix(dwelling, s, m));
  probes.observeStopEvent(stopEvent(dwelling, 'arrive', s));
  for (let k = 1; k <= 30; k++) probes.observeProgress(fix(dwelling, s + 10 * k, 307, 0));
  const now = T0 + (s + 300) * 1000;
  const [running] = probes.running('L-s-in', now);
  expect(running?.dwellS).toBeGreaterThan(290);
  expect(running?.movingS).toBeLessThan(40);
  expect(probes.estimate(IN, now)?.travelTimeS).toBeLessThan(40);
});

test('loops win where both are fresh; probes fill in where the loops are missing or have no speed', () => {
  const now = T0 + 60_000;
  const probe = { travelTimeS: 99.4, speedKmh: 14.4, buses: 2, newestAt: T0 + 30_000 };
  const loops = sampleLink({ linkId: IN.id, speedKmh: 40, intervalStart: T0 });
  expect(fusedLinkTraffic(IN, loops, probe, now)).toMatchObject({
    speedSource: 'both',
    speedKmh: 40,
    probeSpeedKmh: 14.4,
    probeBuses: 2,
    source: 'live',
  });
  expect(fusedLinkTraffic(IN, null, probe, now)).toMatchObject({
    speedSource: 'probes',
    speedKmh: 14.4,
    los: 'F',
    source: 'live',
  });
  expect(fusedLinkTraffic(IN, null, probe, now).travelTimeS).toBeCloseTo(99.4, 1);
  const silent = sampleLink({ linkId: IN.id, speedKmh: null, intervalStart: T0 });
  expect(fusedLinkTraffic(IN, silent, probe, now).speedSource).toBe('probes');
  expect(fusedLinkTraffic(IN, loops, null, now).speedSource).toBe('loops');
  expect(fusedLinkTraffic(IN, null, null, now)).toMatchObject({ speedSource: 'none', source: 'free-flow' });
});
