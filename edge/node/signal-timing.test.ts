/**
 * @module edge/node/signal-timing.test
 * A unit's recent cycle (green and the red after it), smoothed over cycles, for the travel time of
 * links measured at their stop line.
 */
import { expect, test } from 'vitest';
import { unitState } from '../adaptive/test-units.ts';
import { SignalTimingTracker } from './signal-timing.ts';

const green = (lastGreenS: number | null) =>
  unitState(2, { active: true, greenS: 0, redS: null, lastGreenS });
const red = (redS: number, lastGreenS: number) =>
  unitState(2, { active: false, greenS: null, redS, lastGreenS });

test("a unit's cycle is its green and the red after it, the newest cycle weighing 0.3", () => {
  const t = new SignalTimingTracker();
  t.observe('X', [green(null)]);
  t.observe('X', [red(1, 30)]);
  expect(t.recentCycle('X', '2')).toBeNull();
  t.observe('X', [red(60, 30)]);
  t.observe('X', [green(30)]);
  expect(t.recentCycle('X', '2')).toEqual({ greenS: 30, cycleS: 90 });
  t.observe('X', [red(1, 20)]);
  t.observe('X', [red(50, 20)]);
  t.observe('X', [green(20)]);
  const c = t.recentCycle('X', '2');
  expect(c?.greenS).toBeCloseTo(27, 9);
  expect(c?.cycleS).toBeCloseTo(84, 9);
  expect(t.recentCycle('X', '4')).toBeNull();
  expect(t.recentCycle('Y', '2')).toBeNull();
});
