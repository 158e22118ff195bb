/**
 * @module edge/bus-tracking/headway.test
 * Headway lateness of buses on a headway-based trip (GTFS frequencies), tracked one behind another
 * along one route; a timetabled trip keeps its schedule deviation.
 */
import { test, expect } from 'vitest';
import { transitSchema } from '../../core/index.ts';
import type { BusPosition, LonLat } from '../../core/index.ts';
import { BusTracker, RouteCatalog, scheduledHeadwayS } from './index.ts';

const LON0 = 127.0;
const LAT0 = 37.5;
const M_PER_DEG_LAT = 111_195;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos(LAT0 * (Math.PI / 180));
const at = (xM: number): LonLat => [LON0 + xM / M_PER_DEG_LON, LAT0];
const STOP_M = [0, 1000, 2000, 3000];
// Service day 2026-11-26 in KST (UTC+9): 00:00 KST is 15:00 UTC the day before.
const DAY0 = Date.UTC(2026, 10, 25, 15, 0, 0);
const hms = (s: number): string =>
  `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
/** Stop times of a trip leaving at `departS` and running 100 s between stops. */
const stopTimes = (departS: number) =>
  STOP_M.map((_d, i) => ({
    stopId: `S${i}`,
    stopSequence: i,
    arrival: hms(departS + i * 100),
    departure: hms(departS + i * 100),
  }));

// F1 runs every 10 min from 07:00 and every 15 min from 09:00; T1 keeps a timetable (08:00).
const transit = transitSchema.parse({
  agencies: [{ id: 'a', name: 'A', timezone: 'Asia/Seoul' }],
  routes: [
    { id: 'R1', shortName: '101', gtfsType: 3 },
    { id: 'R2', shortName: '102', gtfsType: 3 },
  ],
  stops: STOP_M.map((d, i) => ({ id: `S${i}`, name: `Stop ${i}`, lon: at(d)[0], lat: at(d)[1] })),
  shapes: [{ id: 'sh1', points: [at(0), at(1500), at(3000)] }],
  trips: [
    { id: 'F1', routeId: 'R1', serviceId: 'wk', shapeId: 'sh1', stopTimes: stopTimes(7 * 3600) },
    { id: 'T1', routeId: 'R2', serviceId: 'wk', shapeId: 'sh1', stopTimes: stopTimes(8 * 3600) },
  ],
  frequencies: [
    { tripId: 'F1', startTime: '07:00:00', endTime: '09:00:00', headwayS: 600 },
    { tripId: 'F1', startTime: '09:00:00', endTime: '10:00:00', headwayS: 900 },
  ],
});

/** A bus leaving stop 0 at `departS` (service seconds) at 10 m/s, a fix every 10 s up to `toM`. */
function drive(vehicleId: string, tripId: string, departS: number, toM = 3000): BusPosition[] {
  const fixes: BusPosition[] = [];
  for (let t = 0; t * 10 <= toM; t += 10) {
    const [lon, lat] = at(t * 10);
    fixes.push({
      kind: 'bus.position',
      id: `${vehicleId}-${t}-abcdef`,
      deviceId: `gps-${vehicleId}`,
      seq: t,
      ts: DAY0 + (departS + t) * 1000,
      vehicleId,
      routeId: tripId === 'F1' ? 'R1' : 'R2',
      tripId,
      lon,
      lat,
      speedMps: 10,
      headingDeg: 90,
      fixQuality: 1,
      hdop: 1,
      passengers: 10,
    });
  }
  return fixes;
}

/** Track every fix in time order; the last outcome of each vehicle. */
function track(tracker: BusTracker, ...buses: BusPosition[][]) {
  const fixes = buses.flat().sort((a, b) => a.ts - b.ts);
  const last = new Map<string, ReturnType<BusTracker['onFix']>>();
  for (const f of fixes) last.set(f.vehicleId, tracker.onFix(f, f.ts));
  return last;
}

const lateness = (o: ReturnType<BusTracker['onFix']> | undefined): number | null | undefined =>
  o?.accepted === true ? o.headwayLatenessS : undefined;

test('a bus whose leader passed less than a headway before it is not late', () => {
  const tracker = new BusTracker(new RouteCatalog(transit));
  const last = track(tracker, drive('lead', 'F1', 7 * 3600), drive('next', 'F1', 7 * 3600 + 420));
  // 420 s behind on a 600 s headway: 180 s early, i.e. on time.
  expect(lateness(last.get('next'))).toBe(-180);
});

test('a gap of two headways makes the bus late by one headway', () => {
  const tracker = new BusTracker(new RouteCatalog(transit));
  const last = track(tracker, drive('lead', 'F1', 7 * 3600), drive('next', 'F1', 7 * 3600 + 1200));
  expect(lateness(last.get('next'))).toBe(600);
});

test('the first bus, with no leader seen, has no lateness', () => {
  const tracker = new BusTracker(new RouteCatalog(transit));
  const last = track(tracker, drive('first', 'F1', 7 * 3600));
  expect(lateness(last.get('first'))).toBeNull();
  expect(last.get('first')).toMatchObject({ progress: { scheduleDeviationS: null } });
});

test('a bus held in a queue grows later while it stands, against where its leader passed', () => {
  const tracker = new BusTracker(new RouteCatalog(transit));
  const lead = drive('lead', 'F1', 7 * 3600);
  // The follower leaves on time (600 s behind), reaches 1,500 m, then stands there for 120 s.
  const next = drive('next', 'F1', 7 * 3600 + 600, 1500);
  const stand = next.at(-1)!;
  const standing = [30, 60, 90, 120].map((s) => ({
    ...stand,
    id: `stand-${s}-abcdef`,
    ts: stand.ts + s * 1000,
  }));
  const outcomes = [...lead, ...next, ...standing]
    .sort((a, b) => a.ts - b.ts)
    .map((f) => ({ f, o: tracker.onFix(f, f.ts) }))
    .filter(({ f }) => f.vehicleId === 'next')
    .map(({ o }) => lateness(o));
  expect(outcomes.slice(-5)).toEqual([0, 30, 60, 90, 120]);
});

test('the headway is the one scheduled when the leader started: 15 min from 09:00', () => {
  const tracker = new BusTracker(new RouteCatalog(transit));
  const last = track(tracker, drive('lead', 'F1', 9 * 3600), drive('next', 'F1', 9 * 3600 + 1200));
  expect(lateness(last.get('next'))).toBe(300);
  expect(scheduledHeadwayS([{ startS: 0, endS: 3600, headwayS: 600 }], 7200)).toBe(600);
  expect(scheduledHeadwayS([], 7200)).toBeNull();
});

test('a leader first seen past the bus (picked up mid-route) gives no lateness rather than a wrong one', () => {
  const tracker = new BusTracker(new RouteCatalog(transit));
  const older = drive('older', 'F1', 6 * 3600 + 3000);
  // The bus just ahead is first heard 2 km along, after the older one passed.
  const ahead = drive('ahead', 'F1', 7 * 3600).filter((f) => f.ts >= DAY0 + (7 * 3600 + 200) * 1000);
  const next = drive('next', 'F1', 7 * 3600 + 600, 1000);
  expect(lateness(track(tracker, older, ahead, next).get('next'))).toBeNull();
});

test('a timetabled trip keeps its schedule deviation and has no headway lateness', () => {
  const tracker = new BusTracker(new RouteCatalog(transit));
  const last = track(tracker, drive('t1', 'T1', 8 * 3600 + 90), drive('t2', 'T1', 8 * 3600 + 2000));
  expect(last.get('t1')).toMatchObject({ accepted: true, headwayLatenessS: null });
  expect(last.get('t1')).toMatchObject({ progress: { scheduleDeviationS: 90 } });
  expect(lateness(last.get('t2'))).toBeNull();
});

test('a trace stays as a leader after its bus is forgotten, until the headway memory ends', () => {
  const tracker = new BusTracker(new RouteCatalog(transit), { headwayMemoryMs: 3_600_000 });
  const lead = drive('lead', 'F1', 7 * 3600);
  track(tracker, lead);
  const endMs = lead.at(-1)!.ts;
  expect(tracker.expire(endMs + 400_000)).toEqual(['lead']);
  expect(lateness(track(tracker, drive('next', 'F1', 7 * 3600 + 900)).get('next'))).toBe(300);
  tracker.expire(endMs + 7_200_000);
  expect(lateness(track(tracker, drive('alone', 'F1', 9 * 3600)).get('alone'))).toBeNull();
});

/** Every fix in time order, the tracker's expiry run before each as an edge's tick does; outcomes. */
function trackExpiring(tracker: BusTracker, ...buses: BusPosition[][]) {
  const fixes = buses.flat().sort((a, b) => a.ts - b.ts);
  const forgotten: string[] = [];
  const outcomes = fixes.map((f) => {
    forgotten.push(...tracker.expire(f.ts));
    return { vehicleId: f.vehicleId, o: tracker.onFix(f, f.ts) };
  });
  return {
    forgotten,
    of: (id: string) => outcomes.filter((x) => x.vehicleId === id).map((x) => lateness(x.o)),
  };
}

test('a leader forgotten in a GPS dropout and picked up again keeps its trace: the bus behind stays known', () => {
  // The demo city's route 440 goes silent for 5 min (07:50-07:55), longer than the tracker keeps a
  // bus; each bus is then found again further along. Here: no fixes from the leader between 1,000 and
  // 2,000 m (100 s), a tracker that forgets a bus after 60 s.
  const tracker = new BusTracker(new RouteCatalog(transit), { expireMs: 60_000 });
  const lead = drive('lead', 'F1', 7 * 3600).filter(
    (f) => f.ts <= DAY0 + (7 * 3600 + 100) * 1000 || f.ts >= DAY0 + (7 * 3600 + 200) * 1000,
  );
  const next = drive('next', 'F1', 7 * 3600 + 600);
  const run = trackExpiring(tracker, lead, next);
  expect(run.forgotten).toContain('lead');
  // 600 s behind on a 600 s headway all along, the silent stretch by the leader's times either side.
  expect(run.of('next')).toEqual(next.map(() => 0));
});

test('a bus starting its next run of the pattern gets a new trace, as the leader of the bus behind', () => {
  const tracker = new BusTracker(new RouteCatalog(transit), { expireMs: 60_000 });
  // 'lead' runs at 07:00 and again at 07:20; 'after' leaves at 07:30, 600 s behind its second run.
  const again = drive('lead', 'F1', 7 * 3600 + 1200).map((f) => ({ ...f, id: `again-${f.id}` }));
  const run = trackExpiring(
    tracker,
    drive('lead', 'F1', 7 * 3600),
    drive('next', 'F1', 7 * 3600 + 600),
    again,
    drive('after', 'F1', 7 * 3600 + 1800),
  );
  expect(run.of('after').at(-1)).toBe(0);
});

test('buses first seen a few metres apart where their run begins: the one behind its leader is known', () => {
  // First fixes at the start of a run land a few metres either way (GPS noise): the leader's at 8 m,
  // the follower's at 2 m. The leader began its run there, so it passed 2 m when first seen.
  const tracker = new BusTracker(new RouteCatalog(transit));
  const lead = drive('lead', 'F1', 7 * 3600);
  const [lon, lat] = at(8);
  lead[0] = { ...lead[0]!, lon, lat };
  const next = drive('next', 'F1', 7 * 3600 + 600);
  const [lon2, lat2] = at(2);
  next[0] = { ...next[0]!, lon: lon2, lat: lat2 };
  const run = trackExpiring(tracker, lead, next);
  expect(run.of('next')).toEqual(next.map(() => 0));
});
