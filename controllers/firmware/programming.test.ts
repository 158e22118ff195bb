/**
 * @module controllers/firmware/programming.test
 * Operator reprogramming: group timing within safe ranges, plans that must still fit, plan loading.
 */
import { expect, test } from 'vitest';
import { NotFoundError, UnsafeCommandError, ValidationError } from '../../core/index.ts';
import { createController } from '../index.ts';
import { nemaIntersection, stageIntersection } from '../testing/index.ts';

test('an operator may lengthen a minimum green that every plan still fits', () => {
  const c = createController(nemaIntersection());
  c.setGroupTiming(2, 'MinGreen', 12);
  expect(c.groupTiming(2, 'MinGreen')).toBe(12);
});

test('a minimum green below the safe minimum is refused and changes nothing', () => {
  const c = createController(nemaIntersection());
  expect(() => c.setGroupTiming(2, 'MinGreen', 2)).toThrow(ValidationError);
  expect(c.groupTiming(2, 'MinGreen')).toBe(10);
});

test('a timing that a plan no longer fits is refused and changes nothing', () => {
  const c = createController(nemaIntersection());
  expect(() => c.setGroupTiming(1, 'MinGreen', 20)).toThrow(UnsafeCommandError);
  expect(c.groupTiming(1, 'MinGreen')).toBe(5);
});

test('an unknown signal group is refused', () => {
  const c = createController(stageIntersection());
  expect(() => c.setGroupTiming(9, 'Yellow', 4)).toThrow(NotFoundError);
});

test('a plan that breaks a barrier is refused; a valid one can be loaded and selected', () => {
  const c = createController(nemaIntersection());
  const splitsS = { 1: 15, 2: 45, 3: 15, 4: 45, 5: 15, 6: 40, 7: 15, 8: 45 };
  expect(() => c.loadPlan({ id: 'bad', cycleS: 120, offsetS: 0, splitsS, coordinated: [2, 6] })).toThrow(
    /barrier/,
  );
  expect(c.planIds).not.toContain('bad');
  c.loadPlan({
    id: 'good',
    cycleS: 110,
    offsetS: 5,
    splitsS: { ...splitsS, 2: 35, 6: 35, 5: 15 },
    coordinated: [2, 6],
  });
  for (let t = 0; t < 60_000; t += 100) c.step(1_780_000_000_000 + t);
  c.setPlan('good');
  for (let t = 60_000; t < 900_000; t += 100) c.step(1_780_000_000_000 + t);
  expect(c.planId).toBe('good');
  expect(c.fault).toBeNull();
});
