/**
 * @module center/prediction/arrival-service.test
 * Stop boards of several stops at once (what the `stop:<id>` live feed publishes per turn), the
 * report time each live arrival carries, and each bus's predictions kept from one report to the next.
 */
import { expect, test } from 'vitest';
import { VirtualClock, loadScenario } from '../../core/index.ts';
import type { StopEventRecord, VehicleRecord } from '../state/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { sampleVehicle } from '../state/testing/index.ts';
import { ArrivalService } from './index.ts';

const T = Date.UTC(2026, 10, 25, 22, 40, 0); // 07:40 in Seoul
const scenario = loadScenario('scenarios/demo-city');
const net = buildCenterNetwork(scenario);
const trip = scenario.transit?.trips.find((t) => t.directionId === 0 && t.stopTimes.length >= 8);
if (trip === undefined) throw new Error('demo city has no trip of 8 stops');
const stopIds = trip.stopTimes.map((st) => st.stopId);

/**
 * Services with one bus of the trip between its 3rd and 4th stop, counting segment predictions
 * (each prediction of the bus reads the live slowdown of every segment ahead).
 */
function withBus(predictionMaxAgeMs?: number): {
  arrivals: ArrivalService;
  at: number;
  bus: VehicleRecord;
  clock: VirtualClock;
  segmentsPredicted: () => number;
} {
  let segments = 0;
  const clock = new VirtualClock(T);
  const arrivals = new ArrivalService({
    network: net,
    clock,
    ...(predictionMaxAgeMs === undefined ? {} : { predictionMaxAgeMs }),
    segmentFactor: () => {
      segments++;
      return 1;
    },
  });
  const [a, b] = [net.stops.get(stopIds[2] ?? ''), net.stops.get(stopIds[3] ?? '')];
  if (a === undefined || b === undefined) throw new Error('trip stops missing from the network');
  const bus = sampleVehicle({
    vehicleId: 'bus-7',
    routeId: trip?.routeId ?? '',
    tripId: trip?.id ?? null,
    at: T - 2000,
    lon: (a.lon + b.lon) / 2,
    lat: (a.lat + b.lat) / 2,
    distanceM: ((trip?.stopTimes[2]?.distM ?? 0) + (trip?.stopTimes[3]?.distM ?? 0)) / 2,
    lastStopId: stopIds[2] ?? null,
    nextStopId: stopIds[3] ?? null,
  });
  arrivals.observe([{ op: 'put', collection: 'vehicle', id: bus.vehicleId, value: bus }]);
  return { arrivals, at: bus.at, bus, clock, segmentsPredicted: () => segments };
}

test('a live arrival carries the time of the bus report it was predicted from', () => {
  const { arrivals, at } = withBus();
  const live = arrivals.board(stopIds[5] ?? '')?.routes.find((r) => r.routeId === trip.routeId);
  expect(live?.status).toBe('live');
  expect(live?.arrivals[0]).toMatchObject({ vehicleId: 'bus-7', asOf: at, stopsAway: 3 });
  const behind = arrivals.board(stopIds[1] ?? '')?.routes.find((r) => r.routeId === trip.routeId);
  for (const arrival of behind?.arrivals ?? []) expect(arrival.asOf).toBeNull();
});

test("the boards of several stops are each stop's own board, unknown stops left out", () => {
  const { arrivals } = withBus();
  const ahead = stopIds.slice(3, 8);
  const boards = arrivals.boards([...ahead, 'nope', ahead[0] ?? '']);
  expect([...boards.keys()]).toEqual(ahead);
  for (const stopId of ahead) expect(boards.get(stopId)).toEqual(arrivals.board(stopId));
});

test('the boards of several stops predict each bus once, not once per stop', () => {
  const one = withBus(0);
  one.arrivals.board(stopIds[4] ?? '');
  const oneBoard = one.segmentsPredicted();
  expect(oneBoard).toBeGreaterThan(0);
  const several = withBus(0);
  several.arrivals.boards(stopIds.slice(3, 8));
  expect(several.segmentsPredicted()).toBe(oneBoard);
});

test("a bus's predictions are reused by later boards until it reports again", () => {
  const { arrivals, bus, clock, segmentsPredicted } = withBus();
  arrivals.boards(stopIds.slice(3, 8));
  const once = segmentsPredicted();
  expect(once).toBeGreaterThan(0);
  clock.advance(5_000);
  arrivals.boards(stopIds.slice(3, 8));
  arrivals.board(stopIds[6] ?? '');
  arrivals.allPredictions();
  expect(segmentsPredicted()).toBe(once);
  const moved = { ...bus, at: T + 4_000, distanceM: bus.distanceM + 40 };
  arrivals.observe([{ op: 'put', collection: 'vehicle', id: bus.vehicleId, value: moved }]);
  const board = arrivals.board(stopIds[5] ?? '');
  expect(segmentsPredicted()).toBe(2 * once);
  expect(board?.routes.find((r) => r.routeId === trip.routeId)?.arrivals[0]?.asOf).toBe(moved.at);
});

