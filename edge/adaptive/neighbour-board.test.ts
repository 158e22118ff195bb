/**
 * @module edge/adaptive/neighbour-board.test
 * Outflows projected from a schedule and the arrival clusters a downstream neighbour builds from them,
 * on hand-worked examples; the board keeps what was released while replacing the projection.
 */
import { expect, test } from 'vitest';
import { arrivalClusters, NeighbourBoard, projectOutflow } from './neighbour-board.ts';

const ARRIVALS = { fromS: 0, horizonS: 100, chunkS: 100, dischargeVps: 1 };

test('a 10-vehicle queue served at 0.5 veh/s from 5 s leaves from 5 to 25 s', () => {
  const out = projectOutflow([{ arrivalS: 0, durationS: 20, vehicles: 10 }], [{ startS: 5, endS: 60 }], 0.5);
  expect(out).toEqual([{ startS: 5, durationS: 20, flowVps: 0.5 }]);
});

test('vehicles the green cannot hold wait for the next green; a later cluster leaves on arrival', () => {
  // 10 vehicles at 1 veh/s: 4 leave in the 0-4 s green, 6 in the next green from 20 s; 2 more
  // vehicles arriving at 30 s leave then, after a 4 s gap.
  const out = projectOutflow(
    [
      { arrivalS: 0, durationS: 10, vehicles: 10 },
      { arrivalS: 30, durationS: 2, vehicles: 2 },
    ],
    [
      { startS: 0, endS: 4 },
      { startS: 20, endS: 60 },
    ],
    1,
  );
  expect(out).toEqual([
    { startS: 0, durationS: 4, flowVps: 1 },
    { startS: 20, durationS: 6, flowVps: 1 },
    { startS: 30, durationS: 2, flowVps: 1 },
  ]);
});

test('a neighbour outflow arrives delayed by the link travel time and scaled by the turning share', () => {
  // 0.5 veh/s leaving 5-25 s, 15 s of travel, 80% turn towards this approach: 0.4 veh/s at 20-40 s.
  const outflows = [{ startS: 5, durationS: 20, flowVps: 0.5 }];
  const whole = arrivalClusters(outflows, { ...ARRIVALS, travelS: 15, share: 0.8 });
  expect(whole).toHaveLength(1);
  expect(whole[0]!.arrivalS).toBeCloseTo(20);
  expect(whole[0]!.vehicles).toBeCloseTo(8);
  expect(whole[0]!.durationS).toBeCloseTo(8); // green needed at 1 veh/s
  const chunks = arrivalClusters(outflows, { ...ARRIVALS, travelS: 15, share: 0.8, chunkS: 5 });
  expect(chunks.map((c) => c.arrivalS)).toEqual([20, 25, 30, 35]);
  for (const c of chunks) expect(c.vehicles).toBeCloseTo(2);
});

test('arrivals the loops already see and those beyond the horizon are left out', () => {
  const outflows = [{ startS: -10, durationS: 40, flowVps: 1 }]; // arrives -2..38 s after 8 s travel
  const cut = arrivalClusters(outflows, { ...ARRIVALS, travelS: 8, share: 1, fromS: 4, horizonS: 19 });
  expect(cut).toHaveLength(1);
  expect(cut[0]!.arrivalS).toBeCloseTo(4);
  expect(cut[0]!.vehicles).toBeCloseTo(15);
});

test('the board keeps released vehicles, replaces the projection, and reads in the reader clock', () => {
  const board = new NeighbourBoard([{ linkId: 'L', fromIntersection: 'up', travelS: 10 }], new Map());
  expect(board.fed('L')).toBe(true);
  board.publish('L', 100, [{ startS: 0, durationS: 10, flowVps: 1 }]);
  // One second later: 0.5 vehicle actually left in 100-101 s; the new projection starts 3 s later.
  board.publish('L', 101, [{ startS: 3, durationS: 2, flowVps: 1 }], { sinceS: 100, vehicles: 0.5 });
  expect(board.outflowsOn('L', 101)).toEqual([
    { startS: -1, durationS: 1, flowVps: 0.5 },
    { startS: 3, durationS: 2, flowVps: 1 },
  ]);
  // The same timeline read by a neighbour 2 s later.
  expect(board.outflowsOn('L', 103).map((o) => o.startS)).toEqual([-3, 1]);
});
