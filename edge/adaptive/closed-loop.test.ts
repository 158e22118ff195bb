/**
 * @module edge/adaptive/closed-loop.test
 * Strategies closed-loop with the in-process controller and a point-queue intersection.
 */
import { test, expect } from 'vitest';
import { createController } from '../../controllers/index.ts';
import type { DetectorSample, SignalCommand } from './index.ts';
import { applyCommand, createStrategy, IntersectionControl } from './index.ts';
import { FOUR_PHASE } from './test-units.ts';

const T0 = Date.UTC(2026, 10, 26, 0, 0, 0);
const PHASES = [2, 4, 6, 8] as const;

type Loop = {
  occupied: boolean;
  queue: number;
  acc: number;
  count: number;
  occupiedMs: number;
  pulseUntil: number;
  lastOff: number | null;
  nextDeparture: number;
};

/**
 * A point-queue intersection: vehicles arrive at fixed rates, wait on the stop-bar loop while red and
 * leave at a 2 s saturation headway while green. Runs `seconds` under a strategy and returns the mean
 * green per phase and the commands the edge sent.
 */
function run(strategy: string, ratesVps: Record<number, number>, seconds: number) {
  const controller = createController(FOUR_PHASE, { watchdogTimeoutS: 10 });
  const control = new IntersectionControl(FOUR_PHASE, [], [], createStrategy(strategy));
  const loops = new Map<number, Loop>(
    PHASES.map((p) => [
      p,
      {
        occupied: false,
        queue: 0,
        acc: 0,
        count: 0,
        occupiedMs: 0,
        pulseUntil: 0,
        lastOff: null,
        nextDeparture: 0,
      },
    ]),
  );
  const greenTime = new Map<number, number>(PHASES.map((p) => [p, 0]));
  const greens = new Map<number, number>(PHASES.map((p) => [p, 0]));
  const wasGreen = new Set<number>();
  const sent: SignalCommand[] = [];
  let maxQueue = 0;
  let queueSeconds = 0;
  let arrivals = 0;
  const dtMs = 500;
  for (let t = 0; t < seconds * 1000; t += dtMs) {
    const now = T0 + t;
    controller.step(now);
    for (const p of PHASES) {
      const loop = loops.get(p);
      if (loop === undefined) continue;
      const green = controller.movementState(`m${p}`) === 'G';
      if (green && !wasGreen.has(p)) greens.set(p, (greens.get(p) ?? 0) + 1);
      if (green) wasGreen.add(p);
      else wasGreen.delete(p);
      if (green) greenTime.set(p, (greenTime.get(p) ?? 0) + dtMs / 1000);
      loop.acc += ((ratesVps[p] ?? 0) * dtMs) / 1000;
      while (loop.acc >= 1) {
        loop.acc -= 1;
        loop.queue++;
        arrivals++;
      }
      if (green && loop.queue > 0 && now >= loop.nextDeparture) {
        loop.queue--;
        loop.count++;
        loop.pulseUntil = now + 400;
        loop.nextDeparture = now + 2000;
      }
      const occupied = loop.pulseUntil > now || (!green && loop.queue > 0);
      if (occupied) loop.occupiedMs += dtMs;
      if (loop.occupied && !occupied) loop.lastOff = now;
      loop.occupied = occupied;
      controller.setDetector(`d${p}`, occupied);
      maxQueue = Math.max(maxQueue, loop.queue);
      queueSeconds += (loop.queue * dtMs) / 1000;
    }
    if (t % 1000 !== 0) continue;
    const samples = new Map<string, DetectorSample>();
    for (const p of PHASES) {
      const loop = loops.get(p);
      if (loop === undefined) continue;
      samples.set(`d${p}`, {
        detectorId: `d${p}`,
        health: 'ok',
        occupied: loop.occupied,
        lastOffMs: loop.lastOff,
        countTotal: loop.count,
        occupiedMsTotal: loop.occupiedMs,
        latest: null,
      });
    }
    const step = control.step(
      now,
      {
        online: true,
        mode: controller.mode,
        planId: controller.planId,
        cycleSecond: controller.cycleSecond,
        activeUnits: controller.activeUnits(),
      },
      samples,
    );
    for (const c of step.commands) {
      applyCommand(controller, c);
      sent.push(c);
    }
  }
  const meanGreen = (p: number): number => (greenTime.get(p) ?? 0) / Math.max(1, greens.get(p) ?? 0);
  return {
    meanGreen,
    sent,
    mode: controller.mode,
    maxQueue,
    meanDelayS: queueSeconds / Math.max(1, arrivals),
  };
}

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
