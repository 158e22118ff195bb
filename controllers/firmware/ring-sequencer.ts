/**
 * @module controllers/firmware/ring-sequencer
 * NEMA dual-ring phase sequencer (NEMA TS 2 §3.5, NTCIP 1202 phase/ring/sequence tables). Each ring
 * times its phases in order: green, yellow change, red clearance. Rings cross a barrier only together,
 * after every ring has finished its red clearance, so phases of different barrier sides never overlap
 * and concurrent phases are always in different rings on the same side. The monitor checks this
 * independently; nothing here is trusted for safety.
 */
import * as barrier from './barrier.ts';
// Hot path: bind once, not through a module getter on every use.
const { chooseStartSide, demand, needsCrossing, nextOnSide } = barrier;
import type { Layout } from './layout.ts';
import type { EndTimes, Sequencer, StepContext } from './sequencer.ts';
import * as sequencer from './sequencer.ts';
// Hot path: bind once, not through a module getter on every use.
const {
  nextStartMs,
  rolledForceOff,
  DONT_WALK,
  FIXED,
  FLASHING_DONT_WALK,
  GREEN,
  RED,
  WALK,
  YELLOW,
  forceOffPoint,
  groupGappedOut,
  served,
  wantsToEnd,
} = sequencer;

/** Ring interval states. */
const R_GREEN = 0;
const R_YELLOW = 1;
const R_RED = 2;
const R_IDLE = 3;

/** The dual-ring sequencer of one intersection. */
export class RingSequencer implements Sequencer {
  readonly color: Uint8Array;
  readonly ped: Uint8Array;
  readonly #layout: Layout;
  readonly #state: Int8Array;
  /** Current (or last served) phase's group index and ring position, per ring; -1 none. */
  readonly #phase: Int16Array;
  readonly #pos: Int16Array;
  /** Phase chosen at termination (group index), -1 for the barrier. */
  readonly #next: Int16Array;
  readonly #intervalStart: Float64Array;
  readonly #forceOffAt: Float64Array;
  readonly #maxStart: Float64Array;
  /** Position in its ring of each group. */
  readonly #posOf: Int16Array;
  /** When each group's flashing don't walk began, ms. */
  readonly #pedStart: Float64Array;
  #side = 0;
  #startupUntil = 0;

