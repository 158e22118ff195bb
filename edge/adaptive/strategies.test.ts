/**
 * @module edge/adaptive/strategies.test
 * Each strategy on synthetic unit states: Webster, max-pressure, SCATS, TSP, fallbacks.
 */
import { test, expect } from 'vitest';
import type { ControlDecision, UnitDirective } from './index.ts';
import {
  createStrategy,
  CycleCoordinator,
  criticalSum,
  MaxPressureStrategy,
  ScatsStrategy,
  splitGreens,
  WebsterStrategy,
  websterCycleS,
  withTransitPriority,
} from './index.ts';
import { controlInput, unitState } from './test-units.ts';

function directive(decision: ControlDecision, unit: number): UnitDirective | undefined {
  return decision.kind === 'external' ? decision.directives.find((d) => d.unit === unit) : undefined;
}

test("Webster's optimum cycle is (1.5 L + 5) / (1 - Y)", () => {
  expect(websterCycleS(0.5, 10)).toBeCloseTo(40, 6);
  expect(websterCycleS(0.7, 12)).toBeCloseTo(76.667, 2);
  expect(websterCycleS(0.97, 12)).toBe(150);
});

test('greens follow the critical flow ratios across the ring barrier', () => {
  const units = [
    unitState(2, { arrivalVph: 1200 }),
    unitState(6, { arrivalVph: 900 }),
    unitState(4, { arrivalVph: 400 }),
    unitState(8, { arrivalVph: 600 }),
  ];
  const y = (u: { unit: number | string }): number =>
    ({ 2: 0.3, 6: 0.2, 4: 0.1, 8: 0.15 })[Number(u.unit)] ?? 0;
  expect(criticalSum(units, y)).toBeCloseTo(0.45, 6);
  const { greensS, lostTimeS } = splitGreens(units, 100, y);
  expect(lostTimeS).toBe(10);
  // Side 0 gets 90 * 0.30/0.45 = 60 s, side 1 gets 30 s; each ring on a side uses the whole side.
  expect(greensS.get('2')).toBeCloseTo(60, 6);
  expect(greensS.get('6')).toBeCloseTo(60, 6);
  expect(greensS.get('8')).toBeCloseTo(30, 6);
});

test('Webster gives the busier street the longer green and serves every phase', () => {
  const strategy = new WebsterStrategy();
  const units = [
    unitState(2, { arrivalVph: 2400, active: true, greenS: 20 }),
    unitState(6, { arrivalVph: 2200, active: true, greenS: 20 }),
    unitState(4, { arrivalVph: 200 }),
    unitState(8, { arrivalVph: 250 }),
  ];
  const d = strategy.decide(controlInput(units));
  expect(directive(d, 2)).toMatchObject({ hold: true, forceOff: false });
  expect(directive(d, 4)).toMatchObject({ call: true });
  expect(strategy.cycleS).toBeGreaterThan(40);
  const later = strategy.decide(controlInput(units.map((u) => (u.active ? { ...u, greenS: 59 } : u))));
  expect(directive(later, 2)).toMatchObject({ hold: false, forceOff: true });
});

test('strategies fall back to the local plan when no detector is healthy', () => {
  const units = [2, 4, 6, 8].map((p) => unitState(p, { queueVeh: null, arrivalVph: null }));
  for (const name of ['webster', 'max-pressure', 'scats']) {
    expect(createStrategy(name).decide(controlInput(units))).toEqual({
      kind: 'local',
      mode: 'fixed',
      planId: 'p90',
    });
  }
  expect(createStrategy('actuated').decide(controlInput(units))).toEqual({ kind: 'local', mode: 'actuated' });
  expect(() => createStrategy('magic')).toThrow(/unknown strategy "magic"/);
});

test('max-pressure holds a green through its minimum, then yields to a larger waiting pressure', () => {
  const mp = new MaxPressureStrategy();
  const waiting = [unitState(4, { queueVeh: 12 }), unitState(8, { queueVeh: 9 })];
  const early = mp.decide(
    controlInput([
      unitState(2, { active: true, greenS: 5, queueVeh: 1 }),
      unitState(6, { active: true, greenS: 5 }),
      ...waiting,
    ]),
  );
  expect(directive(early, 2)).toMatchObject({ hold: true, forceOff: false });
  const after = mp.decide(
    controlInput([
      unitState(2, { active: true, greenS: 12, queueVeh: 1, gapS: 0 }),
      unitState(6, { active: true, greenS: 12, queueVeh: 2, gapS: 0 }),
      ...waiting,
    ]),
  );
  expect(directive(after, 2)).toMatchObject({ forceOff: true });
  expect(directive(after, 6)).toMatchObject({ forceOff: true });
  expect(directive(after, 4)).toMatchObject({ call: true });
});

