/**
 * @module edge/adaptive/schedule-driven.test
 * The schedule-driven strategy on synthetic unit states: it holds or switches as the schedule says,
 * never ends a green before its minimum, always ends one at its maximum when another phase waits
 * (property test, fast-check, with and without neighbour sharing), learns an approach's discharge rate
 * from its stop-bar counts, and passes its projected outflow to a downstream neighbour.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ConfigError } from '../../core/index.ts';
import { createStrategy } from './strategies.ts';
import { NeighbourBoard } from './neighbour-board.ts';
import { clusterBudget, phaseGroups } from './schedule-driven-phases.ts';
import { ScheduleDrivenStrategy } from './schedule-driven.ts';
import { controlInput, unitState } from './test-units.ts';
import type { ControlDecision, UnitDirective, UnitState } from './types.ts';

const directive = (d: ControlDecision, unit: number): UnitDirective | undefined =>
  d.kind === 'external' ? d.directives.find((x) => x.unit === unit) : undefined;

test('is registered as schedule-driven', () => {
  expect(createStrategy('schedule-driven').name).toBe('schedule-driven');
});

test('options out of range fail at start, naming the field', () => {
  expect(() => new ScheduleDrivenStrategy({ saturationVphpl: 0 })).toThrow(/scheduleDriven.saturationVphpl/);
  expect(() => new ScheduleDrivenStrategy({ joinGapS: -1 })).toThrow(/scheduleDriven.joinGapS/);
  expect(() => new ScheduleDrivenStrategy({ predictS: Number.NaN })).toThrow(ConfigError);
});

test('NEMA phases are scheduled by barrier side, stages one by one', () => {
  const nema = phaseGroups([2, 4, 6, 8].map((p) => unitState(p)));
  expect(nema.map((g) => g.units.map((u) => u.unit))).toEqual([
    [2, 6],
    [4, 8],
  ]);
  const stages = phaseGroups([unitState(1, { ring: 0, barrier: 0 }), unitState(2, { ring: 0, barrier: 1 })]);
  expect(stages).toHaveLength(2);
});

test('the cluster budget keeps the search small as phases multiply', () => {
  expect(clusterBudget(2, { maxPhaseClusters: 6 })).toBe(6);
  expect(clusterBudget(8, { maxPhaseClusters: 6 })).toBe(1);
  expect(Math.pow(clusterBudget(5, { maxPhaseClusters: 6 }) + 1, 5) * 5).toBeLessThanOrEqual(20_000);
});

const side = (queue2: number, queue4: number, greenS: number): UnitState[] => [
  unitState(2, { active: true, greenS, redS: null, queueVeh: queue2, gapS: queue2 > 0 ? 0 : 5 }),
  unitState(6, { active: true, greenS, redS: null, queueVeh: queue2, gapS: queue2 > 0 ? 0 : 5 }),
  unitState(4, { queueVeh: queue4, redS: 20 }),
  unitState(8, { queueVeh: queue4, redS: 20 }),
];

test('holds a green still discharging a queue when the side street has a few vehicles', () => {
  const d = new ScheduleDrivenStrategy({ predictS: 0 }).decide(controlInput(side(12, 2, 15)));
  expect(directive(d, 2)).toMatchObject({ hold: true, forceOff: false });
  expect(directive(d, 6)).toMatchObject({ hold: true, forceOff: false });
  expect(directive(d, 4)).toMatchObject({ call: true });
});

test('serves a short queue first, then switches (least total delay)', () => {
  // Main street: 1 vehicle per ring (2 s merged at 1.06 veh/s); side street 28 vehicles (13.3 s).
  // Main first: side waits 0.95 + 5 clearance + 2 start-up = 7.95 s, 28 x 7.95 = 223 veh·s.
  // Side first: 28 x 7 = 196, then main at 20.3 + 7 = 27.3 s, 2 x 27.3 = 55: 251 veh·s.
  const d = new ScheduleDrivenStrategy({ predictS: 0 }).decide(controlInput(side(1, 14, 15)));
  expect(directive(d, 2)).toMatchObject({ hold: true, forceOff: false });
});

test('switches to a long side-street queue rather than wait for main-street arrivals', () => {
  // The main street's only vehicles have just passed the advance loop and reach the stop line in
  // 4 s. Main first: side waits 4 + 0.95 + 7 = 11.95 s, 28 x 11.95 = 335 veh·s. Side first: 196, then
  // main at 27.3 s, waiting 23.3 s: 2 x 23.3 = 47; 243 veh·s.
  const units = side(1, 14, 15).map((u) => (u.active ? { ...u, arrivalsVeh: 1, gapS: 5 } : u));
  const d = new ScheduleDrivenStrategy({ predictS: 0 }).decide(controlInput(units));
  expect(directive(d, 2)).toMatchObject({ hold: false, forceOff: true });
  expect(directive(d, 6)).toMatchObject({ hold: false, forceOff: true });
  expect(directive(d, 4)).toMatchObject({ call: true });
});

test('an empty intersection rests in green', () => {
  const d = new ScheduleDrivenStrategy({ predictS: 0 }).decide(controlInput(side(0, 0, 30)));
  expect(directive(d, 2)).toMatchObject({ hold: true, forceOff: false });
});

test('without detector data the local plan runs', () => {
  const units = [2, 4, 6, 8].map((p) => unitState(p, { queueVeh: null, arrivalVph: null }));
  expect(new ScheduleDrivenStrategy().decide(controlInput(units))).toEqual({
    kind: 'local',
    mode: 'fixed',
    planId: 'p90',
  });
});

test('learns a slow discharge from stop-bar counts, when asked, and plans a longer green for it', () => {
  const s = new ScheduleDrivenStrategy({ predictS: 0, dischargeLearning: 0.05 });
  let now = 1_800_000_000_000;
  for (let i = 0; i < 200; i++) {
    now += 1000;
    // 2 lanes at 1900 veh/h discharge about 1.06 veh/s; this approach manages 0.5.
    const units = side(10, 0, 10).map((u) => (u.unit === 2 ? { ...u, departuresVeh: i % 2 } : u));
    s.decide(controlInput(units, now));
  }
  expect(s.dischargeShare(2)).toBeGreaterThan(0.4);
  expect(s.dischargeShare(2)).toBeLessThan(0.6);
  expect(s.dischargeShare(6)).toBe(1);
  const slow = s.clustersOf(side(10, 0, 10)[0]!);
  expect(slow[0]?.durationS).toBeGreaterThan(15);
});

const unitArb = (unit: number) =>
  fc
    .record({
      queueVeh: fc.double({ min: 0, max: 30, noNaN: true }),
      gapS: fc.double({ min: 0, max: 10, noNaN: true }),
      arrivalsVeh: fc.option(fc.nat(3)),
      arrivalVph: fc.double({ min: 0, max: 1500, noNaN: true }),
      redS: fc.double({ min: 0, max: 200, noNaN: true }),
      downstreamOccupancyPct: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
    })
    .map((x) => ({ unit, ...x }));

test('never ends a green before its minimum, always at its maximum when another phase waits', () => {
  fc.assert(
    fc.property(
      fc.tuple(unitArb(2), unitArb(4), unitArb(6), unitArb(8)),
      fc.constantFrom(0, 1),
      fc.double({ min: 0, max: 80, noNaN: true }),
      fc.integer({ min: 20, max: 60 }),
      (states, side, greenS, capS) => {
        const units = states.map((x) => {
          const active = [2, 6, 4, 8].indexOf(x.unit) < 2 === (side === 0);
          return unitState(x.unit, {
            ...x,
            active,
            greenS: active ? greenS : null,
            redS: active ? null : x.redS,
          });
        });
        const d = new ScheduleDrivenStrategy({ greenCapS: capS }).decide(controlInput(units));
        expect(d.kind).toBe('external');
        const waiting = units.some((u) => !u.active && ((u.queueVeh ?? 0) >= 0.5 || u.gapS === 0));
        for (const u of units) {
          const dir = directive(d, u.unit as number);
          if (!u.active) {
            expect(dir?.forceOff).toBe(false);
            continue;
          }
          if (greenS < u.minGreenS) expect(dir?.forceOff).toBe(false);
          if (greenS >= Math.min(capS, u.maxGreenS) && waiting)
            expect(dir).toMatchObject({ hold: false, forceOff: true });
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('with neighbour sharing, still never ends a green before its minimum, always at its maximum', () => {
  const links = [2, 4, 6, 8].map((p) => ({ linkId: `in${p}`, fromIntersection: 'up', travelS: 12 }));
  const interval = fc.record({
    startS: fc.double({ min: -20, max: 40, noNaN: true }),
    durationS: fc.double({ min: 0, max: 30, noNaN: true }),
    flowVps: fc.double({ min: 0, max: 2, noNaN: true }),
  });
  fc.assert(
    fc.property(
      fc.tuple(unitArb(2), unitArb(4), unitArb(6), unitArb(8)),
      fc.array(fc.tuple(fc.constantFrom(2, 4, 6, 8), interval), { maxLength: 8 }),
      fc.constantFrom(0, 1),
      fc.double({ min: 0, max: 80, noNaN: true }),
      (states, outflows, side, greenS) => {
        const board = new NeighbourBoard(links, new Map());
        const nowMs = 1_800_000_000_000;
        for (const p of [2, 4, 6, 8])
          board.publish(
            `in${p}`,
            nowMs / 1000,
            outflows.filter(([q]) => q === p).map(([, o]) => o),
          );
        const units = states.map((x) => {
          const active = [2, 6, 4, 8].indexOf(x.unit) < 2 === (side === 0);
          return unitState(x.unit, {
            ...x,
            arrivalsVeh: x.arrivalsVeh ?? 0,
            fromLinks: [`in${x.unit}`],
            toLinks: [`in${x.unit}`],
            active,
            greenS: active ? greenS : null,
            redS: active ? null : x.redS,
          });
        });
        const strategy = new ScheduleDrivenStrategy({ shareOutflows: true, neighbours: board });
        const d = strategy.decide(controlInput(units, nowMs));
        expect(d.kind).toBe('external');
        const waiting = units.some((u) => !u.active && ((u.queueVeh ?? 0) >= 0.5 || u.gapS === 0));
        for (const u of units) {
          const dir = directive(d, u.unit as number);
          if (!u.active) {
            expect(dir?.forceOff).toBe(false);
            continue;
          }
          if (greenS < u.minGreenS) expect(dir?.forceOff).toBe(false);
          if (greenS >= u.maxGreenS && waiting) expect(dir).toMatchObject({ hold: false, forceOff: true });
        }
      },
    ),
    { numRuns: 200 },
  );
});

test("an upstream schedule's projected outflow becomes the downstream approach's predicted arrivals", () => {
  // Upstream phase 2 (2 lanes, 1900 veh/h each: 1.056 veh/s) green with a queue of 10 leaves onto L
  // from now for 9.5 s; L takes 10 s, so the downstream approach expects 10 vehicles from 10 s on.
  const board = new NeighbourBoard(
    [{ linkId: 'L', fromIntersection: 'x1', travelS: 10 }],
    new Map([['in2', new Map([['L', 1]])]]),
  );
  const nowMs = 1_800_000_000_000;
  const quiet = { queueVeh: 0, arrivalVph: 0, arrivalsVeh: 0 };
  const upstream = [
    unitState(2, { active: true, greenS: 10, redS: null, queueVeh: 10, arrivalVph: 0, gapS: 0 }),
    unitState(6, { active: true, greenS: 10, redS: null, ...quiet }),
    unitState(4, quiet),
    unitState(8, quiet),
  ].map((u) => (u.unit === 2 ? { ...u, fromLinks: ['in2'], toLinks: ['L'] } : u));
  const up = new ScheduleDrivenStrategy({ shareOutflows: true, neighbours: board });
  expect(directive(up.decide(controlInput(upstream, nowMs)), 2)).toMatchObject({ hold: true });
  const out = board.outflowsOn('L', nowMs / 1000);
  expect(out.reduce((a, o) => a + o.durationS * o.flowVps, 0)).toBeCloseTo(10);

  const down = new ScheduleDrivenStrategy({ shareOutflows: true, neighbours: board, neighbourHorizonS: 30 });
  const approach = unitState(4, { ...quiet, fromLinks: ['L'] });
  const clusters = down.clustersOf(approach, nowMs / 1000);
  expect(clusters).toHaveLength(1);
  expect(clusters[0]!.arrivalS).toBeCloseTo(10);
  expect(clusters[0]!.vehicles).toBeCloseTo(10);
  // Without sharing the same approach expects nothing (no queue, no learnt rate).
  expect(new ScheduleDrivenStrategy().clustersOf(approach, nowMs / 1000)).toEqual([]);
});

test('learns from advance-loop counts how much of the neighbour-predicted flow really arrives', () => {
  // The board says 1 veh/s crosses the advance loop; the loop counts half of that each second.
  const board = new NeighbourBoard([{ linkId: 'L', fromIntersection: 'up', travelS: 10 }], new Map());
  const t0 = 1_800_000_000_000;
  board.publish('L', t0 / 1000, [{ startS: -100, durationS: 400, flowVps: 1 }]);
  const strategy = new ScheduleDrivenStrategy({ shareOutflows: true, neighbours: board });
  for (let s = 0; s <= 60; s++) {
    const units = [
      unitState(2, { active: true, greenS: 10 + s, redS: null, queueVeh: 0 }),
      unitState(6, { active: true, greenS: 10 + s, redS: null, queueVeh: 0 }),
      unitState(4, { fromLinks: ['L'], arrivalsVeh: s === 0 ? 0 : 0.5 }),
      unitState(8),
    ];
    strategy.decide(controlInput(units, t0 + s * 1000));
  }
  expect(strategy.neighbourScale(4)).toBeCloseTo(0.5, 1);
  expect(strategy.neighbourScale(8)).toBe(1);
});

test('a stage without detectors is recalled and scheduled for its minimum', () => {
  // Stages 1 (green, its queue gone), 2 (no detector), 3 (nothing): the undetected stage is called
  // and the schedule ends the idle green for it rather than rest there.
  const stage = (unit: number, extra: Partial<UnitState>): UnitState =>
    unitState(unit, { ring: 0, barrier: unit - 1, minGreenS: 5, ...extra });
  const units = [
    stage(1, { active: true, greenS: 20, redS: null, queueVeh: 0, gapS: 5 }),
    stage(2, { queueVeh: null, gapS: null, arrivalVph: null, redS: 60 }),
    stage(3, { queueVeh: 0, redS: 60 }),
  ];
  const d = new ScheduleDrivenStrategy({ predictS: 0 }).decide(controlInput(units));
  expect(directive(d, 2)).toMatchObject({ call: true });
  expect(directive(d, 3)).toMatchObject({ call: false });
  expect(directive(d, 1)).toMatchObject({ hold: false, forceOff: true });
});
