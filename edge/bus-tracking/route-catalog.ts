/**
 * @module edge/bus-tracking/route-catalog
 * Trip patterns for map matching: each trip's shape (GTFS shapes.txt, or straight lines between its
 * stops when the feed has none) and its stops' distances along it (stop_times shape_dist_traveled when
 * given, else each stop projected onto the shape after the previous one) with their scheduled times.
 */
import type { LonLat, Transit } from '../../core/index.ts';
import { gtfsTimeToSeconds } from '../../core/index.ts';
import { RouteShape } from './route-shape.ts';

/** A stop of a trip pattern. */
export type PatternStop = {
  readonly stopId: string;
  readonly distanceM: number;
  /** Scheduled arrival and departure, seconds after the service day's midnight. */
  readonly arrivalS: number;
  readonly departureS: number;
};

/** A GTFS frequencies.txt entry of a trip, service-day seconds (times of the trip's first stop). */
export type HeadwayPeriod = { readonly startS: number; readonly endS: number; readonly headwayS: number };

/** One trip as the tracker needs it. */
export type TripPattern = {
  readonly tripId: string;
  readonly routeId: string;
  /**
   * Route, shape and stop sequence: trips with the same key run the same path (one direction or
   * branch of a route), so their buses follow one another and their distances along compare.
   */
  readonly patternKey: string;
  readonly shape: RouteShape;
  readonly stops: readonly PatternStop[];
  /** True when the trip runs on a headway (GTFS frequencies): no timetable deviation then. */
  readonly frequencyBased: boolean;
  /** The trip's scheduled headways (GTFS frequencies), in time order; empty for a timetabled trip. */
  readonly headways: readonly HeadwayPeriod[];
};

/** Trip patterns of a transit feed, indexed by trip and by route. */
export class RouteCatalog {
  readonly #trips = new Map<string, TripPattern>();
  readonly #byRoute = new Map<string, TripPattern[]>();

  constructor(transit: Transit) {
    const stops = new Map(transit.stops.map((s) => [s.id, s]));
    const shapes = new Map<string, RouteShape>();
    const shapePoints = new Map(transit.shapes.map((s) => [s.id, s.points]));
    const headways = new Map<string, HeadwayPeriod[]>();
    for (const f of transit.frequencies) {
      const list = headways.get(f.tripId) ?? [];
      list.push({
        startS: gtfsTimeToSeconds(f.startTime),
        endS: gtfsTimeToSeconds(f.endTime),
        headwayS: f.headwayS,
      });
      headways.set(f.tripId, list);
    }
    for (const list of headways.values()) list.sort((a, b) => a.startS - b.startS);
    // One representative trip per (route, shape, stop sequence) keeps route lookups small.
    const representative = new Set<string>();
    for (const trip of transit.trips) {
      const stopTimes = [...trip.stopTimes].sort((a, b) => a.stopSequence - b.stopSequence);
      let shape: RouteShape | undefined;
      const points = trip.shapeId === undefined ? undefined : shapePoints.get(trip.shapeId);
      if (trip.shapeId !== undefined && points !== undefined) {
        shape = shapes.get(trip.shapeId) ?? new RouteShape(trip.shapeId, points);
        shapes.set(trip.shapeId, shape);
      } else {
        const line: LonLat[] = [];
        for (const st of stopTimes) {
          const s = stops.get(st.stopId);
          if (s !== undefined) line.push([s.lon, s.lat]);
        }
        if (line.length < 2) continue;
        shape = new RouteShape(`trip:${trip.id}`, line);
      }
      const pattern: PatternStop[] = [];
      let fromM = 0;
      for (const st of stopTimes) {
        const s = stops.get(st.stopId);
        if (s === undefined) continue;
        const distanceM = st.distM ?? shape.match(s.lon, s.lat, fromM).distanceM;
        fromM = distanceM;
        pattern.push({
          stopId: st.stopId,
          distanceM,
          arrivalS: gtfsTimeToSeconds(st.arrival),
          departureS: gtfsTimeToSeconds(st.departure),
        });
      }
      const key = `${trip.routeId}|${shape.id}|${pattern.map((p) => p.stopId).join(',')}`;
      const tripHeadways = headways.get(trip.id) ?? [];
      const tp: TripPattern = {
        tripId: trip.id,
        routeId: trip.routeId,
        patternKey: key,
        shape,
        stops: pattern,
        frequencyBased: tripHeadways.length > 0,
        headways: tripHeadways,
      };
      this.#trips.set(trip.id, tp);
      if (!representative.has(key)) {
        representative.add(key);
        const list = this.#byRoute.get(trip.routeId) ?? [];
        list.push(tp);
        this.#byRoute.set(trip.routeId, list);
      }
    }
  }

  /** The pattern of a trip, or undefined. */
  trip(tripId: string): TripPattern | undefined {
    return this.#trips.get(tripId);
  }

  /** Distinct patterns of a route (directions, branches). */
  patternsOf(routeId: string): readonly TripPattern[] {
    return this.#byRoute.get(routeId) ?? [];
  }
}
