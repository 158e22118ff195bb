/**
 * @module controllers/firmware/plan
 * Timing plans compiled against a layout. NTCIP 1202 split times include the phase's yellow and red
 * clearance; the green window is the split minus them. Units are NEMA phases (per group) or stages.
 * The cycle reference is the start of the first coordinated unit's green (or of the first unit when
 * none is coordinated), placed at `offsetS` after the common reference.
 */
import type { SignalPlan, ValidationIssue } from '../../core/index.ts';
import type { Layout } from './layout.ts';
import { mod, msOf } from './timing.ts';

/** Splits and tolerances are compared to this, ms: a barrier or cycle may be off by rounding only. */
const TOLERANCE_MS = 500;

/** A plan resolved to per-unit tables (NEMA: one unit per group; stages: one unit per stage). */
export type CompiledPlan = {
  readonly id: string;
  readonly cycleMs: number;
  readonly offsetMs: number;
  /** 1 when the unit has a split > 0 in this plan. */
  readonly inPlan: Uint8Array;
  readonly coordinated: Uint8Array;
  /** Start of the unit's green in the cycle, ms after the cycle reference. */
  readonly startMs: Float64Array;
  /** Green window: split minus the clearance that follows it, ms. */
  readonly windowMs: Float64Array;
};

/** Result of compiling a plan: the plan, or the issues that make it unsafe or inconsistent. */
export type PlanResult =
  | { readonly ok: true; readonly plan: CompiledPlan }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Number of units a layout's plans address. */
export function unitCount(layout: Layout): number {
  return layout.kind === 'nema' ? layout.groups.length : layout.stages.length;
}

/** Unit index of a split key or coordinated entry (phase number or stage id), or -1. */
export function unitIndex(layout: Layout, key: string | number): number {
  if (layout.kind === 'nema') return layout.groups.findIndex((g) => String(g.number) === String(key));
  return layout.stages.findIndex((s) => s.id === String(key));
}

/** Intergreen from stage `a` to stage `b`: the longest yellow + red of groups that end, ms. */
export function intergreenMs(layout: Layout, a: number, b: number): number {
  const from = layout.stages[a];
  const to = layout.stages[b];
  if (from === undefined || to === undefined) return 0;
  let ig = 0;
  for (const g of from.groups) {
    if (to.groups.includes(g)) continue;
    const def = layout.groups[g];
    if (def !== undefined) ig = Math.max(ig, def.yellowMs + def.redClearMs);
  }
  return ig;
}

/** Compile and validate a plan. Issues name the field (`splitsS.3`) and why. */
export function compilePlan(layout: Layout, plan: SignalPlan): PlanResult {
  const n = unitCount(layout);
  const issues: ValidationIssue[] = [];
  const splitMs = new Float64Array(n);
  for (const [key, s] of Object.entries(plan.splitsS)) {
    const u = unitIndex(layout, key);
    if (u < 0) issues.push({ path: `splitsS.${key}`, message: `no ${unitName(layout)} ${key} here` });
    else splitMs[u] = msOf(s);
  }
  const cycleMs = msOf(plan.cycleS);
  const inPlan = new Uint8Array(n);
  for (let u = 0; u < n; u++) inPlan[u] = (splitMs[u] ?? 0) > 0 ? 1 : 0;
  const coordinated = new Uint8Array(n);
  let reference = -1;
  for (const c of plan.coordinated) {
    const u = unitIndex(layout, c);
    if (u < 0 || inPlan[u] === 0)
      issues.push({ path: 'coordinated', message: `${unitName(layout)} ${c} is not in the plan` });
    else {
      coordinated[u] = 1;
      if (reference < 0) reference = u;
    }
  }
  const startMs = new Float64Array(n);
  const windowMs = new Float64Array(n);
  const lay = layout.kind === 'nema' ? layNema : layStages;
  lay(layout, splitMs, inPlan, cycleMs, startMs, windowMs, issues);
  if (!inPlan.some((v) => v === 1)) issues.push({ path: 'splitsS', message: 'no unit has a split' });
  if (issues.length > 0) return { ok: false, issues };
  if (reference < 0) reference = inPlan.indexOf(1);
  const ref = startMs[reference] ?? 0;
  for (let u = 0; u < n; u++) startMs[u] = mod((startMs[u] ?? 0) - ref, cycleMs);
  return {
    ok: true,
    plan: { id: plan.id, cycleMs, offsetMs: msOf(plan.offsetS), inPlan, coordinated, startMs, windowMs },
  };
}

