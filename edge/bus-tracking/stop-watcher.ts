/**
 * @module edge/bus-tracking/stop-watcher
 * Stop arrivals and departures of one bus on one trip, from its distance along the route. A bus that
 * slows below the dwell speed within the stop radius has arrived; it departs when it leaves the radius
 * downstream. A stop passed without stopping (or during a GPS dropout) gets an arrival and a departure
 * at the moment the bus crossed it, interpolated between fixes, so segment times stay complete (as
 * GTFS-realtime producers report skipped-over stops as passed).
 */
import type { TripPattern } from './route-catalog.ts';

/** An arrival or departure at a stop. */
export type StopPassage = {
  readonly stopId: string;
  readonly event: 'arrive' | 'depart';
  readonly at: number;
};

/** A departure-to-arrival travel time between consecutive stops. */
export type SegmentTravel = {
  readonly fromStopId: string;
  readonly toStopId: string;
  readonly departedAt: number;
  readonly travelTimeS: number;
};

/** Follows one bus through its trip's stops. */
export class StopWatcher {
  readonly #pattern: TripPattern;
  readonly #radiusM: number;
  readonly #dwellSpeedMps: number;
  #next: number;
  #atStop: number | null = null;
  #lastDeparture: { index: number; at: number } | null = null;
  #lastStop: number | null = null;

  constructor(pattern: TripPattern, startM: number, radiusM: number, dwellSpeedMps: number) {
    this.#pattern = pattern;
    this.#radiusM = radiusM;
    this.#dwellSpeedMps = dwellSpeedMps;
    const stops = pattern.stops;
    let i = 0;
    while (i < stops.length && (stops[i]?.distanceM ?? 0) < startM - radiusM) i++;
    this.#next = i;
    if (i > 0) this.#lastStop = i - 1;
  }

  /** The stop the bus is at or last left, or null before the first. */
  get lastStopId(): string | null {
    const i = this.#atStop ?? this.#lastStop;
    return i === null ? null : (this.#pattern.stops[i]?.stopId ?? null);
  }

  /** The next stop ahead, or null at the end of the trip. */
  get nextStopId(): string | null {
    const i = this.#atStop !== null ? this.#atStop + 1 : this.#next;
    return this.#pattern.stops[i]?.stopId ?? null;
  }

  /** Advance from (`fromM`, `fromTs`) to (`toM`, `toTs`) with the bus now at `speedMps`. */
  advance(
    fromM: number,
    fromTs: number,
    toM: number,
    toTs: number,
    speedMps: number,
  ): { stopEvents: StopPassage[]; segments: SegmentTravel[] } {
    const stopEvents: StopPassage[] = [];
    const segments: SegmentTravel[] = [];
    const stops = this.#pattern.stops;
    const timeAt = (m: number): number =>
      toM > fromM ? fromTs + ((toTs - fromTs) * Math.min(1, Math.max(0, m - fromM))) / (toM - fromM) : toTs;
    const arrive = (index: number, at: number): void => {
      const stop = stops[index];
      if (stop === undefined) return;
      stopEvents.push({ stopId: stop.stopId, event: 'arrive', at });
      const d = this.#lastDeparture;
      const from = d === null ? undefined : stops[d.index];
      if (d !== null && from !== undefined && d.index === index - 1) {
        segments.push({
          fromStopId: from.stopId,
          toStopId: stop.stopId,
          departedAt: d.at,
          travelTimeS: (at - d.at) / 1000,
        });
      }
    };
    const depart = (index: number, at: number): void => {
      const stop = stops[index];
      if (stop === undefined) return;
      stopEvents.push({ stopId: stop.stopId, event: 'depart', at });
      this.#lastDeparture = { index, at };
      this.#lastStop = index;
    };
    if (this.#atStop !== null) {
      const here = stops[this.#atStop];
      if (here !== undefined && toM > here.distanceM + this.#radiusM) {
        depart(this.#atStop, timeAt(here.distanceM + this.#radiusM));
        this.#next = this.#atStop + 1;
        this.#atStop = null;
      } else {
        return { stopEvents, segments };
      }
    }
    while (this.#next < stops.length) {
      const stop = stops[this.#next];
      if (stop === undefined) break;
      if (toM > stop.distanceM + this.#radiusM) {
        const at = timeAt(stop.distanceM);
        arrive(this.#next, at);
        depart(this.#next, at);
        this.#next++;
        continue;
      }
      if (toM >= stop.distanceM - this.#radiusM && speedMps <= this.#dwellSpeedMps) {
        arrive(this.#next, toTs);
        this.#atStop = this.#next;
      }
      break;
    }
    return { stopEvents, segments };
  }
}
