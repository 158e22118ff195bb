/**
 * @module controllers/firmware/sequencer
 * What the phase and stage sequencers share: the step context (mode, plan, cycle timer, calls,
 * commands), the colour codes they write, demand ("serviceable call", NTCIP 1202 phase recall and
 * omit) and the green termination rule (NTCIP 1202: hold, force-off, gap-out, max-out; coordination
 * force-off points at split end minus clearance).
 */
import type { CycleTimer } from './cycle-timer.ts';
import type { Layout } from './layout.ts';
import type { CompiledPlan } from './plan.ts';
import * as timing from './timing.ts';
// Hot path: bind once, not through a module getter on every use.
const { signedMod } = timing;

/** Output colours per signal group. */
export const RED = 0;
export const YELLOW = 1;
export const GREEN = 2;
/** Pedestrian displays per group (NEMA: walk, flashing don't walk, don't walk). */
export const DONT_WALK = 0;
export const WALK = 1;
export const FLASHING_DONT_WALK = 2;

/** How greens end: the local modes and external (actuated base with commands). */
export const FIXED = 0;
export const ACTUATED = 1;
export const COORDINATED = 2;
export const EXTERNAL = 3;
export type Behaviour = typeof FIXED | typeof ACTUATED | typeof COORDINATED | typeof EXTERNAL;

/** Per-group detector state: latched calls (locking memory) and the last actuation. */
export type GroupCalls = {
  /** Latched vehicle call per group, cleared when the group turns green. */
  readonly call: Uint8Array;
  /** Detector presence per group this step. */
  readonly presence: Uint8Array;
  /** Time of the last actuation seen while green, ms (gap timer, NTCIP passage). */
  readonly lastActuationMs: Float64Array;
};

/** External commands per unit (NEMA phase or stage), NTCIP 1202 phase control groups. */
export type UnitCommands = {
  readonly hold: Uint8Array;
  readonly forceOff: Uint8Array;
  readonly omit: Uint8Array;
  readonly call: Uint8Array;
};

/** Everything a sequencer reads each step; owned and updated by the controller. */
export type StepContext = {
  readonly layout: Layout;
  behaviour: Behaviour;
  plan: CompiledPlan;
  readonly timer: CycleTimer;
  readonly calls: GroupCalls;
  readonly commands: UnitCommands;
};

/** Planned end times of each group's current display, ms (NaN: unknown), for SPaT (J2735). */
export type EndTimes = {
  readonly minEndMs: Float64Array;
  readonly maxEndMs: Float64Array;
  readonly likelyEndMs: Float64Array;
};

/** A phase or stage sequencer. Writes `color` and `ped` per group on each step. */
export interface Sequencer {
  readonly color: Uint8Array;
  readonly ped: Uint8Array;
  /** Start again from all-red (start-up or after a fault is reset). */
  restart(nowMs: number, allRedMs: number): void;
  step(nowMs: number, ctx: StepContext): void;
  /** The unit to anchor the cycle on after a plan change, and how long it has been green. */
  anchor(nowMs: number): { unit: number; greenMs: number } | null;
  /** Recompute force-off points of the greens now showing (after a plan change). */
  replan(nowMs: number, ctx: StepContext): void;
  /** Units (phases or stages) now green. */
  activeUnits(out: number[]): number[];
  fillEndTimes(nowMs: number, ctx: StepContext, out: EndTimes): void;
}

/** Whether a group would be recalled without a detector call (NTCIP 1202 recall). */
export function groupRecall(ctx: StepContext, group: number, unit: number): boolean {
  switch (ctx.behaviour) {
    case FIXED:
      return true;
    case COORDINATED:
      return ctx.plan.coordinated[unit] === 1 || ctx.layout.hasDetector[group] === 0;
    default:
      return ctx.layout.hasDetector[group] === 0;
  }
}

/** Whether a unit may be served: not omitted, and in the plan when the plan times the cycle. */
export function served(ctx: StepContext, unit: number): boolean {
  if (ctx.commands.omit[unit] === 1) return false;
  if (ctx.behaviour === FIXED || ctx.behaviour === COORDINATED) return ctx.plan.inPlan[unit] === 1;
  return true;
}

/** Force-off point of a unit starting green now, in the timer's monotonic local time. */
export function forceOffPoint(ctx: StepContext, unit: number, greenMs: number): number {
  const plan = ctx.plan;
  if (plan.inPlan[unit] !== 1) return ctx.timer.totalMs;
  const late =
    greenMs > 0 ? greenMs : signedMod(ctx.timer.positionMs - (plan.startMs[unit] ?? 0), plan.cycleMs);
  return ctx.timer.totalMs + (plan.windowMs[unit] ?? 0) - late;
}

/**
 * Whether a green that has met its minimum and has a conflicting call should end now. Force-off
 * overrides hold; fixed time ends at the force-off point; coordinated phases rest until theirs, the
 * others gap out, max out or are forced off; free and external operation gap out or max out.
 */
export function wantsToEnd(
  ctx: StepContext,
  unit: number,
  forceOffAt: number,
  gappedOut: boolean,
  maxedOut: boolean,
): boolean {
  if (ctx.commands.forceOff[unit] === 1) return true;
  if (ctx.commands.hold[unit] === 1) return false;
  const reached = ctx.timer.totalMs >= forceOffAt;
  switch (ctx.behaviour) {
    case FIXED:
      return reached;
    case COORDINATED:
      return reached || (ctx.plan.coordinated[unit] !== 1 && (gappedOut || maxedOut));
    default:
      return gappedOut || maxedOut;
  }
}

/** Whether a group's gap timer has run out (no actuation for its passage time). No detector: never. */
export function groupGappedOut(ctx: StepContext, group: number, nowMs: number): boolean {
  if (ctx.layout.hasDetector[group] === 0) return false;
  const def = ctx.layout.groups[group];
  return nowMs - (ctx.calls.lastActuationMs[group] ?? 0) >= (def?.passageMs ?? 0);
}

/**
 * Likely start of a unit's next green under a timed cycle (fixed or coordinated and in the plan):
 * its start point in the local cycle, ahead of the cycle position, in real time. NaN otherwise.
 */
export function nextStartMs(ctx: StepContext, unit: number, nowMs: number): number {
  const plan = ctx.plan;
  if (plan.inPlan[unit] !== 1 || (ctx.behaviour !== FIXED && ctx.behaviour !== COORDINATED))
    return Number.NaN;
  const ahead =
    ((((plan.startMs[unit] ?? 0) - ctx.timer.positionMs) % plan.cycleMs) + plan.cycleMs) % plan.cycleMs;
  return nowMs + ahead / ctx.timer.rate;
}

/**
 * A coordinated unit resting in green past its force-off point may yield only in the part of the
 * cycle that belongs to the other units (the permissive period, NTCIP 1202 coordination); once that
 * has passed its force-off point moves to the next cycle, so side streets never eat into its window.
 */
export function rolledForceOff(ctx: StepContext, unit: number, forceOffAt: number): number {
  const plan = ctx.plan;
  if (ctx.behaviour !== COORDINATED || plan.coordinated[unit] !== 1) return forceOffAt;
  const permissiveMs = plan.cycleMs - (plan.windowMs[unit] ?? 0);
  let f = forceOffAt;
  while (ctx.timer.totalMs >= f + permissiveMs) f += plan.cycleMs;
  return f;
}
