/**
 * @module bench/prediction/oracle.test
 */
import { expect, test } from 'vitest';
import type { PredictionSample } from './center-run.ts';
import { oraclePredictions } from './oracle.ts';

const T = Date.UTC(2026, 10, 25, 22, 0, 0);

test('the oracle adds the run-wide mean segment times to the true next arrival', () => {
  const arrivals: Record<string, number> = {
    'b1|A': T,
    'b1|B': T + 100_000,
    'b1|C': T + 160_000,
    'b2|A': T + 600_000,
    'b2|B': T + 740_000,
    'b2|C': T + 820_000,
  };
  const truth = {
    stopIds: () => ['A', 'B', 'C'],
    arrivalMs: (v: string, s: string) => arrivals[`${v}|${s}`],
    routeOf: () => 'R',
  };
  const sample = (stopId: string, vehicleId = 'b2', madeAtMs = T + 650_000): PredictionSample => ({
    vehicleId,
    stopId,
    madeAtMs,
    predictedMs: 0,
    expectedMs: 0,
    sdS: 0,
    lowMs: 0,
    highMs: 0,
    scheduleMs: 0,
    propagationMs: 0,
    lastStopPropagationMs: 0,
  });
  // At the sampling instant b2's next stop is B: its true arrival there, then B→C's mean of 60 and 80 s.
  const b1 = sample('C', 'b1', T + 120_000);
  expect(oraclePredictions([b1, sample('B'), sample('C')], truth)).toEqual([
    T + 160_000,
    T + 740_000,
    T + 810_000,
  ]);
  expect(oraclePredictions([sample('X')], truth)).toEqual([undefined]);
});
