/**
 * @module core/gtfs/schedule
 * trips.txt, stop_times.txt and frequencies.txt into trips with their stop times. Stop times are
 * ordered by stop_sequence; times left empty between timepoints (GTFS allows it) are interpolated
 * evenly by stop, and the first and last stop of a trip must have times.
 */
import { gtfsTimeToSeconds, secondsToGtfsTime } from '../transit/index.ts';
import type { TransitInput } from './model.ts';
import type { GtfsRow } from './table.ts';
import { readGtfsTable } from './table.ts';

type TripInput = TransitInput['trips'][number];
type FrequencyInput = NonNullable<TransitInput['frequencies']>[number];

/** What trips may refer to. */
export type TripRefs = {
  readonly routeIds: ReadonlySet<string>;
  readonly stopIds: ReadonlySet<string>;
  readonly serviceIds: ReadonlySet<string>;
  /** Shapes kept; null when the feed has no shapes.txt. */
  readonly shapeIds: ReadonlySet<string> | null;
  /** Shapes the feed has but that were dropped (fewer than two points): references are removed. */
  readonly droppedShapeIds: ReadonlySet<string>;
};

type Pending = { row: GtfsRow; stopId: string; seq: number; arrival: string; departure: string };

/** Fill empty times between timepoints, evenly by stop; the ends must have times. */
function interpolate(tripId: string, times: Pending[]): void {
  const first = times[0];
  const last = times[times.length - 1];
  for (const end of [first, last])
    if (end !== undefined && end.arrival === '' && end.departure === '')
      end.row.fail(
        `arrival_time and departure_time are empty at the ${end === first ? 'first' : 'last'} stop of trip "${tripId}"`,
      );
  for (const t of times) {
    if (t.arrival === '') t.arrival = t.departure;
    if (t.departure === '') t.departure = t.arrival;
  }
  let prev = 0;
  for (let k = 1; k < times.length; k++) {
    if (times[k]?.arrival !== '') {
      const from = gtfsTimeToSeconds(times[prev]?.departure ?? '');
      const to = gtfsTimeToSeconds(times[k]?.arrival ?? '');
      for (let j = prev + 1; j < k; j++) {
        const t = times[j];
        if (t !== undefined)
          t.arrival = t.departure = secondsToGtfsTime(from + ((to - from) * (j - prev)) / (k - prev));
      }
      prev = k;
    }
  }
}

/** Read trips and their stop times; trips with fewer than two stop times are dropped and counted. */
export function readTrips(
  dir: string,
  refs: TripRefs,
): { trips: TripInput[]; stopTimes: number; dropped: number } {
  const tripTable = readGtfsTable(dir, 'trips.txt', {
    required: true,
    columns: ['route_id', 'service_id', 'trip_id'],
  });
  const trips = new Map<string, { trip: Omit<TripInput, 'stopTimes'>; times: Pending[] }>();
  for (const row of tripTable.rows) {
    const id = row.required('trip_id');
    if (trips.has(id)) row.fail(`duplicate trip_id "${id}"`);
    const routeId = row.required('route_id');
    if (!refs.routeIds.has(routeId)) row.fail(`unknown route_id "${routeId}"`);
    const serviceId = row.required('service_id');
    if (!refs.serviceIds.has(serviceId))
      row.fail(`unknown service_id "${serviceId}" (not in calendar or calendar_dates)`);
    const shapeId = row.text('shape_id');
    if (
      shapeId !== '' &&
      refs.shapeIds !== null &&
      !refs.shapeIds.has(shapeId) &&
      !refs.droppedShapeIds.has(shapeId)
    )
      row.fail(`unknown shape_id "${shapeId}"`);
    const keepShape = shapeId !== '' && refs.shapeIds?.has(shapeId) === true;
    trips.set(id, {
      trip: {
        id,
        routeId,
        serviceId,
        headsign: row.text('trip_headsign'),
        directionId: row.int('direction_id', 0, 1, 0) === 1 ? 1 : 0,
        ...(keepShape ? { shapeId } : {}),
      },
      times: [],
    });
  }
  const timeTable = readGtfsTable(dir, 'stop_times.txt', {
    required: true,
    columns: ['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'],
  });
  for (const row of timeTable.rows) {
    const tripId = row.required('trip_id');
    const entry = trips.get(tripId) ?? row.fail(`unknown trip_id "${tripId}"`);
    const stopId = row.required('stop_id');
    if (!refs.stopIds.has(stopId)) row.fail(`unknown stop_id "${stopId}"`);
    const seq = row.int('stop_sequence', 0, Number.MAX_SAFE_INTEGER);
    entry.times.push({
      row,
      stopId,
      seq,
      arrival: row.time('arrival_time'),
      departure: row.time('departure_time'),
    });
  }
  const out: TripInput[] = [];
  let dropped = 0;
  let stopTimes = 0;
  for (const [tripId, { trip, times }] of trips) {
    times.sort((a, b) => a.seq - b.seq);
    for (let k = 1; k < times.length; k++)
      if (times[k]?.seq === times[k - 1]?.seq)
        times[k]?.row.fail(`stop_sequence ${times[k]?.seq} repeats in trip "${tripId}"`);
    if (times.length < 2) {
      dropped++;
      continue;
    }
    interpolate(tripId, times);
    let prevDepart = -1;
    for (const t of times) {
      const arrive = gtfsTimeToSeconds(t.arrival);
      if (arrive < prevDepart)
        t.row.fail(`arrival_time ${t.arrival} is before the departure from the previous stop`);
      if (gtfsTimeToSeconds(t.departure) < arrive)
        t.row.fail(`departure_time ${t.departure} is before arrival_time ${t.arrival}`);
      prevDepart = gtfsTimeToSeconds(t.departure);
    }
    stopTimes += times.length;
    out.push({
      ...trip,
      stopTimes: times.map((t) => ({
        stopId: t.stopId,
        stopSequence: t.seq,
        arrival: t.arrival,
        departure: t.departure,
      })),
    });
  }
  return { trips: out, stopTimes, dropped };
}

/** Read frequencies.txt (optional) for the kept trips. */
export function readFrequencies(dir: string, tripIds: ReadonlySet<string>): FrequencyInput[] {
  const table = readGtfsTable(dir, 'frequencies.txt', {
    required: false,
    columns: ['trip_id', 'start_time', 'end_time', 'headway_secs'],
  });
  const out: FrequencyInput[] = [];
  for (const row of table.rows) {
    const tripId = row.required('trip_id');
    const startTime = row.time('start_time') || row.required('start_time');
    const endTime = row.time('end_time') || row.required('end_time');
    const headwayS = row.int('headway_secs', 30, 7200);
    if (gtfsTimeToSeconds(endTime) <= gtfsTimeToSeconds(startTime))
      row.fail(`end_time ${endTime} is not after start_time ${startTime}`);
    if (tripIds.has(tripId)) out.push({ tripId, startTime, endTime, headwayS });
    else row.fail(`unknown trip_id "${tripId}"`);
  }
  return out;
}
