/**
 * @module simulator/report/svg.test
 * Chart axes read in round numbers: a run sampled from 60 s to 3,600 s is labelled 1000, 2000, 3000
 * (it was 60, 945, 1830, 2715, 3600), and a queue axis up to 25 vehicles 0, 5, ... 25.
 */
import { expect, test } from 'vitest';
import { lineChart, niceTicks } from './svg.ts';

test('ticks fall on round numbers inside the range', () => {
  expect(niceTicks(60, 3600)).toEqual([1000, 2000, 3000]);
  expect(niceTicks(0, 25)).toEqual([0, 5, 10, 15, 20, 25]);
  expect(niceTicks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  expect(niceTicks(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  expect(niceTicks(5, 5)).toEqual([5]);
});

test('a chart of a run from 60 s to 3,600 s labels its clock axis at round seconds', () => {
  const xs = Array.from({ length: 60 }, (_, i) => 60 * (i + 1));
  const svg = lineChart('queue', 'simulation clock (s)', 'veh', [
    { label: 'q', xs, ys: xs.map((x) => x / 200) },
  ]);
  const labels = [...svg.matchAll(/font-size="10">([\d.]+)<\/text>/g)].map((m) => Number(m[1]));
  expect(labels).toEqual(expect.arrayContaining([1000, 2000, 3000]));
  expect(labels).not.toContain(945);
  expect(labels.every((v) => v % 1 === 0 || v % 0.5 === 0)).toBe(true);
});
