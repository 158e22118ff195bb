/**
 * @module edge/adaptive/schedule-driven-clusters.test
 * Cluster building of the schedule-driven strategy, on hand-worked examples.
 */
import { expect, test } from 'vitest';
import type { ClusterOptions } from './schedule-driven-clusters.ts';
import { approachClusters, capClusters, mergeParallel } from './schedule-driven-clusters.ts';

const NO_PREDICTION: ClusterOptions = {
  advanceTravelS: 4,
  joinGapS: 0.5,
  predictS: 0,
  predictChunkS: 5,
  maxClusters: 6,
};

test('the newest advance-loop arrivals are still moving; the rest of the queue stands at the stop line', () => {
  // 3 vehicles past the advance loop, 1 of them 0.5 s ago: it reaches the stop line in 3.5 s; the
  // other 2 stand there now and need 2 s of green at 1 veh/s, ending at 2 s, more than 0.5 s before.
  const clusters = approachClusters(
    { queueVeh: 3, recent: [{ ageS: 0.5, vehicles: 1 }], arrivalVps: 0, dischargeVps: 1 },
    NO_PREDICTION,
  );
  expect(clusters).toEqual([
    { arrivalS: 0, durationS: 2, vehicles: 2 },
    { arrivalS: 3.5, durationS: 1, vehicles: 1 },
  ]);
});

test('an arrival before the cluster ahead has passed joins it (anticipated queue)', () => {
  // Queue of 3 (after the 3 moving ones) ends at 3 s; arrivals at 1 s and 3 s queue behind it.
  const clusters = approachClusters(
    {
      queueVeh: 6,
      recent: [
        { ageS: 1, vehicles: 2 },
        { ageS: 3, vehicles: 1 },
      ],
      arrivalVps: 0,
      dischargeVps: 1,
    },
    NO_PREDICTION,
  );
  expect(clusters).toEqual([{ arrivalS: 0, durationS: 6, vehicles: 6 }]);
});

test('recent arrivals beyond the queue estimate have already left', () => {
  const clusters = approachClusters(
    {
      queueVeh: 1,
      recent: [
        { ageS: 1, vehicles: 1 },
        { ageS: 2, vehicles: 2 },
      ],
      arrivalVps: 0,
      dischargeVps: 2,
    },
    NO_PREDICTION,
  );
  expect(clusters).toEqual([{ arrivalS: 3, durationS: 0.5, vehicles: 1 }]);
});

test('beyond the loops the arrival rate is predicted in chunks', () => {
  const clusters = approachClusters(
    { queueVeh: 0, recent: [], arrivalVps: 0.2, dischargeVps: 1 },
    { ...NO_PREDICTION, predictS: 14 },
  );
  expect(clusters).toEqual([
    { arrivalS: 4, durationS: 1, vehicles: 1 },
    { arrivalS: 9, durationS: 1, vehicles: 1 },
  ]);
});

test('a discharge rate of zero is refused', () => {
  expect(() =>
    approachClusters({ queueVeh: 1, recent: [], arrivalVps: 0, dischargeVps: 0 }, NO_PREDICTION),
  ).toThrow(RangeError);
});

test('units served together merge where their clusters overlap', () => {
  const merged = mergeParallel(
    [
      [{ arrivalS: 0, durationS: 3, vehicles: 3 }],
      [
        { arrivalS: 1, durationS: 1, vehicles: 1 },
        { arrivalS: 5, durationS: 2, vehicles: 2 },
      ],
    ],
    6,
  );
  expect(merged).toEqual([
    { arrivalS: 0, durationS: 3, vehicles: 4 },
    { arrivalS: 5, durationS: 2, vehicles: 2 },
  ]);
});

test('capping joins the two clusters with the smallest gap', () => {
  const capped = capClusters(
    [
      { arrivalS: 0, durationS: 1, vehicles: 1 },
      { arrivalS: 2, durationS: 1, vehicles: 1 },
      { arrivalS: 10, durationS: 1, vehicles: 1 },
    ],
    2,
  );
  expect(capped).toEqual([
    { arrivalS: 0, durationS: 3, vehicles: 2 },
    { arrivalS: 10, durationS: 1, vehicles: 1 },
  ]);
});