  constructor(layout: Layout) {
    this.#layout = layout;
    const n = layout.groups.length;
    const r = layout.rings.length;
    this.color = new Uint8Array(n);
    this.ped = new Uint8Array(n);
    this.#state = new Int8Array(r).fill(R_IDLE);
    this.#phase = new Int16Array(r).fill(-1);
    this.#pos = new Int16Array(r).fill(-1);
    this.#next = new Int16Array(r).fill(-1);
    this.#intervalStart = new Float64Array(r);
    this.#forceOffAt = new Float64Array(r);
    this.#maxStart = new Float64Array(r);
    this.#posOf = new Int16Array(n);
    this.#pedStart = new Float64Array(n);
    layout.rings.forEach((ring) => ring.forEach((g, p) => (this.#posOf[g] = p)));
  }

  restart(nowMs: number, allRedMs: number): void {
    this.color.fill(RED);
    this.ped.fill(DONT_WALK);
    this.#state.fill(R_IDLE);
    this.#phase.fill(-1);
    this.#pos.fill(-1);
    this.#next.fill(-1);
    this.#startupUntil = nowMs + allRedMs;
  }

  step(nowMs: number, ctx: StepContext): void {
    if (nowMs < this.#startupUntil) return;
    if (this.#startupUntil > 0) {
      this.#startupUntil = 0;
      this.#cross(nowMs, ctx, chooseStartSide(ctx));
      return;
    }
    const cross = needsCrossing(ctx, this.#side, this.#pos, this.#phase, this.#state, R_GREEN);
    const rings = this.#layout.rings;
    let idle = 0;
    for (let r = 0; r < rings.length; r++) {
      switch (this.#state[r]) {
        case R_GREEN:
          this.#timeGreen(r, nowMs, ctx, cross);
          break;
        case R_YELLOW:
          this.#timeYellow(r, nowMs);
          break;
        case R_RED:
          this.#timeRed(r, nowMs, ctx);
          break;
        default:
          if (!cross) {
            const q = nextOnSide(ctx, r, this.#side, this.#pos[r] ?? -1);
            if (q >= 0) this.#startGreen(r, q, nowMs, ctx);
          }
      }
      if (this.#state[r] === R_IDLE) idle++;
    }
    if (idle === rings.length && cross) {
      const other = 1 - this.#side;
      this.#cross(nowMs, ctx, anyDemandOnSide(ctx, other) ? other : this.#side);
    }
  }

  #timeGreen(r: number, nowMs: number, ctx: StepContext, cross: boolean): void {
    const g = this.#phase[r] ?? -1;
    const def = this.#layout.groups[g];
    if (def === undefined) return;
    const elapsed = nowMs - (this.#intervalStart[r] ?? 0);
    if (this.ped[g] === WALK && elapsed >= def.walkMs) {
      this.ped[g] = def.pedClearMs > 0 ? FLASHING_DONT_WALK : DONT_WALK;
      this.#pedStart[g] = nowMs;
    } else if (this.ped[g] === FLASHING_DONT_WALK && nowMs - (this.#pedStart[g] ?? 0) >= def.pedClearMs) {
      this.ped[g] = DONT_WALK;
    }
    this.#forceOffAt[r] = rolledForceOff(ctx, g, this.#forceOffAt[r] ?? 0);
    const next = nextOnSide(ctx, r, this.#side, this.#pos[r] ?? -1);
    if (next < 0 && !cross) return;
    if (Number.isNaN(this.#maxStart[r])) this.#maxStart[r] = nowMs;
    if (elapsed < def.minGreenMs || this.ped[g] !== DONT_WALK) return;
    const maxedOut = nowMs - (this.#maxStart[r] ?? nowMs) >= def.maxGreenMs;
    const gapped = groupGappedOut(ctx, g, nowMs);
    if (!wantsToEnd(ctx, g, this.#forceOffAt[r] ?? 0, gapped, maxedOut)) return;
    ctx.commands.forceOff[g] = 0;
    this.#next[r] = next;
    this.#state[r] = R_YELLOW;
    this.#intervalStart[r] = nowMs;
    this.color[g] = YELLOW;
  }

  #timeYellow(r: number, nowMs: number): void {
    const g = this.#phase[r] ?? -1;
    const def = this.#layout.groups[g];
    if (def === undefined || nowMs - (this.#intervalStart[r] ?? 0) < def.yellowMs) return;
    this.#state[r] = R_RED;
    this.#intervalStart[r] = nowMs;
    this.color[g] = RED;
  }

  #timeRed(r: number, nowMs: number, ctx: StepContext): void {
    const g = this.#phase[r] ?? -1;
    const def = this.#layout.groups[g];
    if (def === undefined || nowMs - (this.#intervalStart[r] ?? 0) < def.redClearMs) return;
    this.#state[r] = R_IDLE;
    const q = this.#next[r] ?? -1;
    if (q >= 0 && served(ctx, q)) this.#startGreen(r, q, nowMs, ctx);
  }

  #startGreen(r: number, g: number, nowMs: number, ctx: StepContext): void {
    this.#state[r] = R_GREEN;
    this.#phase[r] = g;
    this.#pos[r] = this.#posOf[g] ?? 0;
    this.#intervalStart[r] = nowMs;
    this.#maxStart[r] = Number.NaN;
    this.#forceOffAt[r] = forceOffPoint(ctx, g, 0);
    this.color[g] = GREEN;
    ctx.calls.call[g] = 0;
    ctx.calls.lastActuationMs[g] = nowMs;
    ctx.commands.call[g] = 0;
    const def = this.#layout.groups[g];
    if (def !== undefined && def.walkMs > 0) {
      this.ped[g] = WALK;
      this.#pedStart[g] = nowMs;
    }
  }

  /** Cross the barrier to `side`: every ring is idle, so every clearance has ended. */
  #cross(nowMs: number, ctx: StepContext, side: number): void {
    this.#side = side;
    this.#pos.fill(-1);
    for (let r = 0; r < this.#layout.rings.length; r++) {
      const q = nextOnSide(ctx, r, side, -1);
      if (q >= 0) this.#startGreen(r, q, nowMs, ctx);
    }
  }

  anchor(nowMs: number): { unit: number; greenMs: number } | null {
    for (let r = 0; r < this.#state.length; r++) {
      if (this.#state[r] === R_GREEN)
        return { unit: this.#phase[r] ?? 0, greenMs: nowMs - (this.#intervalStart[r] ?? 0) };
    }
    return null;
  }

  replan(nowMs: number, ctx: StepContext): void {
    for (let r = 0; r < this.#state.length; r++) {
      if (this.#state[r] !== R_GREEN) continue;
      const greenMs = Math.max(1, nowMs - (this.#intervalStart[r] ?? 0));
      this.#forceOffAt[r] = forceOffPoint(ctx, this.#phase[r] ?? 0, greenMs);
    }
  }

  activeUnits(out: number[]): number[] {
    out.length = 0;
    for (let r = 0; r < this.#state.length; r++)
      if (this.#state[r] === R_GREEN) out.push(this.#phase[r] ?? 0);
    return out;
  }

  fillEndTimes(nowMs: number, ctx: StepContext, out: EndTimes): void {
    out.minEndMs.fill(Number.NaN);
    out.maxEndMs.fill(Number.NaN);
    out.likelyEndMs.fill(Number.NaN);
    for (let g = 0; g < this.color.length; g++) {
      if (this.color[g] === RED) out.likelyEndMs[g] = nextStartMs(ctx, g, nowMs);
    }
    for (let r = 0; r < this.#state.length; r++) {
      const g = this.#phase[r] ?? -1;
      const def = this.#layout.groups[g];
      if (def === undefined) continue;
      const start = this.#intervalStart[r] ?? nowMs;
      if (this.#state[r] === R_YELLOW) {
        const end = start + def.yellowMs;
        out.minEndMs[g] = out.maxEndMs[g] = out.likelyEndMs[g] = end;
      } else if (this.#state[r] === R_GREEN) {
        const pedEnd =
          this.ped[g] === WALK
            ? start + def.walkMs + def.pedClearMs
            : this.ped[g] === FLASHING_DONT_WALK
              ? (this.#pedStart[g] ?? nowMs) + def.pedClearMs
              : nowMs;
        const minEnd = Math.max(nowMs, start + def.minGreenMs, pedEnd);
        out.minEndMs[g] = minEnd;
        if (ctx.commands.hold[g] === 1) continue;
        const timed = ctx.behaviour === FIXED || ctx.plan.coordinated[g] === 1;
        const forceOff = nowMs + Math.max(0, (this.#forceOffAt[r] ?? 0) - ctx.timer.totalMs) / ctx.timer.rate;
        const maxStart = this.#maxStart[r] ?? Number.NaN;
        const maxEnd = timed ? forceOff : Number.isNaN(maxStart) ? Number.NaN : maxStart + def.maxGreenMs;
        const latest = Math.max(minEnd, maxEnd);
        out.maxEndMs[g] = latest;
        const gapEnd = (ctx.calls.lastActuationMs[g] ?? nowMs) + def.passageMs;
        out.likelyEndMs[g] = timed ? latest : Math.max(minEnd, gapEnd);
      }
    }
  }
}

function anyDemandOnSide(ctx: StepContext, side: number): boolean {
  const groups = ctx.layout.groups;
  for (let g = 0; g < groups.length; g++) if (ctx.layout.sideOf[g] === side && demand(ctx, g)) return true;
  return false;
}
