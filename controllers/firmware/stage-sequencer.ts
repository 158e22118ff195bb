/**
 * @module controllers/firmware/stage-sequencer
 * Stage-based sequencer (how Korean and European controllers and SUMO's `tlLogic` describe signals):
 * an ordered list of stages, each the set of signal groups it permits. Between stages, groups that
 * end show yellow then red; groups that start wait for the intergreen (the longest yellow + red
 * clearance of the groups ending); groups in both stages stay green. A stage may end only when every
 * group that ends has shown its minimum green.
 */
import type { Layout } from './layout.ts';
import * as plans from './plan.ts';
// Hot path: bind once, not through a module getter on every use.
const { intergreenMs } = plans;
import type { EndTimes, Sequencer, StepContext } from './sequencer.ts';
import * as sequencer from './sequencer.ts';
// Hot path: bind once, not through a module getter on every use.
const {
  nextStartMs,
  rolledForceOff,
  COORDINATED,
  FIXED,
  GREEN,
  RED,
  YELLOW,
  forceOffPoint,
  groupGappedOut,
  groupRecall,
  served,
  wantsToEnd,
} = sequencer;
import * as timing from './timing.ts';
// Hot path: bind once, not through a module getter on every use.
const { mod } = timing;

const S_GREEN = 0;
const S_CLEAR = 1;
const S_STARTUP = 2;

/** The stage sequencer of one intersection. */
export class StageSequencer implements Sequencer {
  readonly color: Uint8Array;
  readonly ped: Uint8Array;
  readonly #layout: Layout;
  /** Group membership per stage, flattened: member[s * groups + g]. */
  readonly #member: Uint8Array;
  readonly #groupStart: Float64Array;
  readonly #redStart: Float64Array;
  #state = S_STARTUP;
  #stage = -1;
  #next = -1;
  #start = 0;
  #clearMs = 0;
  #forceOffAt = 0;
  #maxStart = Number.NaN;

