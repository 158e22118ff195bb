/**
 * @module center/prediction/prediction-cache.test
 */
import { expect, test } from 'vitest';
import { sampleVehicle } from '../state/testing/index.ts';
import { PredictionCache, type VehiclePredictions } from './prediction-cache.ts';

const T = Date.UTC(2026, 10, 25, 22, 40, 0);

function counting(): { compute: () => VehiclePredictions; calls: () => number } {
  let calls = 0;
  return {
    compute: () => {
      calls++;
      return { directionId: 0, predictions: [] };
    },
    calls: () => calls,
  };
}

test('predictions are kept for the same report, younger than the maximum age', () => {
  const cache = new PredictionCache({ maxAgeMs: 30_000 });
  const report = sampleVehicle({ vehicleId: 'bus-1', at: T });
  const c = counting();
  const first = cache.get(report, T, c.compute);
  expect(cache.get(report, T + 29_999, c.compute)).toBe(first);
  expect(c.calls()).toBe(1);
  cache.get(report, T + 30_000, c.compute);
  expect(c.calls()).toBe(2);
});

test('a new report of the bus, an invalidation or a clock gone back computes again', () => {
  const cache = new PredictionCache();
  const report = sampleVehicle({ vehicleId: 'bus-1', at: T });
  const c = counting();
  cache.get(report, T, c.compute);
  cache.get({ ...report, at: T + 1000 }, T + 1000, c.compute);
  expect(c.calls()).toBe(2);
  cache.get(report, T + 2000, c.compute);
  cache.invalidate('bus-1');
  expect(cache.size).toBe(0);
  cache.get(report, T + 2000, c.compute);
  cache.get(report, T + 1000, c.compute);
  expect(c.calls()).toBe(5);
});

test('a maximum age of 0 keeps nothing; a negative one is refused', () => {
  const cache = new PredictionCache({ maxAgeMs: 0 });
  const report = sampleVehicle({ vehicleId: 'bus-1', at: T });
  const c = counting();
  cache.get(report, T, c.compute);
  cache.get(report, T, c.compute);
  expect(c.calls()).toBe(2);
  expect(() => new PredictionCache({ maxAgeMs: -1 })).toThrow(/maxAgeMs/);
});
