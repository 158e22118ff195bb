/**
 * @module bench/prediction/oracle
 * How far any predictor built from mean segment times could get on a run: each prediction is
 * replaced by the bus's true arrival at its next stop plus, for every stop after that, the run's true
 * mean stop-to-stop time of that route segment (arrival to arrival, dwell included). It peeks at the
 * truth twice (the next arrival, and means over the whole run), so it is no predictor; it is the
 * floor left by what varies from bus to bus on a segment (a signal's red or green, a stop's riders),
 * to set the predictor's figures against.
 */
import type { PredictionSample } from './center-run.ts';

/** Truth the oracle reads: each bus's stops in order and when it reached them. */
export type OracleTruth = {
  readonly stopIds: (vehicleId: string) => readonly string[] | undefined;
  readonly arrivalMs: (vehicleId: string, stopId: string) => number | undefined;
  readonly routeOf: (vehicleId: string) => string | undefined;
};

/** The oracle's prediction for each sample it can answer (same order; undefined where it cannot). */
export function oraclePredictions(
  samples: readonly PredictionSample[],
  truth: OracleTruth,
): (number | undefined)[] {
  const vehicles = [...new Set(samples.map((s) => s.vehicleId))];
  // Mean arrival-to-arrival time of every route segment over every bus of the run.
  const sums = new Map<string, { total: number; n: number }>();
  for (const v of vehicles) {
    const stops = truth.stopIds(v) ?? [];
    for (let i = 0; i + 1 < stops.length; i++) {
      const a = truth.arrivalMs(v, stops[i] ?? '');
      const b = truth.arrivalMs(v, stops[i + 1] ?? '');
      if (a === undefined || b === undefined) continue;
      const key = `${truth.routeOf(v)}|${stops[i]}|${stops[i + 1]}`;
      const s = sums.get(key) ?? { total: 0, n: 0 };
      s.total += b - a;
      s.n++;
      sums.set(key, s);
    }
  }
  // A bus's next stop at a sampling instant is the first stop it was predicted for then.
  const nextStop = new Map<string, string>();
  for (const s of samples) {
    const key = `${s.vehicleId}|${s.madeAtMs}`;
    if (!nextStop.has(key)) nextStop.set(key, s.stopId);
  }
  return samples.map((s) => {
    const stops = truth.stopIds(s.vehicleId) ?? [];
    const from = stops.indexOf(nextStop.get(`${s.vehicleId}|${s.madeAtMs}`) ?? '');
    const to = stops.indexOf(s.stopId);
    let t = truth.arrivalMs(s.vehicleId, stops[from] ?? '');
    if (from < 0 || to < from || t === undefined) return undefined;
    for (let i = from; i < to && t !== undefined; i++) {
      const mean = sums.get(`${truth.routeOf(s.vehicleId)}|${stops[i]}|${stops[i + 1]}`);
      t = mean === undefined ? undefined : t + mean.total / mean.n;
    }
    return t;
  });
}