  constructor(layout: Layout) {
    this.#layout = layout;
    const n = layout.groups.length;
    this.color = new Uint8Array(n);
    this.ped = new Uint8Array(n);
    this.#groupStart = new Float64Array(n);
    this.#redStart = new Float64Array(n);
    this.#member = new Uint8Array(layout.stages.length * n);
    layout.stages.forEach((s, si) => s.groups.forEach((g) => (this.#member[si * n + g] = 1)));
  }

  #in(stage: number, g: number): boolean {
    return this.#member[stage * this.#layout.groups.length + g] === 1;
  }

  restart(nowMs: number, allRedMs: number): void {
    this.color.fill(RED);
    this.#redStart.fill(-Infinity);
    this.#state = S_STARTUP;
    this.#stage = -1;
    this.#start = nowMs;
    this.#clearMs = allRedMs;
  }

  step(nowMs: number, ctx: StepContext): void {
    if (this.#state === S_GREEN) this.#timeGreen(nowMs, ctx);
    else if (this.#state === S_CLEAR) this.#timeClear(nowMs, ctx);
    else if (nowMs - this.#start >= this.#clearMs) {
      const first = this.#startStage(ctx);
      if (first >= 0) this.#begin(first, nowMs, ctx);
    }
  }

  /** Whether a stage has a serviceable call: pre-timed, an external call, or a group's call. */
  #demand(ctx: StepContext, s: number): boolean {
    if (!served(ctx, s)) return false;
    // Pre-timed: every stage of the plan in turn, even one whose groups are all green already (a
    // SUMO program that drops a movement keeps its stage), so the programme runs as written.
    if (ctx.behaviour === FIXED || ctx.commands.call[s] === 1) return true;
    for (const g of this.#layout.stages[s]?.groups ?? []) {
      if (this.#state === S_GREEN && this.#in(this.#stage, g)) continue;
      if (ctx.calls.call[g] === 1 || groupRecall(ctx, g, s)) return true;
    }
    return false;
  }

  #nextStage(ctx: StepContext): number {
    const count = this.#layout.stages.length;
    for (let k = 1; k < count; k++) {
      const s = (this.#stage + k) % count;
      if (this.#demand(ctx, s)) return s;
    }
    return -1;
  }

  #timeGreen(nowMs: number, ctx: StepContext): void {
    this.#forceOffAt = rolledForceOff(ctx, this.#stage, this.#forceOffAt);
    const next = this.#nextStage(ctx);
    if (next < 0) return;
    if (Number.isNaN(this.#maxStart)) this.#maxStart = nowMs;
    const groups = this.#layout.groups;
    let gapped = false;
    let anyDetector = false;
    let maxGreenMs = 0;
    for (const g of this.#layout.stages[this.#stage]?.groups ?? []) {
      const def = groups[g];
      if (def === undefined) continue;
      maxGreenMs = Math.max(maxGreenMs, def.maxGreenMs);
      if (!this.#in(next, g) && nowMs - (this.#groupStart[g] ?? 0) < def.minGreenMs) return;
      if (ctx.layout.hasDetector[g] === 1) {
        gapped = anyDetector ? gapped && groupGappedOut(ctx, g, nowMs) : groupGappedOut(ctx, g, nowMs);
        anyDetector = true;
      }
    }
    const maxedOut = nowMs - this.#maxStart >= maxGreenMs;
    if (!wantsToEnd(ctx, this.#stage, this.#forceOffAt, gapped, maxedOut)) return;
    ctx.commands.forceOff[this.#stage] = 0;
    for (let g = 0; g < groups.length; g++) {
      if (this.color[g] === GREEN && !this.#in(next, g)) this.color[g] = YELLOW;
    }
    this.#next = next;
    this.#clearMs = intergreenMs(this.#layout, this.#stage, next);
    this.#start = nowMs;
    this.#state = S_CLEAR;
    this.#timeClear(nowMs, ctx);
  }

  #timeClear(nowMs: number, ctx: StepContext): void {
    const elapsed = nowMs - this.#start;
    const groups = this.#layout.groups;
    let cleared = elapsed >= this.#clearMs;
    for (let g = 0; g < groups.length; g++) {
      const def = groups[g];
      if (def === undefined) continue;
      if (this.color[g] === YELLOW) {
        if (elapsed >= def.yellowMs) {
          this.color[g] = RED;
          this.#redStart[g] = nowMs;
        } else cleared = false;
      }
      // Each ending group's red clearance is timed from its own red, as the monitor measures it.
      if (this.color[g] === RED && nowMs - (this.#redStart[g] ?? 0) < def.redClearMs) cleared = false;
    }
    if (cleared) this.#begin(this.#next, nowMs, ctx);
  }

  #begin(s: number, nowMs: number, ctx: StepContext): void {
    this.#stage = s;
    this.#state = S_GREEN;
    this.#start = nowMs;
    this.#maxStart = Number.NaN;
    this.#forceOffAt = forceOffPoint(ctx, s, 0);
    ctx.commands.call[s] = 0;
    for (const g of this.#layout.stages[s]?.groups ?? []) {
      ctx.calls.call[g] = 0;
      if (this.color[g] === GREEN) continue;
      this.color[g] = GREEN;
      this.#groupStart[g] = nowMs;
      ctx.calls.lastActuationMs[g] = nowMs;
    }
  }

  /** First stage after start-up: under a cycle, the stage whose window holds the position. */
  #startStage(ctx: StepContext): number {
    const plan = ctx.plan;
    if (ctx.behaviour === FIXED || ctx.behaviour === COORDINATED) {
      for (let s = 0; s < this.#layout.stages.length; s++) {
        if (plan.inPlan[s] !== 1 || !served(ctx, s)) continue;
        const since = mod(ctx.timer.positionMs - (plan.startMs[s] ?? 0), plan.cycleMs);
        if (since < (plan.windowMs[s] ?? 0)) return s;
      }
    }
    for (let s = 0; s < this.#layout.stages.length; s++) if (this.#demand(ctx, s)) return s;
    for (let s = 0; s < this.#layout.stages.length; s++) if (served(ctx, s)) return s;
    return -1;
  }

  anchor(nowMs: number): { unit: number; greenMs: number } | null {
    return this.#state === S_GREEN ? { unit: this.#stage, greenMs: nowMs - this.#start } : null;
  }

  replan(nowMs: number, ctx: StepContext): void {
    if (this.#state === S_GREEN)
      this.#forceOffAt = forceOffPoint(ctx, this.#stage, Math.max(1, nowMs - this.#start));
  }

  activeUnits(out: number[]): number[] {
    out.length = 0;
    if (this.#state === S_GREEN) out.push(this.#stage);
    return out;
  }

  fillEndTimes(nowMs: number, ctx: StepContext, out: EndTimes): void {
    out.minEndMs.fill(Number.NaN);
    out.maxEndMs.fill(Number.NaN);
    out.likelyEndMs.fill(Number.NaN);
    const groups = this.#layout.groups;
    const timed = ctx.behaviour === FIXED || ctx.plan.coordinated[this.#stage] === 1;
    const forceOff = nowMs + Math.max(0, this.#forceOffAt - ctx.timer.totalMs) / ctx.timer.rate;
    for (let g = 0; g < groups.length; g++) {
      const def = groups[g];
      if (def === undefined) continue;
      if (this.color[g] === RED) {
        let next = Number.NaN;
        for (let st = 0; st < this.#layout.stages.length; st++) {
          if (!this.#in(st, g)) continue;
          const at = nextStartMs(ctx, st, nowMs);
          if (!Number.isNaN(at) && (Number.isNaN(next) || at < next)) next = at;
        }
        out.likelyEndMs[g] = next;
      } else if (this.color[g] === YELLOW) {
        out.minEndMs[g] = out.maxEndMs[g] = out.likelyEndMs[g] = this.#start + def.yellowMs;
      } else if (this.color[g] === GREEN && this.#state === S_GREEN) {
        const minEnd = Math.max(nowMs, (this.#groupStart[g] ?? nowMs) + def.minGreenMs);
        out.minEndMs[g] = minEnd;
        if (ctx.commands.hold[this.#stage] === 1) continue;
        const maxEnd = timed
          ? forceOff
          : Number.isNaN(this.#maxStart)
            ? Number.NaN
            : this.#maxStart + def.maxGreenMs;
        const latest = Math.max(minEnd, maxEnd);
        out.maxEndMs[g] = latest;
        out.likelyEndMs[g] = timed
          ? latest
          : Math.max(minEnd, (ctx.calls.lastActuationMs[g] ?? nowMs) + def.passageMs);
      }
    }
  }
}