test('max-pressure does not end one ring early while the other ring still holds the barrier', () => {
  const mp = new MaxPressureStrategy();
  const d = mp.decide(
    controlInput([
      unitState(2, { active: true, greenS: 12, queueVeh: 1, gapS: 0 }),
      unitState(6, { active: true, greenS: 12, queueVeh: 14, gapS: 0 }),
      unitState(4, { queueVeh: 10 }),
      unitState(8, { queueVeh: 9 }),
    ]),
  );
  expect(directive(d, 2)).toMatchObject({ hold: true, forceOff: false });
  expect(directive(d, 6)).toMatchObject({ hold: true, forceOff: false });
});

test('max-pressure keeps a green with no rival demand and ends it at the maximum', () => {
  const mp = new MaxPressureStrategy();
  const idle = [unitState(4, { queueVeh: 0 }), unitState(8, { queueVeh: 0 }), unitState(6, { queueVeh: 0 })];
  const resting = mp.decide(
    controlInput([unitState(2, { active: true, greenS: 20, queueVeh: 0, gapS: 9 }), ...idle]),
  );
  expect(directive(resting, 2)).toMatchObject({ hold: true });
  const maxed = mp.decide(controlInput([unitState(2, { active: true, greenS: 60, queueVeh: 20 }), ...idle]));
  expect(directive(maxed, 2)).toMatchObject({ forceOff: true });
});

test('max-pressure discounts a movement whose exit is blocked', () => {
  const mp = new MaxPressureStrategy();
  const d = mp.decide(
    controlInput([
      unitState(2, { active: true, greenS: 15, queueVeh: 10, gapS: 0, downstreamOccupancyPct: 75 }),
      unitState(4, { queueVeh: 6 }),
    ]),
  );
  expect(directive(d, 2)).toMatchObject({ forceOff: true });
});

test('SCATS lengthens the cycle when saturated, shortens it when not, and splits by used green', () => {
  const busy = new ScatsStrategy();
  const sat = (g: number, used: number, extra = {}): Record<string, number | boolean> => ({
    lastGreenS: g,
    lastUsedGreenS: used,
    ...extra,
  });
  busy.decide(
    controlInput([unitState(2, { active: true, greenS: 0, ...sat(40, 39) }), unitState(4, sat(30, 20))]),
  );
  expect(busy.cycleS).toBe(96);
  const quiet = new ScatsStrategy();
  quiet.decide(
    controlInput([unitState(2, { active: true, greenS: 0, ...sat(40, 20) }), unitState(4, sat(30, 10))]),
  );
  expect(quiet.cycleS).toBe(84);
  const greens = busy.greensS;
  expect(greens.get('2') ?? 0).toBeGreaterThan(greens.get('4') ?? 0);
});

test('TSP extends the green for a late bus about to arrive, but not past the maximum', () => {
  const tsp = withTransitPriority(new WebsterStrategy());
  const units = (greenS: number): ReturnType<typeof unitState>[] => [
    unitState(2, { active: true, greenS, arrivalVph: 100 }),
    unitState(4, { arrivalVph: 900 }),
  ];
  const request = [{ vehicleId: 'bus1', unit: 2, etaS: 6, lateS: 120 }];
  const plain = new WebsterStrategy().decide(controlInput(units(40)));
  expect(directive(plain, 2)).toMatchObject({ forceOff: true });
  const d = tsp.decide(controlInput(units(40), 1_800_000_000_000, request));
  expect(directive(d, 2)).toMatchObject({ hold: true, forceOff: false });
  const atMax = tsp.decide(controlInput(units(60), 1_800_000_001_000, request));
  expect(directive(atMax, 2)).toMatchObject({ forceOff: true });
});

test('TSP gives an early green by ending conflicting greens that served their minimum', () => {
  const tsp = withTransitPriority(createStrategy('actuated'));
  const units = [
    unitState(4, { active: true, greenS: 12 }),
    unitState(8, { active: true, greenS: 5 }),
    unitState(2),
  ];
  const d = tsp.decide(
    controlInput(units, 1_800_000_000_000, [{ vehicleId: 'b', unit: 2, etaS: 10, lateS: 90 }]),
  );
  expect(directive(d, 4)).toMatchObject({ forceOff: true });
  expect(directive(d, 8)).toMatchObject({ forceOff: false });
  expect(directive(d, 2)).toMatchObject({ call: true });
  // Ahead of its schedule or headway: the default rule (at least 0 s late) gives it nothing.
  const onTime = tsp.decide(
    controlInput(units, 1_800_000_000_000, [{ vehicleId: 'b', unit: 2, etaS: 10, lateS: -30 }]),
  );
  expect(onTime).toEqual({ kind: 'local', mode: 'actuated' });
});

