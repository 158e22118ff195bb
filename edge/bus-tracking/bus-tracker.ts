/**
 * @module edge/bus-tracking/bus-tracker
 * Tracks every bus of a region from its AVL fixes: map-matches each fix to its trip's shape with a
 * monotonic distance-along constraint, rejects bad fixes (no fix, poor HDOP, stale, a jump), detects
 * off-route running, stop arrivals and departures (or passes), and reports progress, stop events,
 * segment travel times and schedule deviation (core/messages/uplink item types); for a headway-based
 * trip, which has no timetable, its headway lateness instead (headway.ts), for transit priority.
 */
import type { BusPosition, UplinkItem } from '../../core/index.ts';
import { HeadwayBoard, headwayLatenessS, type BusTrace } from './headway.ts';
import type { RouteCatalog, TripPattern } from './route-catalog.ts';
import { scheduleDeviationS, scheduledTimeAt, serviceSeconds } from './schedule.ts';
import { StopWatcher } from './stop-watcher.ts';

type BusProgressItem = Extract<UplinkItem, { type: 'bus-progress' }>;
type StopEventItem = Extract<UplinkItem, { type: 'stop-event' }>;
type SegmentTimeItem = Extract<UplinkItem, { type: 'segment-time' }>;

/** Why a fix was not used. */
export type FixRejectReason =
  'no-fix' | 'noise' | 'stale' | 'no-route' | 'unknown-route' | 'jump' | 'unlocated';

/** Result of one fix. */
export type FixOutcome =
  | {
      readonly accepted: true;
      readonly progress: BusProgressItem;
      readonly stopEvents: readonly StopEventItem[];
      readonly segmentTimes: readonly SegmentTimeItem[];
      /**
       * On a headway-based trip: how much the bus's gap to the bus ahead exceeds the scheduled
       * headway, s (negative = closer; headway.ts); null on a timetabled trip (its lateness is
       * `progress.scheduleDeviationS`), off the route, or with no leader seen.
       */
      readonly headwayLatenessS: number | null;
    }
  | { readonly accepted: false; readonly reason: FixRejectReason };

/** Options of a {@link BusTracker}; defaults in {@link DEFAULT_BUS_TRACKER_OPTIONS}. */
export type BusTrackerOptions = {
  /** Fixes further than this from the shape are off the route, m. */
  readonly offRouteM: number;
  /** Consecutive consistent far fixes before a bus is declared off-route (or relocated). */
  readonly confirmFixes: number;
  /** Fastest plausible bus speed, m/s, for the search window and the jump test. */
  readonly maxSpeedMps: number;
  /** Backward slack of the monotonic window (GPS noise), m. */
  readonly backSlackM: number;
  /** HDOP above this is noise. */
  readonly maxHdop: number;
  /** A fix older than this on arrival is stale, ms. */
  readonly maxFixAgeMs: number;
  /** A vehicle with no fix for this long is forgotten, ms. */
  readonly expireMs: number;
  /** Within this distance of a stop a slow bus has arrived, m. */
  readonly stopRadiusM: number;
  /** Below this speed a bus near a stop is dwelling, m/s. */
  readonly dwellSpeedMps: number;
  /** Local time offset for timetables, minutes (Korea UTC+9). */
  readonly utcOffsetMin: number;
  /** How long a headway-based bus's trace is kept after its last fix, as a leader for the next, ms. */
  readonly headwayMemoryMs: number;
};

export const DEFAULT_BUS_TRACKER_OPTIONS: BusTrackerOptions = Object.freeze({
  offRouteM: 60,
  confirmFixes: 3,
  maxSpeedMps: 30,
  backSlackM: 50,
  maxHdop: 8,
  maxFixAgeMs: 120_000,
  expireMs: 300_000,
  stopRadiusM: 30,
  dwellSpeedMps: 2,
  utcOffsetMin: 540,
  headwayMemoryMs: 7_200_000,
});

type Pending = { distanceM: number | null; lon: number; lat: number; ts: number; count: number };

type Vehicle = {
  readonly vehicleId: string;
  readonly tripId: string | null;
  pattern: TripPattern | null;
  distanceM: number;
  located: boolean;
  lastFixTs: number;
  lastSeenMs: number;
  offRoute: boolean;
  pending: Pending | null;
  stops: StopWatcher | null;
  /** Its distance-time trace on a headway-based trip, else null. */
  trace: BusTrace | null;
};

/** Map-matching tracker of every bus in a region. */
export class BusTracker {
  readonly #catalog: RouteCatalog;
  readonly #options: BusTrackerOptions;
  readonly #vehicles = new Map<string, Vehicle>();
  readonly #rejected: Partial<Record<FixRejectReason, number>> = {};
  readonly #headways = new HeadwayBoard();

