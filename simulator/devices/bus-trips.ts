/**
 * @module simulator/devices/bus-trips
 * Bus trips of a scenario's transit section as simulator departures: each GTFS trip (expanded over its
 * frequencies) whose route has road links becomes a bus that drives those links and serves the trip's
 * stops that lie on them, in order.
 */
import { gtfsTimeToSeconds, type Scenario } from '../../core/index.ts';
import type { Departure, SimNet } from '../engine/index.ts';

/** One stop a bus serves. */
export type BusStop = { readonly stopId: string; readonly link: number; readonly positionM: number };

/** One bus trip instance. */
export type BusTrip = {
  readonly busId: string;
  readonly tripId: string;
  readonly routeId: string;
  readonly departS: number;
  readonly links: Int32Array;
  readonly stops: readonly BusStop[];
};

const DAY_S = 86_400;

/** Seconds of local time of day at the scenario's start ("2026-11-26T07:30:00+09:00" → 27000). */
export function startOfDayS(startTime: string): number {
  const m = /T(\d{2}):(\d{2}):(\d{2})/.exec(startTime);
  return m === null ? 0 : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Bus trips within the scenario's duration. */
export function busTrips(sc: Scenario, net: SimNet): BusTrip[] {
  const transit = sc.transit;
  if (transit === undefined) return [];
  const t0 = startOfDayS(sc.startTime);
  const routes = new Map(transit.routes.map((r) => [r.id, r]));
  const stops = new Map(transit.stops.map((s) => [s.id, s]));
  const out: BusTrip[] = [];
  for (const trip of transit.trips) {
    const route = routes.get(trip.routeId);
    const linkIds = route?.roadLinks[String(trip.directionId)];
    if (route === undefined || linkIds === undefined) continue;
    const links = linkIds.map((id) => net.linkIndexById.get(id));
    if (links.some((l) => l === undefined)) continue;
    const order = new Map(links.map((l, i) => [l!, i]));
    const tripStops: BusStop[] = [];
    for (const st of [...trip.stopTimes].sort((a, b) => a.stopSequence - b.stopSequence)) {
      const stop = stops.get(st.stopId);
      const link = stop?.linkId === undefined ? undefined : net.linkIndexById.get(stop.linkId);
      if (stop === undefined || link === undefined || !order.has(link)) continue;
      const len = net.linkLength[link]!;
      tripStops.push({
        stopId: stop.id,
        link,
        positionM: Math.min(Math.max(stop.positionM ?? len / 2, 12), len - 1),
      });
    }
    tripStops.sort((a, b) => order.get(a.link)! - order.get(b.link)! || a.positionM - b.positionM);
    const first = gtfsTimeToSeconds(trip.stopTimes[0]!.departure);
    // Leave the first road link so as to reach the first stop about on time (~8 m/s in town).
    const lead = (trip.stopTimes[0]!.distM ?? 0) / 8;
    const freqs = transit.frequencies.filter((f) => f.tripId === trip.id);
    const starts: number[] = [];
    if (freqs.length === 0) starts.push(first);
    for (const f of freqs)
      for (let s = gtfsTimeToSeconds(f.startTime); s < gtfsTimeToSeconds(f.endTime); s += f.headwayS)
        starts.push(s);
    for (const s of starts) {
      // A time past 24:00 belongs to the service day before (GTFS): a scenario that starts after
      // midnight runs it 24 h earlier than its face value.
      const departS = [s - t0 - lead, s - DAY_S - t0 - lead].find((d) => d >= 0 && d < sc.durationS);
      if (departS === undefined) continue;
      out.push({
        busId: `bus-${trip.id}-${s}`.slice(0, 64),
        tripId: trip.id,
        routeId: route.id,
        departS,
        links: Int32Array.from(links as number[]),
        stops: tripStops,
      });
    }
  }
  return out.sort((a, b) => a.departS - b.departS);
}

/** Departures for bus trips, of vehicle type `typeIndex`. */
export function busDepartures(trips: readonly BusTrip[], typeIndex: number): Departure[] {
  return trips.map((t) => ({
    id: t.busId,
    departS: t.departS,
    typeIndex,
    route: t.links,
    departSpeed: 'max' as const,
    reroutable: false,
    transitTripId: t.busId,
  }));
}
