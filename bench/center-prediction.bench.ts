/**
 * @module bench/center-prediction.bench
 * Bus arrival prediction accuracy against simulator ground truth (issue 8): the demo city runs two
 * simulated hours in the microscopic simulator, buses emitting GPS with the simulator's noise plus
 * urban-canyon noise (σ 7 m per axis more), dropouts and the scenario's GPS faults. The fixes go
 * through the edge's bus tracking and uplink and the center's ingest and arrival service — the live
 * code path — and every 30 s every bus's predictions are recorded. Truth is when each simulated bus
 * actually stopped at each stop. Mean absolute error per horizon bucket and the share inside the
 * TransitApp windows, against two baselines on the same predictions: the timetable, and
 * schedule-deviation propagation as OneBusAway does it (the bus stays as late as it is now: the
 * deviation at its current place, interpolated in the timetable by distance along the trip). The
 * propagation of the deviation at the bus's last stop event (against the scheduled arrival or
 * departure, whichever the event was) is shown beside it, and so is an oracle (the bus's true next
 * arrival plus the run's true mean segment times) as the floor of mean-based prediction.
 * `--quick` runs 40 simulated minutes.
 */
import { ERROR_PERCENTILES, HORIZON_BUCKETS, scorePredictions } from './prediction/accuracy.ts';
import { runPredictionOnSimulator } from './prediction/center-run.ts';
import { oraclePredictions } from './prediction/oracle.ts';
import type { BenchFigure, Benchmark } from './types.ts';

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

export const benchmark: Benchmark = {
  name: 'center prediction',
  run: async ({ quick }) => {
    const run = await runPredictionOnSimulator({
      durationS: quick ? 2400 : 7200,
      tailS: quick ? 900 : 1200,
    });
    const actualMs = (v: string, s: string): number | undefined => run.truth.arrivalMs(v, s);
    const report = scorePredictions(run.samples, actualMs);
    // The same predictions bucketed by the horizon the predictor showed (what a rider saw).
    const shown = scorePredictions(run.samples, actualMs, 'shown');
    // The floor of mean-based prediction: true next arrival plus the run's true mean segment times.
    const oracle = oraclePredictions(run.samples, {
      stopIds: (v) => run.truth.trip(v)?.stops.map((s) => s.stopId),
      arrivalMs: actualMs,
      routeOf: (v) => run.truth.trip(v)?.routeId,
    });
    const floor = scorePredictions(
      run.samples.flatMap((s, i) => {
        const predictedMs = oracle[i];
        return predictedMs === undefined ? [] : [{ ...s, predictedMs }];
      }),
      actualMs,
    );
    const figures: BenchFigure[] = [];
    report.buckets.forEach(({ bucket, scores, inRange, medianErrorS, errorPercentilesS, early, late }, i) => {
      const bound = floor.buckets[i]?.scores;
      const { predictor, schedule, propagation, lastStopPropagation } = scores;
      figures.push({
        name: `arrival MAE ${bucket.name} (simulator truth)`,
        value: Math.round(predictor.maeS),
        unit: 's',
        target: '>= 30% below propagation',
        reference: { name: 'schedule-deviation propagation', value: Math.round(propagation.maeS) },
        ratio: Number((predictor.maeS / propagation.maeS).toFixed(3)),
        met: predictor.maeS <= 0.7 * propagation.maeS,
        note:
          `schedule ${Math.round(schedule.maeS)} s, propagation from the last stop event ` +
          `${Math.round(lastStopPropagation.maeS)} s; n=${predictor.n}; median error ${medianErrorS.toFixed(0)} s; ` +
          `signed error (actual − shown) at ${ERROR_PERCENTILES.join('/')}%: ` +
          `${errorPercentilesS.map((e) => e.toFixed(0)).join('/')} s; ` +
          `truth inside predicted range ${pct(inRange)}; oracle floor (true next arrival + true mean ` +
          `segment times) ${Math.round(bound?.predictor.maeS ?? Number.NaN)} s = ` +
          `${((bound?.predictor.maeS ?? Number.NaN) / (bound?.propagation.maeS ?? Number.NaN)).toFixed(2)}x propagation`,
      });
      if (bucket.window !== null) {
        figures.push({
          name: `inside TransitApp window ${bucket.name} (${bucket.window[0]}/+${bucket.window[1]} s)`,
          value: Number((100 * (predictor.inWindow ?? 0)).toFixed(1)),
          unit: '%',
          target: '>= 90%',
          met: (predictor.inWindow ?? 0) >= 0.9,
          note:
            `missed ${pct(early)} early (bus before the window), ${pct(late)} late; ` +
            `propagation ${pct(propagation.inWindow)} (from the last stop event ` +
            `${pct(lastStopPropagation.inWindow)}), schedule ${pct(schedule.inWindow)}, ` +
            `oracle floor ${pct(bound?.predictor.inWindow ?? null)}; by the horizon shown ` +
            `${pct(shown.buckets[i]?.scores.predictor.inWindow ?? null)} (MAE ` +
            `${Math.round(shown.buckets[i]?.scores.predictor.maeS ?? Number.NaN)} s)`,
        });
      }
    });
    figures.push({
      name: 'prediction run (demo city, edge + center in the loop)',
      value: Number(run.wallS.toFixed(1)),
      unit: 's wall',
      note:
        `${run.gpsFixes} GPS fixes, ${run.batches} uplink batches (${run.rejected} rejected), ` +
        `${run.truth.size} actual stop arrivals, ${run.samples.length} predictions ` +
        `(${report.unmatched} for arrivals after the run), buckets ${HORIZON_BUCKETS.length}`,
    });
    return figures;
  },
};
