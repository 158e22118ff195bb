import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import { loadScenario } from '../../core/scenario/index.ts';
import { prepareRun } from '../run/index.ts';
import { runPaced } from './index.ts';

const MINI = new URL('../../core/scenario/fixtures/mini.json', import.meta.url).pathname;

test('live mode keeps simulated time at speed x the clock, and ends at the run end', async () => {
  const run = prepareRun({ kind: 'scenario', scenario: loadScenario(MINI) }, { endS: 60 });
  const clock = new VirtualClock(1_000_000);
  const seen: number[] = [];
  const done = runPaced(run, clock, { speed: 10, tickMs: 100, onTick: (t) => seen.push(t) });
  clock.advance(1000);
  // One wall second at 10x: ten simulated seconds, within one step.
  expect(run.sim.timeS).toBeGreaterThanOrEqual(9.5);
  expect(run.sim.timeS).toBeLessThanOrEqual(10.5);
  clock.advance(10_000);
  await done;
  expect(run.sim.timeS).toBeCloseTo(60, 5);
  expect(seen.length).toBeGreaterThan(10);
  expect(clock.pendingTimers).toBe(0);
});
