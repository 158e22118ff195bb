/**
 * @module edge/bus-tracking/headway
 * Lateness of a bus on a headway-based trip (GTFS frequencies), which has no timetable to be late
 * against: headway adherence, as agencies judge frequent service (TCQSM 3rd ed., TCRP Report 165,
 * ch. 5: for headways of 10 min or less riders see the gap between buses, not a timetable). A bus is
 * late by how much its gap to the bus ahead exceeds the scheduled headway:
 *
 *   lateness = (time the bus is at x) − (time its leader passed x) − (scheduled headway)
 *
 * at the bus's own position x, so a bus held in a queue grows later second by second, as a timetabled
 * one does, and needs no prediction of its arrival anywhere. The leader is the last other bus of the
 * same pattern (route, direction, stops) to pass x; the headway is that of the GTFS frequencies entry
 * in which the leader started its trip (its time at x less the scheduled running time to x).
 * Negative = running closer than the headway behind its leader (bunching); null = unknown (no leader
 * seen, or one first seen past x that may have been the last to pass it).
 *
 * One bus keeps one trace per run of its pattern: picked up again after a GPS dropout long enough for
 * its tracker to forget it (or under a new trip id), not behind where it was, it resumes its trace and
 * the silent stretch is interpolated, as any gap between fixes is. A second trace would begin past the
 * points the first one passed and stand as a leader "first seen past x" for every bus behind, which
 * then had no lateness until it passed where its leader was found again. And a bus first seen where
 * its run begins (within the stop radius of the pattern's first stop) passed the points before it as
 * it was first seen: first fixes there land 11-27 m along (demo city), so a follower's first fixes
 * could lie behind its leader's first one and have no lateness. Demo city, max-pressure, seed 4,
 * 3,600 s, priority rule 0: of 264 priority services (a bus's request first chosen at an
 * intersection), 85 went to buses of unknown lateness, counted as 0: 53 to the six patterns' first
 * buses (no leader), 25 to buses behind a route 440 leader re-traced after the dropout of 07:50-07:55
 * (310 s between fixes, past the tracker's 300 s `expireMs`), 7 at the start of a run. With one
 * trace per run and the start rule: 53 of 262, all to first buses; the only null lateness of a later
 * bus left is past its leader's last fix before the route's end.
 */
import type { HeadwayPeriod, TripPattern } from './route-catalog.ts';
import { scheduledTimeAt, serviceSeconds } from './schedule.ts';

const DAY_S = 86_400;

/** The distance-time trace of one bus on one trip, as its fixes were matched (distance monotone). */
export class BusTrace {
  readonly patternKey: string;
  /**
   * A bus first seen at or before this distance, m, began its run there (the pattern's start, within
   * the noise of a first fix): it passed every point before it when first seen. -Infinity: no such
   * start, a point before the first one seen was passed at an unknown time.
   */
  readonly originM: number;
  readonly #distM: number[] = [];
  readonly #timeMs: number[] = [];

  constructor(patternKey: string, originM = -Infinity) {
    this.patternKey = patternKey;
    this.originM = originM;
  }

  /** Add a matched position; a bus standing keeps two points (first and last seen there). */
  record(distanceM: number, atMs: number): void {
    const n = this.#distM.length;
    const lastM = this.#distM[n - 1];
    const lastMs = this.#timeMs[n - 1];
    if (lastM !== undefined && lastMs !== undefined) {
      if (atMs <= lastMs) return;
      if (distanceM <= lastM && this.#distM[n - 2] === lastM) {
        this.#timeMs[n - 1] = atMs;
        return;
      }
    }
    this.#distM.push(Math.max(distanceM, lastM ?? 0));
    this.#timeMs.push(atMs);
  }

  /** Furthest distance reached, m (-Infinity when empty). */
  get reachedM(): number {
    return this.#distM[this.#distM.length - 1] ?? -Infinity;
  }

  /** Time of the first point, epoch ms (Infinity when empty). */
  get firstMs(): number {
    return this.#timeMs[0] ?? Infinity;
  }

  /** Time of the last point, epoch ms (-Infinity when empty). */
  get lastMs(): number {
    return this.#timeMs[this.#timeMs.length - 1] ?? -Infinity;
  }

  /**
   * When the bus passed `distanceM` (interpolated between the points around it; the first time there
   * if it stood), epoch ms; null when it has not reached it or was first seen already past it (unless
   * it was first seen where its run begins, `originM`: then when it was first seen).
   */
  passedAtMs(distanceM: number): number | null {
    const d = this.#distM;
    const t = this.#timeMs;
    if (d.length === 0 || (d[d.length - 1] ?? -Infinity) < distanceM) return null;
    let lo = 0;
    let hi = d.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((d[mid] ?? 0) >= distanceM) hi = mid;
      else lo = mid + 1;
    }
    const bM = d[lo] ?? 0;
    const bMs = t[lo] ?? 0;
    if (lo === 0) return bM - distanceM <= 1 || bM <= this.originM ? bMs : null;
    const aM = d[lo - 1] ?? 0;
    const aMs = t[lo - 1] ?? 0;
    return bM > aM ? aMs + ((bMs - aMs) * (distanceM - aM)) / (bM - aM) : aMs;
  }
}

