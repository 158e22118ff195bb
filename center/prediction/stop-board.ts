/**
 * @module center/prediction/stop-board
 * A stop's board from the live predictions of the buses coming to it: per route the next two
 * arrivals (the next of each direction among them) with minutes, stops away, range, crowding and
 * headsign, and the timetable's next after them, flagged, when fewer buses are live than a board
 * shows (Seoul signs show two per route); the timetable alone when no live bus is known; "service
 * ended" when the route has finished for the day. Which buses are predicted, and when, is the arrival service's business.
 */
import type { BoardArrival, RouteBoard, StopBoard } from '../../core/api/index.ts';
import type { CenterNetwork } from '../network/index.ts';
import { arrivalText, NO_DATA, SERVICE_ENDED } from './arrival-text.ts';
import type { ArrivalPrediction } from './predict-vehicle.ts';
import { scheduledArrivals, serviceDayStartMs, type ScheduledArrival } from './schedule.ts';

/** Arrivals a route shows on a board. */
const BOARD_ARRIVALS = 2;

/** Stops whose timetable a board maker keeps (a city's stops with a timetable each: a few MB). */
const MAX_TIMETABLES = 4096;

const NO_TIMETABLE: ReadonlyMap<string, readonly ScheduledArrival[]> = new Map();

/** Index of the first arrival at or after `ms` in a list sorted by time (its length when none). */
function firstAtOrAfter(list: readonly ScheduledArrival[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.etaMs ?? Infinity) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a board names of its stop. */
export type BoardStop = {
  readonly name: string;
  readonly nameEn: string | null;
  readonly routeIds: readonly string[];
};

/**
 * The next `n` arrivals of one route at a stop, soonest first, with the next of every direction
 * among them. A stop can be served by both directions of a route: the demo city's subway platforms
 * (GTFS stops of location_type 0) carry one id per station for the inner and the outer circle of
 * Line 2, as feeds of island platforms often do, while its bus stops have one id per side of the
 * road. Two trains the other way closing in on a platform must not push the next train of this
 * way off its board; with one direction at the stop this is the plain soonest `n`.
 */
export function nextOfEachDirection<T>(
  arrivals: readonly T[],
  etaMsOf: (a: T) => number,
  directionOf: (a: T) => number | null,
  n: number,
): T[] {
  // One pass (a busy stop has a hundred buses of a route ahead, a board shows two): the soonest
  // of each direction and the soonest n, ties kept in arrival order.
  const firstOf = new Map<number | null, T>();
  const soonest: T[] = [];
  for (const a of arrivals) {
    const t = etaMsOf(a);
    const d = directionOf(a);
    const f = firstOf.get(d);
    if (f === undefined || t < etaMsOf(f)) firstOf.set(d, a);
    const last = soonest[soonest.length - 1];
    if (soonest.length >= n && (last === undefined || t >= etaMsOf(last))) continue;
    let i = soonest.length;
    while (i > 0 && etaMsOf(soonest[i - 1] as T) > t) i--;
    soonest.splice(i, 0, a);
    if (soonest.length > n) soonest.pop();
  }
  const byEta = (a: T, b: T): number => etaMsOf(a) - etaMsOf(b);
  const picked = [...firstOf.values()].sort(byEta).slice(0, n);
  for (const a of soonest) {
    if (picked.length >= n) break;
    if (!picked.includes(a)) picked.push(a);
  }
  return picked.sort(byEta);
}

/** Makes the boards of one network's stops. */
export class StopBoardMaker {
  readonly #net: CenterNetwork;
  readonly #offsetMs: number;
  readonly #asOf: (vehicleId: string) => number | null;
  /** Per stop, the timetabled arrivals of the service day `day` by route, soonest first (most recently made last). */
  readonly #timetables = new Map<
    string,
    { day: number; byRoute: ReadonlyMap<string, readonly ScheduledArrival[]> }
  >();

  /**
   * `offsetMs`: the scenario's UTC offset (timetables are local time); `asOf`: the time of the
   * report a bus's predictions were made from.
   */
  constructor(net: CenterNetwork, offsetMs: number, asOf: (vehicleId: string) => number | null) {
    this.#net = net;
    this.#offsetMs = offsetMs;
    this.#asOf = asOf;
  }

  /** The board of `stopId`: `liveOf` gives a route's live predictions there, `directionOf` a bus's direction. */
  make(
    stopId: string,
    stop: BoardStop,
    liveOf: (routeId: string) => readonly ArrivalPrediction[],
    directionOf: (p: ArrivalPrediction) => number | null,
    now: number,
  ): StopBoard {
    const transit = this.#net.scenario.transit;
    const routes = stop.routeIds.map((routeId): RouteBoard => {
      const route = transit?.routes.find((r) => r.id === routeId);
      const shortName = route?.shortName ?? routeId;
      const capacity = route?.capacity ?? 80;
      const live = liveOf(routeId);
      const preds = nextOfEachDirection(live, (p) => p.etaMs, directionOf, BOARD_ARRIVALS);
      const liveArrivals = preds.map((p) => this.#liveArrival(p, now, capacity));
      if (preds.length >= BOARD_ARRIVALS) {
        return {
          routeId,
          shortName,
          status: 'live',
          arrivals: liveArrivals,
          text: liveArrivals[0]?.text ?? NO_DATA,
        };
      }
      // The timetable only where the live buses do not fill the board (a board is made at every
      // live-feed turn that can change it).
      const todays = this.#timetable(stopId, now).get(routeId) ?? [];
      const ahead = todays.slice(firstAtOrAfter(todays, now));
      if (preds.length > 0) {
        // Fewer live buses than the board shows: the timetable's next after them, flagged.
        const after = this.#timetableAfterLive(ahead, live, directionOf);
        const arrivals = [
          ...liveArrivals,
          ...after.slice(0, BOARD_ARRIVALS - preds.length).map((s) => this.#scheduledArrival(s, now)),
        ].sort((a, b) => a.etaMs - b.etaMs);
        return { routeId, shortName, status: 'live', arrivals, text: arrivals[0]?.text ?? NO_DATA };
      }
      const upcoming = nextOfEachDirection(
        ahead,
        (s) => s.etaMs,
        (s) => this.#directionOfTrip(s.tripId),
        BOARD_ARRIVALS,
      );
      if (upcoming.length > 0) {
        const arrivals = upcoming.map((s) => this.#scheduledArrival(s, now));
        return { routeId, shortName, status: 'schedule', arrivals, text: arrivals[0]?.text ?? NO_DATA };
      }
      const ended = todays.length > 0;
      return {
        routeId,
        shortName,
        status: ended ? 'ended' : 'no-data',
        arrivals: [],
        text: ended ? SERVICE_ENDED : NO_DATA,
      };
    });
    return { stopId, name: stop.name, nameEn: stop.nameEn, generatedAt: now, routes };
  }

  /**
   * The timetabled arrivals (soonest first) that come after a route's live buses, so cannot be one of
   * them: of each direction, those after its last live bus (a direction with none live: all), never
   * a live bus's own trip. A trip run by frequency has no identity to match (the live bus names the
   * GTFS trip, not its start), so the first slot after the last live bus is taken for that bus's own
   * when it lies nearer to it than half the gap to the next slot (a bus running a little ahead of
   * its headway), and the board shows the slot after.
   */
  #timetableAfterLive(
    ahead: readonly ScheduledArrival[],
    live: readonly ArrivalPrediction[],
    directionOf: (p: ArrivalPrediction) => number | null,
  ): ScheduledArrival[] {
    const liveTrips = new Set(live.map((p) => p.tripId));
    const lastLive = new Map<number | null, number>();
    for (const p of live) {
      const d = directionOf(p);
      lastLive.set(d, Math.max(lastLive.get(d) ?? -Infinity, p.etaMs));
    }
    const byDirection = new Map<number | null, ScheduledArrival[]>();
    for (const s of ahead) {
      if (liveTrips.has(s.tripId)) continue;
      const d = this.#directionOfTrip(s.tripId);
      if (s.etaMs <= (lastLive.get(d) ?? -Infinity)) continue;
      const list = byDirection.get(d);
      if (list === undefined) byDirection.set(d, [s]);
      else list.push(s);
    }
    const out: ScheduledArrival[] = [];
    for (const [d, list] of byDirection) {
      const last = lastLive.get(d);
      const [first, second] = list;
      const ownSlot =
        last !== undefined &&
        first !== undefined &&
        second !== undefined &&
        first.tripId.includes('@') &&
        first.etaMs - last < (second.etaMs - first.etaMs) / 2;
      out.push(...(ownSlot ? list.slice(1) : list));
    }
    return out.sort((a, b) => a.etaMs - b.etaMs);
  }

  /**
   * Today's timetabled arrivals at a stop (timetable times only change with the service day), kept
   * per stop: a board is made at every live-feed turn that can change it.
   */
  #timetable(stopId: string, now: number): ReadonlyMap<string, readonly ScheduledArrival[]> {
    const transit = this.#net.scenario.transit;
    if (transit === undefined) return NO_TIMETABLE;
    const day = serviceDayStartMs(now, this.#offsetMs);
    const kept = this.#timetables.get(stopId);
    if (kept !== undefined && kept.day === day) return kept.byRoute;
    const byRoute = new Map<string, ScheduledArrival[]>();
    for (const a of scheduledArrivals(transit, stopId, now, this.#offsetMs)) {
      const list = byRoute.get(a.routeId);
      if (list === undefined) byRoute.set(a.routeId, [a]);
      else list.push(a);
    }
    this.#timetables.delete(stopId);
    this.#timetables.set(stopId, { day, byRoute });
    if (this.#timetables.size > MAX_TIMETABLES) {
      const oldest = this.#timetables.keys().next().value;
      if (oldest !== undefined) this.#timetables.delete(oldest);
    }
    return byRoute;
  }

  #scheduledArrival(s: ScheduledArrival, now: number): BoardArrival {
    const etaS = Math.round((s.etaMs - now) / 1000);
    return {
      vehicleId: null,
      tripId: s.tripId,
      headsign: this.#headsignOfTrip(s.tripId),
      etaMs: s.etaMs,
      etaS,
      lowS: etaS,
      highS: etaS,
      stopsAway: null,
      source: 'schedule',
      asOf: null,
      crowding: null,
      text: arrivalText(etaS, null, 'schedule'),
    };
  }

  #liveArrival(p: ArrivalPrediction, now: number, capacity: number): BoardArrival {
    const etaMs = Math.max(now, p.etaMs);
    const etaS = Math.round((etaMs - now) / 1000);
    const load = p.passengers === null ? null : p.passengers / capacity;
    return {
      vehicleId: p.vehicleId,
      tripId: p.tripId,
      headsign: p.tripId === null ? null : this.#headsignOfTrip(p.tripId),
      etaMs,
      etaS,
      lowS: Math.max(0, Math.round((p.lowMs - now) / 1000)),
      highS: Math.max(0, Math.round((p.highMs - now) / 1000)),
      stopsAway: p.stopsAway,
      source: 'live',
      asOf: this.#asOf(p.vehicleId),
      crowding: load === null ? null : load < 0.5 ? 'low' : load < 0.9 ? 'medium' : 'high',
      text: arrivalText(etaS, p.stopsAway, 'live'),
    };
  }

  /** The timetabled trip of a trip id (`<trip id>@<start s>` for a trip run by frequency). */
  #tripOf(tripId: string): { readonly directionId: number; readonly headsign: string } | undefined {
    const at = tripId.lastIndexOf('@');
    return this.#net.trips.get(at < 0 ? tripId : tripId.slice(0, at));
  }

  /** Direction of a timetabled trip, or null. */
  #directionOfTrip(tripId: string): number | null {
    return this.#tripOf(tripId)?.directionId ?? null;
  }

  /** Headsign of a timetabled trip, or null when it has none. */
  #headsignOfTrip(tripId: string): string | null {
    const headsign = this.#tripOf(tripId)?.headsign ?? '';
    return headsign === '' ? null : headsign;
  }
}
