/**
 * @module controllers/firmware/barrier
 * Barrier logic of the NEMA dual ring (NEMA TS 2 §3.5.3): which phase a ring serves next on the
 * current side of the barrier, whether any call can only be served by crossing it, and which side to
 * start on. A call on a phase earlier in its ring than the one just served also needs a crossing,
 * because rings only move forward through their sequence.
 */
import * as timing from './timing.ts';
// Hot path: bind once, not through a module getter on every use.
const { mod } = timing;
import type { StepContext } from './sequencer.ts';
import * as sequencer from './sequencer.ts';
// Hot path: bind once, not through a module getter on every use.
const { COORDINATED, FIXED, groupRecall, served } = sequencer;

/** Whether a NEMA phase (group = unit) has a serviceable call. */
export function demand(ctx: StepContext, g: number): boolean {
  if (!served(ctx, g)) return false;
  return ctx.calls.call[g] === 1 || ctx.commands.call[g] === 1 || groupRecall(ctx, g, g);
}

/** First phase after ring position `pos` on `side` in ring `r` with a serviceable call, or -1. */
export function nextOnSide(ctx: StepContext, r: number, side: number, pos: number): number {
  const ring = ctx.layout.rings[r];
  if (ring === undefined) return -1;
  for (let p = pos + 1; p < ring.length; p++) {
    const g = ring[p] ?? -1;
    if (ctx.layout.sideOf[g] === side && demand(ctx, g)) return g;
  }
  return -1;
}

/**
 * Whether some call can only be served after the barrier: a call on the other side, or on a phase at
 * or before its ring's current position (except the phase now timing green, which is being served).
 */
export function needsCrossing(
  ctx: StepContext,
  side: number,
  pos: Int16Array,
  phase: Int16Array,
  state: Int8Array,
  greenState: number,
): boolean {
  const layout = ctx.layout;
  for (let g = 0; g < layout.groups.length; g++) {
    if (!demand(ctx, g)) continue;
    if (layout.sideOf[g] !== side) return true;
    const r = layout.ringOf[g] ?? 0;
    if (phase[r] === g && state[r] === greenState) continue;
    const ring = layout.rings[r];
    if (ring !== undefined && ring.indexOf(g) <= (pos[r] ?? -1)) return true;
  }
  return false;
}

/** The side to start on: under a cycle, the side whose time window holds the cycle position. */
export function chooseStartSide(ctx: StepContext): number {
  if (ctx.behaviour !== FIXED && ctx.behaviour !== COORDINATED) return 0;
  const plan = ctx.plan;
  const ring = ctx.layout.rings[0] ?? [];
  for (const g of ring) {
    if (plan.inPlan[g] !== 1) continue;
    const def = ctx.layout.groups[g];
    const span = (plan.windowMs[g] ?? 0) + (def === undefined ? 0 : def.yellowMs + def.redClearMs);
    if (mod(ctx.timer.positionMs - (plan.startMs[g] ?? 0), plan.cycleMs) < span)
      return ctx.layout.sideOf[g] ?? 0;
  }
  return 0;
}
