/**
 * @module controllers/firmware/cycle-timer
 * The local cycle timer of coordination (NTCIP 1202 §2.5 coordination: cycle, offset, local cycle
 * timer). Its position follows the target `(now + timezone - offset) mod cycle`, which puts the
 * reference at local midnight for any cycle that divides a day. After a plan change or a late start
 * it does not jump: it runs up to `maxAdjust` faster (shortening the cycle) or slower (lengthening
 * it), whichever is shorter, so the offset is reached over a few cycles ("smooth" transition).
 * `totalMs` is a monotonic count of local cycle time, used for force-off points without wrap-around.
 */
import * as timing from './timing.ts';
// Hot path: bind once, not through a module getter on every use.
const { mod, signedMod } = timing;

/** The local cycle timer. Mutable; one per controller. */
export class CycleTimer {
  /** Position in the cycle, ms in [0, cycleMs). */
  positionMs = 0;
  /** Monotonic local cycle time, ms. */
  totalMs = 0;
  /** Current rate of local time to real time (1 when in step). */
  rate = 1;
  cycleMs = 1;
  offsetMs = 0;
  readonly #maxAdjust: number;
  readonly #tzOffsetMs: number;

  constructor(maxAdjust: number, tzOffsetMs: number) {
    this.#maxAdjust = maxAdjust;
    this.#tzOffsetMs = tzOffsetMs;
  }

  /** Where the cycle should be at `nowMs`. */
  targetMs(nowMs: number): number {
    return mod(nowMs + this.#tzOffsetMs - this.offsetMs, this.cycleMs);
  }

  /** Use a plan's cycle and offset; keep the position (mapped by the caller) and seek the offset. */
  setPlan(cycleMs: number, offsetMs: number, positionMs: number): void {
    this.cycleMs = cycleMs;
    this.offsetMs = offsetMs;
    this.positionMs = mod(positionMs, cycleMs);
  }

  /** Jump straight to the target (at start-up, before any phase is timed). */
  sync(nowMs: number): void {
    this.positionMs = this.targetMs(nowMs);
    this.rate = 1;
  }

  /** Signed error of the position against the target, ms (positive: the timer is behind). */
  errorMs(nowMs: number): number {
    return signedMod(this.targetMs(nowMs) - this.positionMs, this.cycleMs);
  }

  /** Advance by `dtMs` of real time, seeking the target offset. */
  advance(dtMs: number, nowMs: number): void {
    const target = this.targetMs(nowMs);
    const behind = mod(target - this.positionMs - dtMs, this.cycleMs);
    const step = dtMs * this.#maxAdjust;
    let local: number;
    if (behind <= step || this.cycleMs - behind <= step) {
      local = dtMs + signedMod(behind, this.cycleMs);
      this.rate = 1;
    } else if (behind <= this.cycleMs - behind) {
      local = dtMs + step;
      this.rate = 1 + this.#maxAdjust;
    } else {
      local = dtMs - step;
      this.rate = 1 - this.#maxAdjust;
    }
    this.positionMs = mod(this.positionMs + local, this.cycleMs);
    this.totalMs += local;
  }
}
