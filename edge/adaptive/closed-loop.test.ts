/**
 * @module edge/adaptive/closed-loop.test
 * Strategies closed-loop with the in-process controller and a point-queue intersection
 * (testing/point-queue).
 */
import { test, expect } from 'vitest';
import { runPointQueue } from './testing/point-queue.ts';
import { FOUR_PHASE } from './test-units.ts';

/** `seconds` of the four-phase intersection, one stop-bar loop per phase, under a strategy. */
const run = (strategy: string, ratesVps: Record<number, number>, seconds: number) =>
  runPointQueue({ intersection: FOUR_PHASE, strategy, ratesVps, seconds });

const MAIN_HEAVY = { 2: 0.3, 6: 0.28, 4: 0.06, 8: 0.07 };
const SIDE_HEAVY = { 2: 0.06, 6: 0.07, 4: 0.3, 8: 0.28 };

for (const strategy of ['webster', 'max-pressure', 'scats', 'schedule-driven']) {
  test(`${strategy} drives a real controller and moves green to where the demand is`, () => {
    const main = run(strategy, MAIN_HEAVY, 900);
    expect(main.mode).toBe('external');
    expect(main.sent.some((c) => c.type === 'force-off')).toBe(true);
    expect(main.meanGreen(2)).toBeGreaterThan(main.meanGreen(4));
    const side = run(strategy, SIDE_HEAVY, 900);
    expect(side.meanGreen(4)).toBeGreaterThan(side.meanGreen(2));
    expect(main.maxQueue).toBeLessThan(60);
  });
}

test('the actuated baseline hands timing to the controller', () => {
  const r = run('actuated', MAIN_HEAVY, 600);
  expect(r.mode).toBe('actuated');
  expect(r.sent.filter((c) => c.type === 'set-mode')).toEqual([{ type: 'set-mode', mode: 'actuated' }]);
});
