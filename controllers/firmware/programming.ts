/**
 * @module controllers/firmware/programming
 * Changing a running controller's programme: signal-group timing and timing plans. A change is
 * checked whole before anything moves: the value must be in its safe range (MUTCD 2009 §4D.26 and
 * ITE: yellow 3-6 s, red clearance at most 6 s; minimum green at least {@link SAFE_MIN_GREEN_S}), and
 * every plan must still compile (splits cover minimums and clearances, rings meet at barriers).
 */
import type { Intersection, SignalPlan, ValidationIssue } from '../../core/index.ts';
import { ConfigError, NotFoundError, UnsafeCommandError, ValidationError } from '../../core/index.ts';
import type { GroupDef, Layout } from './layout.ts';
import type { CompiledPlan } from './plan.ts';
import { compilePlan } from './plan.ts';
import { msOf } from './timing.ts';

/** The lowest minimum green an operator may set, s (ITE: 4-5 s for driver expectancy). */
export const SAFE_MIN_GREEN_S = 4;

/** Timing fields of a signal group an operator may change (NTCIP 1202 phase table). */
export type TimingField = 'MinGreen' | 'MaxGreen' | 'Passage' | 'Yellow' | 'RedClear';

const RANGES: Readonly<Record<TimingField, readonly [number, number]>> = {
  MinGreen: [SAFE_MIN_GREEN_S, 60],
  MaxGreen: [SAFE_MIN_GREEN_S, 255],
  Passage: [0, 10],
  Yellow: [3, 6],
  RedClear: [0, 6],
};

/** A group with one timing field changed; throws ValidationError for an unsafe or inconsistent value. */
export function retimedGroup(def: GroupDef, field: TimingField, seconds: number): GroupDef {
  const [lo, hi] = RANGES[field];
  const path = `signalGroup.${def.number}.${field}`;
  if (!Number.isFinite(seconds) || seconds < lo || seconds > hi)
    throw new ValidationError('timing', [
      { path, message: `${seconds} s is outside the safe range ${lo}-${hi} s` },
    ]);
  const ms = msOf(seconds);
  const next: GroupDef =
    field === 'MinGreen'
      ? { ...def, minGreenMs: ms }
      : field === 'MaxGreen'
        ? { ...def, maxGreenMs: ms }
        : field === 'Passage'
          ? { ...def, passageMs: ms }
          : field === 'Yellow'
            ? { ...def, yellowMs: ms }
            : { ...def, redClearMs: ms };
  if (next.minGreenMs > next.maxGreenMs)
    throw new ValidationError('timing', [{ path, message: 'minimum green would exceed maximum green' }]);
  return next;
}

/** Current timing of a group in seconds, by field. */
export function timingOf(def: GroupDef, field: TimingField): number {
  const ms =
    field === 'MinGreen'
      ? def.minGreenMs
      : field === 'MaxGreen'
        ? def.maxGreenMs
        : field === 'Passage'
          ? def.passageMs
          : field === 'Yellow'
            ? def.yellowMs
            : def.redClearMs;
  return ms / 1000;
}

/** Compile every plan, or report the issues of each that fails (`plan <id>: <path>: <why>`). */
export function compilePlans(
  layout: Layout,
  plans: Iterable<SignalPlan>,
): { plans: Map<string, CompiledPlan>; issues: ValidationIssue[] } {
  const out = new Map<string, CompiledPlan>();
  const issues: ValidationIssue[] = [];
  for (const p of plans) {
    const r = compilePlan(layout, p);
    if (r.ok) out.set(p.id, r.plan);
    else for (const i of r.issues) issues.push({ path: `plan ${p.id}: ${i.path}`, message: i.message });
  }
  return { plans: out, issues };
}

/** Throw UnsafeCommandError naming every issue, when there are any. */
export function refuseIfUnsafe(what: string, issues: readonly ValidationIssue[]): void {
  if (issues.length > 0)
    throw new UnsafeCommandError(`${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
}

/** Compile an intersection's plans at start; ConfigError names every unsafe plan and missing plan id. */
export function compileIntersectionPlans(
  intersection: Intersection,
  layout: Layout,
): Map<string, CompiledPlan> {
  const { plans, issues } = compilePlans(layout, intersection.plans);
  for (const id of [intersection.defaultPlanId, ...intersection.schedule.map((e) => e.planId)])
    if (!intersection.plans.some((p) => p.id === id))
      issues.push({ path: 'defaultPlanId/schedule', message: `no plan ${id}` });
  if (issues.length > 0)
    throw new ConfigError(
      `intersections.${intersection.id}.plans`,
      issues.map((x) => `${x.path}: ${x.message}`).join('; '),
    );
  return plans;
}

/** The plans of one controller, and the changes an operator may make to them and to group timing. */
export class PlanBook {
  readonly #layout: Layout;
  readonly #defs: Map<string, SignalPlan>;
  #compiled: Map<string, CompiledPlan>;

  constructor(intersection: Intersection, layout: Layout) {
    this.#layout = layout;
    this.#compiled = compileIntersectionPlans(intersection, layout);
    this.#defs = new Map(intersection.plans.map((p) => [p.id, p]));
  }

  get(id: string): CompiledPlan | undefined {
    return this.#compiled.get(id);
  }

  ids(): string[] {
    return [...this.#compiled.keys()];
  }

  timing(group: number, field: TimingField): number {
    return timingOf(this.#layout.groups[this.#index(group)] as GroupDef, field);
  }

  /** Change a group's timing in the layout if it stays safe and every plan still compiles. */
  retime(group: number, field: TimingField, seconds: number): { index: number; def: GroupDef } {
    const index = this.#index(group);
    const groups = this.#layout.groups as GroupDef[];
    const old = groups[index] as GroupDef;
    const def = retimedGroup(old, field, seconds);
    groups[index] = def;
    const { plans, issues } = compilePlans(this.#layout, this.#defs.values());
    if (issues.length > 0) groups[index] = old;
    refuseIfUnsafe(`signal group ${group} ${field} ${seconds} s`, issues);
    this.#compiled = plans;
    return { index, def };
  }

  /** Add or replace a plan if it compiles. */
  load(plan: SignalPlan): CompiledPlan {
    const { plans, issues } = compilePlans(this.#layout, [plan]);
    refuseIfUnsafe(`plan ${plan.id}`, issues);
    const compiled = plans.get(plan.id) as CompiledPlan;
    this.#defs.set(plan.id, plan);
    this.#compiled.set(plan.id, compiled);
    return compiled;
  }

  #index(group: number): number {
    const g = this.#layout.groups.findIndex((d) => d.number === group);
    if (g < 0) throw new NotFoundError('signal group', String(group));
    return g;
  }
}