test("a bus's own stop event and a bounded age drop its kept predictions", () => {
  const { arrivals, bus, clock, segmentsPredicted } = withBus();
  arrivals.board(stopIds[5] ?? '');
  const once = segmentsPredicted();
  const arrive: StopEventRecord = {
    vehicleId: bus.vehicleId,
    routeId: trip.routeId,
    tripId: trip.id,
    stopId: stopIds[3] ?? '',
    event: 'arrive',
    at: T,
    region: bus.region,
  };
  arrivals.observe([{ op: 'append', stream: 'stopEvent', value: arrive }]);
  arrivals.board(stopIds[5] ?? '');
  expect(segmentsPredicted()).toBe(2 * once);
  clock.advance(29_000);
  arrivals.board(stopIds[5] ?? '');
  expect(segmentsPredicted()).toBe(2 * once);
  clock.advance(1_000);
  arrivals.board(stopIds[5] ?? '');
  expect(segmentsPredicted()).toBe(3 * once);
});

test('the board of an unchanged bus from kept predictions equals the one predicted afresh', () => {
  const kept = withBus();
  const fresh = withBus(0);
  const ahead = stopIds.slice(3, 8);
  kept.arrivals.boards(ahead);
  const predicted = kept.segmentsPredicted();
  for (const s of [kept, fresh]) s.clock.advance(12_000);
  const a = kept.arrivals.boards(ahead);
  expect(kept.segmentsPredicted()).toBe(predicted);
  const b = fresh.arrivals.boards(ahead);
  expect(fresh.segmentsPredicted()).toBeGreaterThan(0);
  expect(a).toEqual(b);
  expect(kept.arrivals.allPredictions()).toEqual(fresh.arrivals.allPredictions());
});

test("a bus's report touches the boards of the stops ahead of it, now and as of its previous report", () => {
  const { arrivals, bus } = withBus();
  // Moved on by one stop: its previous next stop (the 4th) still shows its old report until recomputed.
  const moved = {
    ...bus,
    at: bus.at + 1000,
    lastStopId: stopIds[3] ?? null,
    nextStopId: stopIds[4] ?? null,
  };
  const touched = arrivals.observe([{ op: 'put', collection: 'vehicle', id: bus.vehicleId, value: moved }]);
  const pattern = new Set(stopIds.slice(3));
  expect([...touched].filter((s) => pattern.has(s)).sort()).toEqual([...pattern].sort());
  // The stops it had passed already cannot show it: not touched (unless the pattern comes back to them).
  for (const s of stopIds.slice(0, 3)) if (!pattern.has(s)) expect(touched.has(s)).toBe(false);
  const gone = arrivals.observe([{ op: 'delete', collection: 'vehicle', id: bus.vehicleId }]);
  expect([...gone].filter((s) => pattern.has(s)).sort()).toEqual(
    stopIds
      .slice(4)
      .filter((s, i, a) => a.indexOf(s) === i)
      .sort(),
  );
});

test('a board is changed by a bus on it or coming before what it shows, not by one behind them', () => {
  const { arrivals, clock } = withBus();
  const between = (vehicleId: string, i: number, at: number): VehicleRecord => {
    const [a, b] = [net.stops.get(stopIds[i] ?? ''), net.stops.get(stopIds[i + 1] ?? '')];
    if (a === undefined || b === undefined) throw new Error('trip stops missing from the network');
    return sampleVehicle({
      vehicleId,
      routeId: trip.routeId,
      tripId: trip.id,
      at,
      lon: (a.lon + b.lon) / 2,
      lat: (a.lat + b.lat) / 2,
      distanceM: ((trip.stopTimes[i]?.distM ?? 0) + (trip.stopTimes[i + 1]?.distM ?? 0)) / 2,
      lastStopId: stopIds[i] ?? null,
      nextStopId: stopIds[i + 1] ?? null,
    });
  };
  const put = (v: VehicleRecord): void => {
    arrivals.observe([{ op: 'put', collection: 'vehicle', id: v.vehicleId, value: v }]);
  };
  const stop = stopIds[6] ?? '';
  put(between('bus-8', 1, T - 2000));
  put(between('bus-9', 0, T - 2000));
  const shown = arrivals.board(stop)?.routes.find((r) => r.routeId === trip.routeId)?.arrivals;
  expect(shown?.map((a) => a.vehicleId)).toEqual(['bus-7', 'bus-8']);
  // The third bus reports again: still third, the board is as it was.
  put(between('bus-9', 0, T - 1000));
  expect(arrivals.changedBoards([stop], ['bus-9'], 1000)).toEqual([]);
  // A bus on the board reports, or one comes before it: changed.
  put(between('bus-8', 1, T - 1000));
  expect(arrivals.changedBoards([stop], ['bus-8'], 1000)).toEqual([stop]);
  put(between('bus-10', 4, T - 1000));
  expect(arrivals.changedBoards([stop], ['bus-10'], 1000)).toEqual([stop]);
  // Removed from the board: changed.
  arrivals.observe([{ op: 'delete', collection: 'vehicle', id: 'bus-7' }]);
  expect(arrivals.changedBoards([stop], ['bus-7'], 1000)).toEqual([stop]);
  // A stop never made, and any stop made a refresh ago, are recomputed whatever reported.
  expect(arrivals.changedBoards([stopIds[7] ?? ''], ['bus-9'], 1000)).toEqual([stopIds[7]]);
  clock.advance(1000);
  expect(arrivals.changedBoards([stop], ['bus-9'], 1000)).toEqual([stop]);
});
