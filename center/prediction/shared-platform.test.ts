/**
 * @module center/prediction/shared-platform.test
 * Boards of stops served by both directions of a route: the demo city's subway platforms (one stop id
 * per station, used by the inner and the outer circle of Line 2, as GTFS feeds of island platforms
 * often have), unlike its bus stops (one stop per side of the road). Reports go through the real
 * center ingest into the in-process store, as an edge's uplink does.
 */
import { expect, test } from 'vitest';
import { VirtualClock, loadScenario, topicForMessage, type Trip } from '../../core/index.ts';
import { busProgressItem, CenterIngest, sampleBatch } from '../ingest/index.ts';
import { Metrics } from '../metrics/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { MemoryStateStore } from '../state/index.ts';
import { ArrivalService } from './index.ts';

const T = Date.UTC(2026, 10, 25, 22, 40, 0); // 07:40 in Seoul, inside both timetables
const scenario = loadScenario('scenarios/demo-city');
const net = buildCenterNetwork(scenario);

function tripOf(routeId: string, directionId: number): Trip {
  const t = scenario.transit?.trips.find((x) => x.routeId === routeId && x.directionId === directionId);
  if (t === undefined) throw new Error(`demo city has no trip of ${routeId} direction ${directionId}`);
  return t;
}

/** A center (ingest, in-process store, arrival service) fed by the store's updates. */
function center(at = T): {
  arrivals: ArrivalService;
  report: (t: Trip, id: string, next: number, share: number) => Promise<void>;
} {
  const clock = new VirtualClock(at);
  const store = new MemoryStateStore({ clock });
  const ingest = new CenterIngest({ store, clock, metrics: new Metrics() });
  const arrivals = new ArrivalService({ network: net, clock });
  store.subscribe((updates) => arrivals.observe(updates));
  let seq = 1;
  /** Report vehicle `id` of trip `t` at `share` of the segment ending at its `next`-th stop. */
  const report = async (t: Trip, id: string, next: number, share: number): Promise<void> => {
    const [a, b] = [t.stopTimes[next - 1], t.stopTimes[next]];
    const [pa, pb] = [net.stops.get(a?.stopId ?? ''), net.stops.get(b?.stopId ?? '')];
    if (a === undefined || b === undefined || pa === undefined || pb === undefined) {
      throw new Error(`${t.id} has no segment ending at stop ${next}`);
    }
    const batch = sampleBatch({
      region: 'gangnam',
      edgeId: 'edge-gangnam',
      seq: seq++,
      ts: T,
      items: [
        busProgressItem(id, T - 1000, {
          routeId: t.routeId,
          tripId: t.id,
          lon: pa.lon + share * (pb.lon - pa.lon),
          lat: pa.lat + share * (pb.lat - pa.lat),
          distanceM: (a.distM ?? 0) + share * ((b.distM ?? 0) - (a.distM ?? 0)),
          lastStopId: a.stopId,
          nextStopId: b.stopId,
        } as never),
      ],
    });
    const topic = topicForMessage('gangnam', batch);
    expect(await ingest.handle(topic, JSON.stringify(batch))).toMatchObject({ status: 'accepted' });
    await new Promise((r) => setImmediate(r)); // the store's updates reach subscribers soon after
  };
  return { arrivals, report };
}

/**
 * One vehicle early (share 0.15) in the segment ending at the middle stop of `route`'s direction 0,
 * and vehicles of direction 1 closing in on the stops ahead of it (as the load of the latency bench
 * has them); the stops ahead of the first vehicle and whether each board shows it.
 */
async function boardsAhead(routeId: string): Promise<
  {
    stopId: string;
    shown: boolean;
    trips: (string | null)[];
    liveTrips: (string | null)[];
    headsigns: (string | null)[];
  }[]
> {
  const { arrivals, report } = center();
  const out = tripOf(routeId, 0);
  const back = tripOf(routeId, 1);
  const next = Math.floor(out.stopTimes.length / 2);
  await report(out, 'early-one', next, 0.15);
  for (let k = 1; k < Math.floor(back.stopTimes.length / 2); k++) await report(back, `back-${k}`, k, 0.5);
  const ahead = out.stopTimes.slice(next, next + 3).map((st) => st.stopId);
  return [...arrivals.boards(ahead)].map(([stopId, board]) => {
    const route = board.routes.find((r) => r.routeId === routeId);
    return {
      stopId,
      shown: route?.arrivals.some((a) => a.vehicleId === 'early-one' && a.source === 'live') ?? false,
      trips: route?.arrivals.map((a) => a.tripId) ?? [],
      liveTrips: route?.arrivals.filter((a) => a.source === 'live').map((a) => a.tripId) ?? [],
      headsigns: route?.arrivals.map((a) => a.headsign) ?? [],
    };
  });
}

test('a bus early in its segment is on the boards of the stops ahead of it', async () => {
  const boards = await boardsAhead('440');
  expect(boards).toHaveLength(3);
  for (const b of boards) {
    expect(b).toMatchObject({ shown: true, liveTrips: ['440-0'] });
    // The one live bus, then the timetable's next 440 after it (stop-board.test).
    expect(b.trips).toHaveLength(2);
    expect(b.trips[1]).toMatch(/^440-0@/);
  }
});

test('a subway train early in its segment is on the boards of the platforms ahead, trains the other way beside it', async () => {
  const boards = await boardsAhead('L2');
  expect(boards).toHaveLength(3);
  for (const b of boards) {
    expect(b.shown).toBe(true);
    // The next train of each circle, soonest first, each saying which circle it runs.
    expect([...b.trips].sort()).toEqual(['L2-0', 'L2-1']);
    const byTrip = new Map(b.trips.map((t, i) => [t, b.headsigns[i]]));
    expect(byTrip.get('L2-0')).toBe(tripOf('L2', 0).headsign);
    expect(byTrip.get('L2-1')).toBe(tripOf('L2', 1).headsign);
    expect(tripOf('L2', 0).headsign).not.toBe(tripOf('L2', 1).headsign);
  }
});

test('with no live train, a platform board shows the next timetabled train of each circle', () => {
  // 06:45 in Seoul, before the first trains: the inner circle's first two reach Seocho (its 2nd
  // station) before the outer circle's first (its 7th).
  const { arrivals } = center(Date.UTC(2026, 10, 25, 21, 45, 0));
  const platform = tripOf('L2', 0).stopTimes[1]?.stopId ?? '';
  const l2 = arrivals.board(platform)?.routes.find((r) => r.routeId === 'L2');
  expect(l2?.status).toBe('schedule');
  expect(l2?.arrivals.map((a) => a.tripId?.split('@')[0]).sort()).toEqual(['L2-0', 'L2-1']);
  const etas = l2?.arrivals.map((a) => a.etaMs) ?? [];
  expect(etas).toEqual([...etas].sort((a, b) => a - b));
});
