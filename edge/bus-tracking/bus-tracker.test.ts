/**
 * @module edge/bus-tracking/bus-tracker.test
 * A synthetic bus with GPS noise, a jump, a dropout and a detour, tracked along its route.
 */
import { test, expect } from 'vitest';
import { transitSchema } from '../../core/index.ts';
import type { BusPosition, LonLat } from '../../core/index.ts';
import type { FixOutcome } from './index.ts';
import { BusTracker, RouteCatalog, RouteShape } from './index.ts';

const LON0 = 127.0;
const LAT0 = 37.5;
const M_PER_DEG_LAT = 111_195;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos(LAT0 * (Math.PI / 180));
const at = (xM: number, yM: number): LonLat => [LON0 + xM / M_PER_DEG_LON, LAT0 + yM / M_PER_DEG_LAT];

// An L-shaped route: 2 km east, then 1 km north. Stops every 600 m.
const SHAPE: LonLat[] = [at(0, 0), at(1000, 0), at(2000, 0), at(2000, 500), at(2000, 1000)];
const STOP_M = [0, 600, 1200, 1800, 2400, 3000];
const posAt = (d: number): LonLat => (d <= 2000 ? at(d, 0) : at(2000, d - 2000));
// Service day 2026-11-26 in KST; the trip is scheduled to leave stop 0 at 08:00:00 and run at 10 m/s
// with a 20 s dwell per stop.
const DAY0 = Date.UTC(2026, 10, 25, 15, 0, 0);
const DEPART_S = 8 * 3600;
const hms = (s: number): string =>
  `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

const transit = transitSchema.parse({
  agencies: [{ id: 'a', name: 'A', timezone: 'Asia/Seoul' }],
  routes: [{ id: 'R1', shortName: '101', gtfsType: 3 }],
  stops: STOP_M.map((d, i) => ({ id: `S${i}`, name: `Stop ${i}`, lon: posAt(d)[0], lat: posAt(d)[1] })),
  shapes: [{ id: 'sh1', points: SHAPE }],
  trips: [
    {
      id: 'T1',
      routeId: 'R1',
      serviceId: 'wk',
      shapeId: 'sh1',
      stopTimes: STOP_M.map((_d, i) => ({
        stopId: `S${i}`,
        stopSequence: i,
        arrival: hms(DEPART_S + Math.max(0, i * 80 - 20)),
        departure: hms(DEPART_S + i * 80),
      })),
    },
  ],
});

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648 - 0.5;
  };
}

type Drive = { fixes: BusPosition[]; trueDepartures: Map<string, number> };

/** Drive the route 120 s late: 10 m/s, 20 s dwell at each stop, a fix every 2 s with 2 x 6 m noise. */
function drive(options: { jumpAtS?: number; dropout?: [number, number]; detour?: [number, number] }): Drive {
  const noise = seeded(42);
  const start = DAY0 + (DEPART_S + 120) * 1000;
  const fixes: BusPosition[] = [];
  const trueDepartures = new Map<string, number>();
  let d = 0;
  let dwellLeft = 0;
  let nextStop = 1;
  trueDepartures.set('S0', start);
  for (let t = 0; t < 3600; t += 2) {
    if (d >= 3000 && dwellLeft <= 0) break;
    const ts = start + t * 1000;
    let speed = 10;
    if (dwellLeft > 0) {
      dwellLeft -= 2;
      speed = 0;
      if (dwellLeft <= 0) trueDepartures.set(`S${nextStop - 1}`, ts);
    } else {
      const stopD = STOP_M[nextStop];
      d = Math.min(3000, d + 20);
      if (stopD !== undefined && d >= stopD) {
        d = stopD;
        dwellLeft = 20;
        speed = 0;
        nextStop++;
      }
    }
    if (options.dropout !== undefined && t >= options.dropout[0] && t < options.dropout[1]) continue;
    let [lon, lat] = posAt(d);
    if (t === options.jumpAtS) lon += 800 / M_PER_DEG_LON;
    if (options.detour !== undefined && t >= options.detour[0] && t < options.detour[1]) {
      lat -= 300 / M_PER_DEG_LAT;
    }
    fixes.push({
      kind: 'bus.position',
      id: `fix-${t}-abcdef`,
      deviceId: 'gps1',
      seq: t,
      ts,
      vehicleId: 'bus1',
      routeId: 'R1',
      tripId: 'T1',
      lon: lon + (noise() * 12) / M_PER_DEG_LON,
      lat: lat + (noise() * 12) / M_PER_DEG_LAT,
      speedMps: speed,
      headingDeg: null,
      fixQuality: 1,
      hdop: 1.2,
      passengers: 20,
    });
  }
  return { fixes, trueDepartures };
}

function track(fixes: readonly BusPosition[]): { tracker: BusTracker; outcomes: FixOutcome[] } {
  const tracker = new BusTracker(new RouteCatalog(transit));
  return { tracker, outcomes: fixes.map((f) => tracker.onFix(f, f.ts + 300)) };
}

test('projects positions onto the shape with distance along it', () => {
  const shape = new RouteShape('s', SHAPE);
  expect(shape.lengthM).toBeCloseTo(3000, 0);
  const [lon, lat] = at(2030, 700);
  const m = shape.match(lon, lat);
  expect(m.distanceM).toBeCloseTo(2700, 0);
  expect(m.offsetM).toBeCloseTo(30, 0);
  expect(shape.match(lon, lat, 0, 1000).distanceM).toBeCloseTo(1000, 0);
});

test('a bus driving its route with GPS noise arrives at and departs from every stop in order', () => {
  const { outcomes } = track(drive({}).fixes);
  const events = outcomes.flatMap((o) => (o.accepted ? o.stopEvents : []));
  expect(events.map((e) => `${e.event}:${e.stopId}`)).toEqual(
    ['S0', 'S1', 'S2', 'S3', 'S4'].flatMap((s) => [`arrive:${s}`, `depart:${s}`]).concat('arrive:S5'),
  );
  const distances = outcomes.flatMap((o) => (o.accepted ? [o.progress.distanceM] : []));
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
});

test('reports segment travel times close to the true ones and the schedule deviation', () => {
  const { outcomes } = track(drive({}).fixes);
  const segments = outcomes.flatMap((o) => (o.accepted ? o.segmentTimes : []));
  expect(segments).toHaveLength(5);
  for (const s of segments) expect(Math.abs(s.travelTimeS - 60)).toBeLessThan(8);
  const deviations = outcomes.flatMap((o) =>
    o.accepted && o.progress.scheduleDeviationS !== null ? [o.progress.scheduleDeviationS] : [],
  );
  const mid = deviations[Math.floor(deviations.length / 2)] ?? 0;
  expect(Math.abs(mid - 120)).toBeLessThan(30);
});

test('rejects a single GPS jump and keeps tracking', () => {
  const { tracker, outcomes } = track(drive({ jumpAtS: 100 }).fixes);
  expect(tracker.rejected()).toEqual({ jump: 1 });
  expect(outcomes.filter((o) => o.accepted && o.stopEvents.length > 0).length).toBeGreaterThan(5);
});

test('a dropout over a stop still yields its arrival and departure, interpolated', () => {
  const { outcomes } = track(drive({ dropout: [60, 150] }).fixes);
  const events = outcomes.flatMap((o) => (o.accepted ? o.stopEvents : []));
  expect(events.filter((e) => e.stopId === 'S1').map((e) => e.event)).toEqual(['arrive', 'depart']);
  expect(events.at(-1)).toMatchObject({ stopId: 'S5', event: 'arrive' });
});

test('a bus leaving its route is reported off-route, then back on', () => {
  const { outcomes } = track(drive({ detour: [100, 140] }).fixes);
  const flags = outcomes.flatMap((o) => (o.accepted ? [o.progress.onRoute] : []));
  expect(flags).toContain(false);
  expect(flags.at(-1)).toBe(true);
  const firstOff = flags.indexOf(false);
  expect(flags.slice(firstOff).indexOf(true)).toBeGreaterThan(0);
});

test('rejects stale, fixless and noisy fixes, and forgets vanished buses', () => {
  const fixes = drive({}).fixes;
  const tracker = new BusTracker(new RouteCatalog(transit));
  const f0 = fixes[0];
  const f1 = fixes[1];
  if (f0 === undefined || f1 === undefined) throw new Error('no fixes');
  expect(tracker.onFix(f0, f0.ts).accepted).toBe(true);
  expect(tracker.onFix({ ...f1, fixQuality: 0 }, f1.ts)).toMatchObject({ reason: 'no-fix' });
  expect(tracker.onFix({ ...f1, hdop: 20 }, f1.ts)).toMatchObject({ reason: 'noise' });
  expect(tracker.onFix(f1, f1.ts + 600_000)).toMatchObject({ reason: 'stale' });
  expect(tracker.onFix(f0, f1.ts)).toMatchObject({ reason: 'stale' });
  expect(tracker.onFix({ ...f1, tripId: null, routeId: 'nope' }, f1.ts)).toMatchObject({
    reason: 'unknown-route',
  });
  expect(tracker.expire(f0.ts + 60_000)).toEqual([]);
  expect(tracker.expire(f0.ts + 400_000)).toEqual(['bus1']);
  expect(tracker.size).toBe(0);
});
