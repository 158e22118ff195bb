/**
 * @module controllers/firmware/safety.property.test
 * Property tests (fast-check): random intersections, commands, detector calls and plan changes never produce a conflict or a short interval, and every group is served afterwards.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Intersection } from '../../core/index.ts';
import { createController, type SignalController } from '../index.ts';
import { nemaArb, stagesArb } from '../testing/index.ts';

/** Simulated seconds per run; runs × seconds is the total the property covers. */
const RUN_S = 10_000;
const RUNS = 50;

type Action =
  | { kind: 'det'; det: number; on: boolean }
  | { kind: 'hold' | 'omit'; unit: number; on: boolean }
  | { kind: 'forceOff' | 'call'; unit: number }
  | { kind: 'plan'; plan: number }
  | { kind: 'mode'; mode: 'fixed' | 'actuated' | 'coordinated' | 'external' }
  | { kind: 'heartbeat' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('det' as const), det: fc.nat(20), on: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('hold' as const, 'omit' as const),
      unit: fc.nat(10),
      on: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('forceOff' as const, 'call' as const), unit: fc.nat(10) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('plan' as const), plan: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('mode' as const),
      mode: fc.constantFrom(
        'fixed' as const,
        'actuated' as const,
        'coordinated' as const,
        'external' as const,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const) }) },
);

const scriptArb: fc.Arbitrary<Script> = fc.record({
  startMs: fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
  stepMs: fc.array(fc.integer({ min: 100, max: 1000 }), { minLength: 1, maxLength: 8 }),
  actions: fc.array(fc.tuple(fc.integer({ min: 0, max: RUN_S * 1000 }), actionArb), { maxLength: 1000 }),
});

function apply(c: SignalController, x: Intersection, a: Action): void {
  const units = c.units;
  const unit = (i: number): number | string => units[i % units.length] ?? units[0] ?? 1;
  const dets =
    x.control.type === 'nema'
      ? x.control.phases.flatMap((p) => p.detectorIds)
      : x.control.groups.flatMap((g) => g.detectorIds);
  switch (a.kind) {
    case 'det':
      c.setDetector(dets[a.det % dets.length] ?? '', a.on);
      return;
    case 'hold':
      return c.hold(unit(a.unit), a.on);
    case 'omit':
      return c.omit(unit(a.unit), a.on);
    case 'forceOff':
      c.forceOff(unit(a.unit));
      return;
    case 'call':
      return c.call(unit(a.unit));
    case 'plan':
      return c.setPlan(c.planIds[a.plan % c.planIds.length] ?? 'p0');
    case 'mode':
      return c.setMode(a.mode);
    case 'heartbeat':
      return c.heartbeat();
    default: {
      const never: never = a;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

type Script = { startMs: number; stepMs: number[]; actions: [number, Action][] };

/** Run a script; returns the fault (null when safe) and the controller. */
function runScript(x: Intersection, script: Script): { fault: string | null; c: SignalController } {
  const c = createController(x, { watchdogTimeoutS: 60 });
  const actions = [...script.actions].sort((a, b) => a[0] - b[0]);
  let k = 0;
  let i = 0;
  for (let t = 0; t <= RUN_S * 1000; t += script.stepMs[i++ % script.stepMs.length] ?? 500) {
    while (k < actions.length && (actions[k]?.[0] ?? Infinity) <= t) apply(c, x, actions[k++]![1]);
    c.step(script.startMs + t);
    if (c.fault !== null) return { fault: c.fault, c };
  }
  return { fault: null, c };
}

for (const [name, arb] of [
  ['NEMA dual ring', nemaArb],
  ['stage control', stagesArb],
] as const) {
  test(`${name}: random commands, detector calls and plan changes never give a conflict or a short interval`, () => {
    fc.assert(
      fc.property(arb, scriptArb, (x, script) => {
        const { fault, c } = runScript(x, script);
        expect(fault).toBeNull();
        // Liveness: back in local control with every detector calling, every group is served.
        c.setMode(x.mode);
        for (const d of c.layout.detectorIndex.keys()) c.setDetector(d, true);
        const seen = new Set<number>();
        const t0 = c.nowMs;
        for (let t = 500; t <= 1_200_000; t += 500) {
          c.step(t0 + t);
          for (const g of c.signalGroupStates()) if (g.color !== 'r') seen.add(g.signalGroup);
        }
        expect(c.fault).toBeNull();
        expect([...seen].sort()).toEqual(servedGroups(x).sort());
      }),
      { numRuns: RUNS },
    );
  });
}

/** Groups the local mode must serve under the default plan (all configured ones when actuated). */
function servedGroups(x: Intersection): number[] {
  const plan = x.plans.find((p) => p.id === x.defaultPlanId);
  const inPlan = (key: string): boolean => x.mode === 'actuated' || (plan?.splitsS[key] ?? 0) > 0;
  if (x.control.type === 'nema')
    return x.control.phases.filter((p) => inPlan(String(p.phase))).map((p) => p.phase);
  const groups = new Set<number>();
  for (const s of x.control.stages) if (inPlan(s.id)) for (const g of s.groups) groups.add(g);
  return [...groups];
}
