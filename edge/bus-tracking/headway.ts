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
 */
import type { HeadwayPeriod, TripPattern } from './route-catalog.ts';
import { scheduledTimeAt, serviceSeconds } from './schedule.ts';

const DAY_S = 86_400;

/** The distance-time trace of one bus on one trip, as its fixes were matched (distance monotone). */
export class BusTrace {
  readonly patternKey: string;
  readonly #distM: number[] = [];
  readonly #timeMs: number[] = [];

  constructor(patternKey: string) {
    this.patternKey = patternKey;
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
   * if it stood), epoch ms; null when it has not reached it or was first seen already past it.
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
    if (lo === 0) return bM - distanceM <= 1 ? bMs : null;
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

/** The traces of every headway-based pattern's buses, kept a while after a trip ends. */
export class HeadwayBoard {
  readonly #traces = new Map<string, Set<BusTrace>>();

  /** A new trace for a bus starting to be tracked on `patternKey`. */
  open(patternKey: string): BusTrace {
    const trace = new BusTrace(patternKey);
    const set = this.#traces.get(patternKey) ?? new Set<BusTrace>();
    set.add(trace);
    this.#traces.set(patternKey, set);
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
  }

  /** Traces held (every pattern). */
  get size(): number {
    let n = 0;
    for (const set of this.#traces.values()) n += set.size;
    return n;
  }
}