  constructor(catalog: RouteCatalog, options: Partial<BusTrackerOptions> = {}) {
    this.#catalog = catalog;
    this.#options = Object.freeze({ ...DEFAULT_BUS_TRACKER_OPTIONS, ...options });
  }

  /** Process one fix received at `nowMs`. */
  onFix(fix: BusPosition, nowMs: number): FixOutcome {
    const o = this.#options;
    if (fix.fixQuality === 0) return this.#reject('no-fix');
    if (fix.hdop !== null && fix.hdop > o.maxHdop) return this.#reject('noise');
    if (nowMs - fix.ts > o.maxFixAgeMs) return this.#reject('stale');
    if (fix.routeId === null && fix.tripId === null) return this.#reject('no-route');
    let v = this.#vehicles.get(fix.vehicleId);
    if (v !== undefined && v.tripId !== fix.tripId) v = undefined;
    if (v !== undefined && fix.ts <= v.lastFixTs) return this.#reject('stale');
    if (v === undefined) {
      const pattern = fix.tripId === null ? null : (this.#catalog.trip(fix.tripId) ?? null);
      if (pattern === null && this.#catalog.patternsOf(fix.routeId ?? '').length === 0) {
        return this.#reject('unknown-route');
      }
      v = {
        vehicleId: fix.vehicleId,
        tripId: fix.tripId,
        pattern,
        distanceM: 0,
        located: false,
        lastFixTs: fix.ts,
        lastSeenMs: nowMs,
        offRoute: false,
        pending: null,
        stops: null,
        trace: null,
      };
      this.#vehicles.set(fix.vehicleId, v);
    }
    v.lastSeenMs = nowMs;
    let previousTs = v.lastFixTs;
    let previousM = v.distanceM;
    if (!v.located) {
      if (!this.#locate(v, fix)) {
        v.lastFixTs = fix.ts;
        return this.#reject('unlocated');
      }
      previousTs = fix.ts;
      previousM = v.distanceM;
    }
    const pattern = v.pattern;
    if (pattern === null) return this.#reject('unlocated');
    let moved = false;
    if (v.stops === null) {
      v.stops = new StopWatcher(pattern, v.distanceM, o.stopRadiusM, o.dwellSpeedMps);
      moved = true;
    } else {
      const dtS = Math.max(0.001, (fix.ts - previousTs) / 1000);
      const window = pattern.shape.match(
        fix.lon,
        fix.lat,
        v.distanceM - o.backSlackM,
        v.distanceM + o.maxSpeedMps * dtS + o.offRouteM,
      );
      if (window.offsetM <= o.offRouteM) {
        v.distanceM = Math.max(v.distanceM, window.distanceM);
        v.offRoute = false;
        v.pending = null;
        moved = true;
      } else if (!this.#confirmFar(v, fix)) {
        v.lastFixTs = fix.ts;
        return this.#reject('jump');
      } else if (v.pending !== null && v.pending.distanceM !== null) {
        // The bus really is elsewhere on its route (e.g. after a long dropout): relocate it.
        v.distanceM = v.pending.distanceM;
        v.offRoute = false;
        v.pending = null;
        moved = true;
      } else {
        v.offRoute = true;
      }
    }
    v.lastFixTs = fix.ts;
    const watcher = v.stops;
    const events = moved
      ? watcher.advance(previousM, previousTs, v.distanceM, fix.ts, fix.speedMps)
      : { stopEvents: [], segments: [] };
    const stopEvents: StopEventItem[] = events.stopEvents.map((e) => ({
      type: 'stop-event',
      vehicleId: v.vehicleId,
      routeId: pattern.routeId,
      tripId: v.tripId,
      stopId: e.stopId,
      event: e.event,
      at: Math.round(e.at),
    }));
    const segmentTimes: SegmentTimeItem[] = events.segments.map((s) => ({
      type: 'segment-time',
      routeId: pattern.routeId,
      fromStopId: s.fromStopId,
      toStopId: s.toStopId,
      vehicleId: v.vehicleId,
      departedAt: Math.round(s.departedAt),
      travelTimeS: Math.min(7200, Math.max(0, s.travelTimeS)),
    }));
    let headwayLateS: number | null = null;
    if (pattern.frequencyBased && !v.offRoute) {
      v.trace ??= this.#headways.open({
        patternKey: pattern.patternKey,
        vehicleId: v.vehicleId,
        distanceM: v.distanceM,
        atMs: fix.ts,
        originM: (pattern.stops[0]?.distanceM ?? 0) + o.stopRadiusM,
        backSlackM: o.backSlackM,
        resumeWithinMs: runningTimeMs(pattern),
      });
      headwayLateS = headwayLatenessS({
        pattern,
        own: v.trace,
        traces: this.#headways.traces(pattern.patternKey),
        distanceM: v.distanceM,
        atMs: fix.ts,
        utcOffsetMin: o.utcOffsetMin,
      });
      v.trace.record(v.distanceM, fix.ts);
    }
    const [lon, lat] = v.offRoute ? [fix.lon, fix.lat] : pattern.shape.pointAt(v.distanceM);
    const scheduled = pattern.frequencyBased ? null : scheduledTimeAt(pattern.stops, v.distanceM);
    const progress: BusProgressItem = {
      type: 'bus-progress',
      vehicleId: v.vehicleId,
      routeId: pattern.routeId,
      tripId: v.tripId,
      at: fix.ts,
      lat,
      lon,
      speedMps: fix.speedMps,
      distanceM: v.distanceM,
      scheduleDeviationS:
        scheduled === null
          ? null
          : Math.round(scheduleDeviationS(serviceSeconds(fix.ts, o.utcOffsetMin), scheduled)),
      lastStopId: watcher.lastStopId,
      nextStopId: watcher.nextStopId,
      onRoute: !v.offRoute,
      passengers: fix.passengers,
    };
    return { accepted: true, progress, stopEvents, segmentTimes, headwayLatenessS: headwayLateS };
  }

  /**
   * Forget vehicles not heard from for `expireMs`; returns their ids. A headway-based bus's trace
   * stays `headwayMemoryMs` longer, as the leader of the bus behind it.
   */
  expire(nowMs: number): string[] {
    this.#headways.forget(nowMs, this.#options.headwayMemoryMs);
    const gone: string[] = [];
    for (const [id, v] of this.#vehicles) {
      if (nowMs - v.lastSeenMs > this.#options.expireMs) {
        this.#vehicles.delete(id);
        gone.push(id);
      }
    }
    return gone;
  }

  /** Vehicles currently tracked. */
  get size(): number {
    return this.#vehicles.size;
  }

  /** Rejected fixes by reason. */
  rejected(): Partial<Record<FixRejectReason, number>> {
    return { ...this.#rejected };
  }

  #locate(v: Vehicle, fix: BusPosition): boolean {
    const candidates = v.pattern !== null ? [v.pattern] : this.#catalog.patternsOf(fix.routeId ?? '');
    let best: { pattern: TripPattern; distanceM: number; offsetM: number } | null = null;
    for (const p of candidates) {
      const m = p.shape.match(fix.lon, fix.lat);
      if (best === null || m.offsetM < best.offsetM) best = { pattern: p, ...m };
    }
    if (best === null || best.offsetM > this.#options.offRouteM) return false;
    v.pattern = best.pattern;
    v.distanceM = best.distanceM;
    v.located = true;
    return true;
  }

  /** Count a far fix; true once enough consecutive, mutually consistent far fixes confirm it. */
  #confirmFar(v: Vehicle, fix: BusPosition): boolean {
    const o = this.#options;
    const m = v.pattern?.shape.match(fix.lon, fix.lat);
    const onShapeM = m !== undefined && m.offsetM <= o.offRouteM ? m.distanceM : null;
    const p = v.pending;
    const consistent =
      p !== null &&
      (onShapeM === null) === (p.distanceM === null) &&
      distanceBetweenM(p.lon, p.lat, fix.lon, fix.lat) <=
        o.maxSpeedMps * ((fix.ts - p.ts) / 1000) + o.offRouteM;
    v.pending = {
      distanceM: onShapeM,
      lon: fix.lon,
      lat: fix.lat,
      ts: fix.ts,
      count: consistent ? p.count + 1 : 1,
    };
    return v.pending.count >= o.confirmFixes;
  }

  #reject(reason: FixRejectReason): FixOutcome {
    this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
    return { accepted: false, reason };
  }
}

/** Scheduled time from a pattern's first stop to its last, ms. */
function runningTimeMs(pattern: TripPattern): number {
  const first = pattern.stops[0];
  const last = pattern.stops[pattern.stops.length - 1];
  return first === undefined || last === undefined ? 0 : (last.arrivalS - first.departureS) * 1000;
}

/** Equirectangular distance between two nearby positions, metres. */
function distanceBetweenM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const k = 111_195;
  const dx = (lon2 - lon1) * k * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  return Math.hypot(dx, (lat2 - lat1) * k);
}