/** The scheduled headway of the period holding `serviceS` (or the nearest period), s; null if none. */
export function scheduledHeadwayS(periods: readonly HeadwayPeriod[], serviceS: number): number | null {
  let best: { headwayS: number; offS: number } | null = null;
  for (const p of periods) {
    // A period may run past 24:00 (GTFS): compare the time on both sides of midnight.
    for (const s of [serviceS, serviceS + DAY_S]) {
      const offS = s < p.startS ? p.startS - s : s >= p.endS ? s - p.endS + 1 : 0;
      if (best === null || offS < best.offS) best = { headwayS: p.headwayS, offS };
    }
  }
  return best?.headwayS ?? null;
}

/** What {@link headwayLatenessS} needs: the bus, where and when, and the traces of the buses around it. */
export type HeadwayInput = {
  readonly pattern: TripPattern;
  /** The bus's own trace (left out of the leaders). */
  readonly own: BusTrace;
  /** Traces of the pattern's buses, this one's included or not. */
  readonly traces: Iterable<BusTrace>;
  /** The bus's distance along its pattern, m. */
  readonly distanceM: number;
  /** The time of its fix there, epoch ms. */
  readonly atMs: number;
  /** Local time offset for the frequencies' times, minutes (Korea UTC+9). */
  readonly utcOffsetMin: number;
};

/** Headway lateness of a bus, s (see the module comment); null when unknown. */
export function headwayLatenessS(input: HeadwayInput): number | null {
  const { pattern, own, distanceM: x, atMs } = input;
  if (pattern.headways.length === 0) return null;
  let leaderMs = -Infinity;
  let unseenSinceMs = -Infinity;
  for (const trace of input.traces) {
    if (trace === own || trace.patternKey !== pattern.patternKey || trace.reachedM < x) continue;
    const passed = trace.passedAtMs(x);
    if (passed === null) unseenSinceMs = Math.max(unseenSinceMs, trace.firstMs);
    else if (passed <= atMs) leaderMs = Math.max(leaderMs, passed);
  }
  // A bus first seen past x after the best-known leader passed may itself have passed x later.
  if (leaderMs === -Infinity || unseenSinceMs > leaderMs) return null;
  const firstS = pattern.stops[0]?.departureS ?? 0;
  const runningS = Math.max(0, (scheduledTimeAt(pattern.stops, x) ?? firstS) - firstS);
  const headwayS = scheduledHeadwayS(
    pattern.headways,
    serviceSeconds(leaderMs, input.utcOffsetMin) - runningS,
  );
  if (headwayS === null) return null;
  return Math.round((atMs - leaderMs) / 1000 - headwayS) + 0; // never -0
}

/** Where and when a bus starts to be tracked on a pattern, for {@link HeadwayBoard.open}. */
export type TraceStart = {
  readonly patternKey: string;
  readonly vehicleId: string;
  /** Its distance along the pattern, m, and the time of that fix, epoch ms. */
  readonly distanceM: number;
  readonly atMs: number;
  /** The trace's {@link BusTrace.originM}. */
  readonly originM: number;
  /** How far behind its trace's furthest point a bus still resumes it (GPS noise), m. */
  readonly backSlackM: number;
  /** Longest silence after which a bus may be on a new run of the pattern: no resuming then, ms. */
  readonly resumeWithinMs: number;
};

/** The traces of every headway-based pattern's buses, kept a while after a trip ends. */
export class HeadwayBoard {
  readonly #traces = new Map<string, Set<BusTrace>>();
  /** Each vehicle's latest trace, while held. */
  readonly #latest = new Map<string, BusTrace>();

  /**
   * The trace of a bus starting to be tracked: the one it left on this pattern when it resumes that
   * run (its tracker forgot it during a GPS dropout, or its trip id changed, and it comes back not
   * behind where that trace reached, within `resumeWithinMs` of its last point), else a new one. A
   * second trace of one bus would begin past the points its first one passed, so every follower there
   * would see a leader "first seen past" it and get no lateness (the demo city's 5 min dropout of
   * route 440, 07:50-07:55).
   */
  open(start: TraceStart): BusTrace {
    const { patternKey, vehicleId } = start;
    const last = this.#latest.get(vehicleId);
    if (
      last !== undefined &&
      last.patternKey === patternKey &&
      this.#traces.get(patternKey)?.has(last) === true &&
      start.distanceM >= last.reachedM - start.backSlackM &&
      start.atMs > last.lastMs &&
      start.atMs - last.lastMs <= start.resumeWithinMs
    )
      return last;
    const trace = new BusTrace(patternKey, start.originM);
    const set = this.#traces.get(patternKey) ?? new Set<BusTrace>();
    set.add(trace);
    this.#traces.set(patternKey, set);
    this.#latest.set(vehicleId, trace);
    return trace;
  }

  /** The traces of one pattern. */
  traces(patternKey: string): Iterable<BusTrace> {
    return this.#traces.get(patternKey) ?? [];
  }

  /** Drop traces last moved more than `memoryMs` before `nowMs`. */
  forget(nowMs: number, memoryMs: number): void {
    for (const [key, set] of this.#traces) {
      for (const t of set) if (nowMs - t.lastMs > memoryMs) set.delete(t);
      if (set.size === 0) this.#traces.delete(key);
    }
    for (const [vehicleId, t] of this.#latest)
      if (this.#traces.get(t.patternKey)?.has(t) !== true) this.#latest.delete(vehicleId);
  }

  /** Traces held (every pattern). */
  get size(): number {
    let n = 0;
    for (const set of this.#traces.values()) n += set.size;
    return n;
  }
}
