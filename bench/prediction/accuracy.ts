/**
 * @module bench/prediction/accuracy
 * Scores predictions against actual arrivals per horizon bucket: mean absolute error, and the share
 * inside the TransitApp accuracy windows (actual − predicted within −30/+90 s at 0-3 min, −60/+150 s
 * at 3-6, −60/+210 s at 6-10, −90/+270 s at 10-15: a bus may be a little early, more late). The
 * bucket is the actual time to arrival, so every method is scored on the very same predictions.
 * Also how often the actual arrival fell inside the predictor's own range (its calibration), and the
 * predictor's signed errors: their percentiles and which side of the window the misses fall on (a
 * bias shows as misses on one side, a spread as misses on both).
 * Optionally bucketed by the horizon the predictor showed instead (what a rider saw: "7 min"), where
 * the methods are scored on different predictions per bucket.
 */
import type { PredictionSample } from './center-run.ts';

/** One horizon bucket, seconds, and its window (early, late) or null. */
export type HorizonBucket = {
  readonly name: string;
  readonly loS: number;
  readonly hiS: number;
  readonly window: readonly [number, number] | null;
};

export const HORIZON_BUCKETS: readonly HorizonBucket[] = [
  { name: '0-3 min', loS: 0, hiS: 180, window: [-30, 90] },
  { name: '3-6 min', loS: 180, hiS: 360, window: [-60, 150] },
  { name: '6-10 min', loS: 360, hiS: 600, window: [-60, 210] },
  { name: '10-15 min', loS: 600, hiS: 900, window: [-90, 270] },
  { name: '15-20 min', loS: 900, hiS: 1200, window: null },
];

export const METHODS = ['predictor', 'schedule', 'propagation', 'lastStopPropagation'] as const;
export type Method = (typeof METHODS)[number];

/** Scores of one method in one bucket. */
export type BucketScore = { readonly n: number; readonly maeS: number; readonly inWindow: number | null };

/** Scores of every method and bucket. */
export type AccuracyReport = {
  readonly buckets: readonly {
    readonly bucket: HorizonBucket;
    readonly scores: Readonly<Record<Method, BucketScore>>;
    /** Share of actual arrivals inside the predictor's [low, high] range. */
    readonly inRange: number;
    /** Median signed error of the predictor (actual − predicted), s. */
    readonly medianErrorS: number;
    /** Percentiles of the predictor's signed error (actual − predicted), s, at {@link ERROR_PERCENTILES}. */
    readonly errorPercentilesS: readonly number[];
    /** Shares of the predictor's predictions missed by the bus coming earlier / later than the window. */
    readonly early: number | null;
    readonly late: number | null;
  }[];
  /** Predictions whose bus never reached the stop in the run (not scored). */
  readonly unmatched: number;
};

/** Percentiles of the signed error reported per bucket. */
export const ERROR_PERCENTILES: readonly number[] = [5, 10, 25, 50, 75, 90, 95];

type Acc = { n: number; abs: number; inWin: number };

/** The p-th percentile (0-100) of ascending `sorted`, nearest rank below; NaN when empty. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Score `samples` with `actualMs(vehicleId, stopId)`. */
export function scorePredictions(
  samples: readonly PredictionSample[],
  actualMs: (vehicleId: string, stopId: string) => number | undefined,
  by: 'actual' | 'shown' = 'actual',
): AccuracyReport {
  const acc = HORIZON_BUCKETS.map(() => ({
    predictor: { n: 0, abs: 0, inWin: 0 } as Acc,
    schedule: { n: 0, abs: 0, inWin: 0 } as Acc,
    propagation: { n: 0, abs: 0, inWin: 0 } as Acc,
    lastStopPropagation: { n: 0, abs: 0, inWin: 0 } as Acc,
    inRange: 0,
    errors: [] as number[],
  }));
  let unmatched = 0;
  for (const s of samples) {
    const actual = actualMs(s.vehicleId, s.stopId);
    if (actual === undefined) {
      unmatched++;
      continue;
    }
    const horizonS = ((by === 'actual' ? actual : s.predictedMs) - s.madeAtMs) / 1000;
    const i = HORIZON_BUCKETS.findIndex((b) => horizonS >= b.loS && horizonS < b.hiS);
    const bucket = HORIZON_BUCKETS[i];
    const a = acc[i];
    if (bucket === undefined || a === undefined) continue;
    const add = (x: Acc, predictedMs: number): void => {
      const err = (actual - predictedMs) / 1000;
      x.n++;
      x.abs += Math.abs(err);
      if (bucket.window !== null && err >= bucket.window[0] && err <= bucket.window[1]) x.inWin++;
    };
    add(a.predictor, s.predictedMs);
    add(a.schedule, s.scheduleMs);
    add(a.propagation, s.propagationMs);
    add(a.lastStopPropagation, s.lastStopPropagationMs);
    a.errors.push((actual - s.predictedMs) / 1000);
    if (actual >= s.lowMs && actual <= s.highMs) a.inRange++;
  }
  const score = (x: Acc, b: HorizonBucket): BucketScore => ({
    n: x.n,
    maeS: x.n === 0 ? Number.NaN : x.abs / x.n,
    inWindow: b.window === null || x.n === 0 ? null : x.inWin / x.n,
  });
  return {
    unmatched,
    buckets: HORIZON_BUCKETS.map((bucket, i) => {
      const a = acc[i]!;
      const sorted = a.errors.sort((x, y) => x - y);
      const win = bucket.window;
      const share = (miss: (e: number) => boolean): number | null =>
        win === null || sorted.length === 0 ? null : sorted.filter(miss).length / sorted.length;
      return {
        bucket,
        scores: {
          predictor: score(a.predictor, bucket),
          schedule: score(a.schedule, bucket),
          propagation: score(a.propagation, bucket),
          lastStopPropagation: score(a.lastStopPropagation, bucket),
        },
        inRange: a.predictor.n === 0 ? Number.NaN : a.inRange / a.predictor.n,
        medianErrorS: percentile(sorted, 50),
        errorPercentilesS: ERROR_PERCENTILES.map((p) => percentile(sorted, p)),
        early: share((e) => win !== null && e < win[0]),
        late: share((e) => win !== null && e > win[1]),
      };
    }),
  };
}
