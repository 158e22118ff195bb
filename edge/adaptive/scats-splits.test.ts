import { expect, test } from 'vitest';
import { adaptSplits } from './scats-splits.ts';
import { unitState } from './test-units.ts';

const PLAN = {
  cycleS: 160,
  splitsS: { 1: 24, 2: 62, 3: 22, 4: 52, 5: 24, 6: 62, 7: 22, 8: 52 },
  coordinated: [2, 6],
};
const O = { maxStepS: 4 };
const units = [1, 2, 3, 4, 5, 6, 7, 8].map((p) =>
  unitState(p, { clearanceS: 6, minGreenS: 6, maxGreenS: 50 }),
);

test('a side street that ran out its window with vehicles crossing gains a step, from the coordinated units', () => {
  const full = new Set(['4', '8']);
  const next = adaptSplits(units, PLAN.splitsS, PLAN, (u) => full.has(String(u.unit)), O);
  expect(next['4']).toBe(56);
  expect(next['8']).toBe(56);
  expect(next['3']).toBe(22);
  // The cycle stays the plan's: each ring still sums to 160 s, the coordinated units give the time.
  expect(next['2']).toBe(58);
  expect((next['5'] ?? 0) + (next['6'] ?? 0) + (next['7'] ?? 0) + (next['8'] ?? 0)).toBe(160);
});

test('splits grow up to the maximum green and return to the plan once greens end early', () => {
  let splits: Record<string, number> = { ...PLAN.splitsS };
  for (let i = 0; i < 5; i++)
    splits = adaptSplits(units, splits, PLAN, (u) => u.unit === 4 || u.unit === 8, O);
  expect(splits['4']).toBe(56);
  splits = adaptSplits(units, splits, PLAN, () => false, O);
  expect(splits['4']).toBe(52);
  splits = adaptSplits(units, splits, PLAN, () => null, O);
  expect(splits).toEqual(PLAN.splitsS);
});

test('a unit without healthy loops moves back to the plan split', () => {
  const blind = unitState(4, { clearanceS: 6, queueVeh: null });
  const plan = { cycleS: 120, splitsS: { 2: 70, 4: 50 }, coordinated: [2] };
  const next = adaptSplits([unitState(2, { clearanceS: 6 }), blind], { 2: 66, 4: 54 }, plan, () => true, O);
  expect(next['4']).toBe(50);
  expect(next['2']).toBe(70);
});

test('no change leaves a coordinated unit below its minimum green', () => {
  const two = [
    unitState(2, { clearanceS: 6, minGreenS: 30 }),
    unitState(4, { clearanceS: 6, minGreenS: 6, maxGreenS: 90 }),
  ];
  const plan = { cycleS: 100, splitsS: { 2: 38, 4: 62 }, coordinated: [2] };
  expect(adaptSplits(two, plan.splitsS, plan, () => true, O)).toEqual(plan.splitsS);
});
