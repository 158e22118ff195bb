/**
 * @module center/prediction/prediction-cache
 * Each bus's predictions, kept from one of its reports to the next. A prediction is a list of
 * absolute times (epoch ms of the arrival and its range), so it does not go stale with the clock:
 * what a board shows "in N minutes" is derived from them when the board is made. Predicting every bus
 * of the watched routes on every live-feed turn was the center's largest cost at high report rates,
 * though most buses had not reported since the turn before.
 *
 * What makes a kept prediction stale, and what is done about it:
 * - a new report of the bus (place, speed, load, trip or route): dropped at once, by the service and
 *   by the identity of the report the entry was computed from;
 * - the bus's own stop events (arrive / depart switch it between "rest of its dwell" and "place on
 *   the segment"): dropped at once;
 * - the bus leaving the store or its last report ageing past the service's limit: dropped, and an
 *   expired bus is never predicted whatever is kept;
 * - the models it read changing through other buses (smoothed segment times, dwells, the headway to
 *   the bus ahead, the learnt time from a place, live slowdowns): kept at most {@link
 *   DEFAULT_PREDICTION_MAX_AGE_MS}. A smoothed segment time moves a few seconds per bus that runs the
 *   segment, far less than a prediction's range; a bus reports every few seconds, so its next report
 *   usually refreshes it first, and the age bound only matters for a bus that has gone quiet (or
 *   stands at a stop longer than expected, where a fresh prediction would slip with the clock).
 */
import type { VehicleRecord } from '../state/index.ts';
import type { ArrivalPrediction } from './predict-vehicle.ts';

/** Longest a bus's predictions are kept while it does not report, ms. */
export const DEFAULT_PREDICTION_MAX_AGE_MS = 30_000;

/** A bus's predictions and the direction (GTFS direction_id) of the pattern they follow. */
export type VehiclePredictions = {
  readonly directionId: number | null;
  readonly predictions: readonly ArrivalPrediction[];
};

/** Options of {@link PredictionCache}. */
export type PredictionCacheOptions = {
  /** Longest a bus's predictions are kept while it does not report, ms. Default 30 s. */
  readonly maxAgeMs?: number;
};

type Entry = {
  readonly report: VehicleRecord;
  readonly computedAtMs: number;
  readonly value: VehiclePredictions;
};

/** Predictions per bus, reused until the bus reports again or they age out. */
export class PredictionCache {
  readonly #maxAgeMs: number;
  readonly #entries = new Map<string, Entry>();

  constructor(options: PredictionCacheOptions = {}) {
    const maxAgeMs = options.maxAgeMs ?? DEFAULT_PREDICTION_MAX_AGE_MS;
    if (!(maxAgeMs >= 0)) throw new RangeError(`maxAgeMs must be >= 0, got ${maxAgeMs}`);
    this.#maxAgeMs = maxAgeMs;
  }

  /**
   * The predictions of the bus at its report `report`, kept from an earlier call when computed from
   * this very report less than the maximum age before `nowMs`; else `compute()`, kept.
   */
  get(report: VehicleRecord, nowMs: number, compute: () => VehiclePredictions): VehiclePredictions {
    const e = this.#entries.get(report.vehicleId);
    // A clock that went back (a simulator rewound) recomputes rather than trust the entry.
    const age = e === undefined ? -1 : nowMs - e.computedAtMs;
    if (e !== undefined && e.report === report && age >= 0 && age < this.#maxAgeMs) return e.value;
    const value = compute();
    this.#entries.set(report.vehicleId, { report, computedAtMs: nowMs, value });
    return value;
  }

  /** Drop a bus's predictions (it reported, had a stop event, or left). */
  invalidate(vehicleId: string): void {
    this.#entries.delete(vehicleId);
  }

  /** Buses with kept predictions. */
  get size(): number {
    return this.#entries.size;
  }
}