function unitName(layout: Layout): string {
  return layout.kind === 'nema' ? 'phase' : 'stage';
}

/** Minimum green window of a NEMA phase: its min green, and walk + flashing don't walk. */
function nemaMinWindowMs(layout: Layout, g: number): number {
  const d = layout.groups[g];
  return d === undefined ? 0 : Math.max(d.minGreenMs, d.walkMs + d.pedClearMs);
}

function layNema(
  layout: Layout,
  splitMs: Float64Array,
  inPlan: Uint8Array,
  cycleMs: number,
  startMs: Float64Array,
  windowMs: Float64Array,
  issues: ValidationIssue[],
): void {
  let sideStart = 0;
  for (let side = 0; side < 2; side++) {
    const sums = layout.rings.map((ring) =>
      ring.reduce((acc, g) => acc + (layout.sideOf[g] === side ? (splitMs[g] ?? 0) : 0), 0),
    );
    const sideLen = Math.max(0, ...sums);
    sums.forEach((sum, r) => {
      if (sum > 0 && Math.abs(sum - sideLen) > TOLERANCE_MS)
        issues.push({
          path: 'splitsS',
          message: `ring ${r + 1} splits sum to ${sum / 1000} s on barrier side ${side + 1} but ring ${sums.indexOf(sideLen) + 1} to ${sideLen / 1000} s: the rings must cross the barrier together`,
        });
    });
    for (const ring of layout.rings) {
      let t = sideStart;
      for (const g of ring) {
        if (layout.sideOf[g] !== side || inPlan[g] === 0) continue;
        const def = layout.groups[g];
        const split = splitMs[g] ?? 0;
        const window = split - (def === undefined ? 0 : def.yellowMs + def.redClearMs);
        startMs[g] = t;
        windowMs[g] = window;
        if (window < nemaMinWindowMs(layout, g))
          issues.push({
            path: `splitsS.${def?.number}`,
            message: `split ${split / 1000} s leaves ${window / 1000} s of green, below the minimum ${nemaMinWindowMs(layout, g) / 1000} s (min green or walk + pedestrian clearance) after yellow and red clearance`,
          });
        t += split;
      }
    }
    sideStart += sideLen;
  }
  if (Math.abs(sideStart - cycleMs) > TOLERANCE_MS)
    issues.push({
      path: 'cycleS',
      message: `cycle ${cycleMs / 1000} s differs from the barrier-to-barrier sum of splits ${sideStart / 1000} s`,
    });
}

function layStages(
  layout: Layout,
  splitMs: Float64Array,
  inPlan: Uint8Array,
  cycleMs: number,
  startMs: Float64Array,
  windowMs: Float64Array,
  issues: ValidationIssue[],
): void {
  const order: number[] = [];
  for (let s = 0; s < layout.stages.length; s++) if (inPlan[s] === 1) order.push(s);
  let t = 0;
  order.forEach((s, k) => {
    const next = order[(k + 1) % order.length] ?? s;
    const prev = order[(k - 1 + order.length) % order.length] ?? s;
    const split = splitMs[s] ?? 0;
    const window = split - intergreenMs(layout, s, next);
    startMs[s] = t;
    windowMs[s] = window;
    const stage = layout.stages[s];
    let minMs = 0;
    for (const g of stage?.groups ?? []) {
      if (!layout.stages[prev]?.groups.includes(g) || prev === s)
        minMs = Math.max(minMs, layout.groups[g]?.minGreenMs ?? 0);
    }
    if (window < minMs)
      issues.push({
        path: `splitsS.${stage?.id}`,
        message: `split ${split / 1000} s leaves ${window / 1000} s of green after the intergreen, below the minimum green ${minMs / 1000} s of a group starting in this stage`,
      });
    t += split;
  });
  if (order.length === 1)
    issues.push({ path: 'splitsS', message: 'a stage plan needs at least two stages with splits' });
  if (Math.abs(t - cycleMs) > TOLERANCE_MS)
    issues.push({
      path: 'cycleS',
      message: `cycle ${cycleMs / 1000} s differs from the sum of stage splits ${t / 1000} s`,
    });
}
