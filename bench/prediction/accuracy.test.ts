/**
 * @module bench/prediction/accuracy.test
 */
import { expect, test } from 'vitest';
import { scorePredictions } from './accuracy.ts';
import { runPredictionOnSimulator, type PredictionSample } from './center-run.ts';

const T = Date.UTC(2026, 10, 25, 22, 0, 0);
const sample = (over: Partial<PredictionSample>): PredictionSample => ({
  vehicleId: 'b1',
  stopId: 's1',
  madeAtMs: T,
  predictedMs: T + 100_000,
  lowMs: T + 80_000,
  highMs: T + 150_000,
  expectedMs: T + 110_000,
  sdS: 20,
  scheduleMs: T + 100_000,
  propagationMs: T + 100_000,
  lastStopPropagationMs: T + 100_000,
  ...over,
});

test('errors are bucketed by actual time to arrival and judged against asymmetric windows', () => {
  const actual = T + 120_000; // 2 min ahead: the 0-3 min bucket, window -30/+90 s
  const report = scorePredictions(
    [
      sample({ predictedMs: actual - 80_000, scheduleMs: actual + 40_000, propagationMs: actual }),
      sample({ stopId: 'never-reached' }),
    ],
    (v, s) => (s === 's1' ? actual : undefined),
  );
  const first = report.buckets[0];
  expect(report.unmatched).toBe(1);
  expect(first?.scores.predictor).toEqual({ n: 1, maeS: 80, inWindow: 1 });
  expect(first?.scores.schedule).toEqual({ n: 1, maeS: 40, inWindow: 0 });
  expect(first?.scores.propagation.maeS).toBe(0);
  expect(first?.inRange).toBe(1);
  expect(report.buckets[1]?.scores.predictor.n).toBe(0);
});

test('the signed error distribution shows on which side of the window the misses fall', () => {
  const actual = T + 120_000;
  // Errors -60, -40, -10, 0, +10, +100 s (actual − predicted) in the 0-3 min window -30/+90 s.
  const errorsS = [-60, -40, -10, 0, 10, 100];
  const report = scorePredictions(
    errorsS.map((e, i) => sample({ stopId: `s${i}`, predictedMs: actual - e * 1000 })),
    () => actual,
  );
  const b = report.buckets[0];
  expect(b?.early).toBeCloseTo(2 / 6);
  expect(b?.late).toBeCloseTo(1 / 6);
  expect(b?.scores.predictor.inWindow).toBeCloseTo(3 / 6);
  expect(b?.medianErrorS).toBe(0);
  // 5th, 10th, 25th, 50th, 75th, 90th, 95th percentiles (nearest rank below).
  expect(b?.errorPercentilesS).toEqual([-60, -60, -40, 0, 10, 100, 100]);
  expect(report.buckets[4]?.early).toBeNull();
});

test('a short demo-city run scores the center predictions against simulated arrivals', async () => {
  const run = await runPredictionOnSimulator({ durationS: 600, tailS: 420 });
  expect(run.rejected).toBe(0);
  expect(run.truth.size).toBeGreaterThan(20);
  const report = scorePredictions(run.samples, (v, s) => run.truth.arrivalMs(v, s));
  for (const b of report.buckets.slice(0, 3)) expect(b.scores.predictor.n).toBeGreaterThan(0);
  const near = report.buckets[0]?.scores;
  // Next-stop predictions from live positions beat the bare timetable.
  expect(near?.predictor.maeS).toBeLessThan(near?.schedule.maeS ?? 0);
});