test('SCATS intersections married into a subsystem run the largest cycle any of them asks for', () => {
  const coordinator = new CycleCoordinator();
  const busy = new ScatsStrategy({ coordination: { group: 'teheran-ro', coordinator, offsetS: 0 } });
  const quiet = new ScatsStrategy({ coordination: { group: 'teheran-ro', coordinator, offsetS: 20 } });
  const sat = (used: number): Partial<ReturnType<typeof unitState>> => ({
    lastGreenS: 40,
    lastUsedGreenS: used,
  });
  busy.decide(controlInput([unitState(2, { active: true, greenS: 0, ...sat(40) }), unitState(4, sat(30))]));
  const other = controlInput([unitState(2, { active: true, greenS: 0, ...sat(10) }), unitState(4, sat(10))]);
  quiet.decide({ ...other, intersection: { ...other.intersection, id: 'x2' } });
  expect(busy.cycleS).toBe(96);
  expect(quiet.cycleS).toBe(96);
});

test('max-pressure ends a green at greenCapS even while its queue still discharges', () => {
  const mp = new MaxPressureStrategy({ greenCapS: 25 });
  const busyGreen = (greenS: number) => [
    unitState(2, { active: true, greenS, queueVeh: 15, gapS: 0 }),
    unitState(6, { active: true, greenS, queueVeh: 15, gapS: 0 }),
  ];
  const waiting = [unitState(4, { queueVeh: 3 }), unitState(8, { queueVeh: 2 })];
  expect(directive(mp.decide(controlInput([...busyGreen(24), ...waiting])), 2)).toMatchObject({ hold: true });
  const capped = mp.decide(controlInput([...busyGreen(25), ...waiting]));
  expect(directive(capped, 2)).toMatchObject({ forceOff: true });
  expect(directive(capped, 6)).toMatchObject({ forceOff: true });
  expect(directive(capped, 4)).toMatchObject({ call: true });
  const uncapped = new MaxPressureStrategy({ greenCapS: Infinity }).decide(
    controlInput([...busyGreen(25), ...waiting]),
  );
  expect(directive(uncapped, 2)).toMatchObject({ hold: true });
});

test('conditional TSP extension holds the green only while the bus can still reach it', () => {
  const tsp = withTransitPriority(new WebsterStrategy(), { maxExtensionS: 10 });
  const units = [
    unitState(2, { active: true, greenS: 40, arrivalVph: 100 }),
    unitState(4, { arrivalVph: 900 }),
  ];
  const near = tsp.decide(
    controlInput(units, 1_800_000_000_000, [{ vehicleId: 'b', unit: 2, etaS: 8, lateS: 90 }]),
  );
  expect(directive(near, 2)).toMatchObject({ hold: true, forceOff: false });
  const far = withTransitPriority(new WebsterStrategy(), { maxExtensionS: 10 }).decide(
    controlInput(units, 1_800_000_000_000, [{ vehicleId: 'b', unit: 2, etaS: 20, lateS: 90 }]),
  );
  expect(directive(far, 2)).toMatchObject({ forceOff: true });
  const always = withTransitPriority(new WebsterStrategy(), {
    maxExtensionS: 10,
    conditionalExtension: false,
  });
  const held = always.decide(
    controlInput(units, 1_800_000_000_000, [{ vehicleId: 'b', unit: 2, etaS: 20, lateS: 90 }]),
  );
  expect(directive(held, 2)).toMatchObject({ hold: true });
});

test('TSP early green skips conflicting phases for a bus about to arrive, never one red too long', () => {
  const tsp = withTransitPriority(createStrategy('max-pressure'), { minLateS: 0 });
  const units = [
    unitState(1, { redS: 30, queueVeh: 4 }),
    unitState(2, { redS: 30 }),
    unitState(3, { redS: 200, queueVeh: 4 }),
    unitState(4, { active: true, greenS: 12, queueVeh: 6, gapS: 0 }),
    unitState(6, { redS: 30, queueVeh: 4 }),
    unitState(8, { active: true, greenS: 12, queueVeh: 6, gapS: 0 }),
  ];
  const near = tsp.decide(
    controlInput(units, 1_800_000_000_000, [{ vehicleId: 'b', unit: 2, etaS: 10, lateS: 0 }]),
  );
  expect(directive(near, 4)).toMatchObject({ forceOff: true });
  expect(directive(near, 2)).toMatchObject({ call: true, omit: false });
  expect(directive(near, 1)).toMatchObject({ call: false, omit: true });
  expect(directive(near, 6)).toMatchObject({ omit: false });
  expect(directive(near, 3)).toMatchObject({ omit: false });
  const far = tsp.decide(
    controlInput(units, 1_800_000_001_000, [{ vehicleId: 'b', unit: 2, etaS: 40, lateS: 0 }]),
  );
  expect(directive(far, 1)).toMatchObject({ omit: false });
  expect(directive(far, 2)).toMatchObject({ call: true });
});
