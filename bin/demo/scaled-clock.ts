/**
 * @module bin/demo/scaled-clock
 * The demo's one timebase: simulated time that runs `speed` times faster than the wall clock from an
 * origin (the demo's start, so that at speed 1 it is the wall clock). Every part the demo composes — simulator, controllers, edges,
 * center — reads this clock, so message timestamps, staleness windows and controller watchdogs agree
 * whatever `--speed` is (STYLE.md §13: time is injected).
 */
import type { Clock, TimerHandle } from '../../core/index.ts';

/** A {@link Clock} at `speed` times wall-clock rate, starting at `originMs`. */
export class ScaledClock implements Clock {
  readonly speed: number;
  readonly #originMs: number;
  readonly #wallStartMs: number;
  readonly #wallNow: () => number;
  #next = 1;
  readonly #timers = new Map<number, NodeJS.Timeout>();

  /**
   * @param originMs simulated time at construction (epoch ms)
   * @param speed simulated seconds per wall second, > 0
   * @param wallNow wall clock (tests pass their own)
   */
  constructor(originMs: number, speed: number, wallNow: () => number = Date.now) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be > 0, got ${speed}`);
    this.speed = speed;
    this.#originMs = originMs;
    this.#wallNow = wallNow;
    this.#wallStartMs = wallNow();
  }

  /** Simulated time at construction (epoch ms). */
  get originMs(): number {
    return this.#originMs;
  }

  now(): number {
    return Math.floor(this.#originMs + (this.#wallNow() - this.#wallStartMs) * this.speed);
  }

  /** Wall milliseconds that `simMs` of simulated time take. */
  wallMs(simMs: number): number {
    return Math.max(0, simMs / this.speed);
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.#next++;
    const t = setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, this.wallMs(delayMs));
    this.#timers.set(id, t);
    return { id };
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be > 0 ms, got ${periodMs}`);
    const id = this.#next++;
    this.#timers.set(id, setInterval(fn, Math.max(1, this.wallMs(periodMs))));
    return { id };
  }

  clear(handle: TimerHandle): void {
    const t = this.#timers.get(handle.id);
    if (t === undefined) return;
    clearTimeout(t);
    this.#timers.delete(handle.id);
  }

  /** Cancel every timer still pending (shutdown). */
  clearAll(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }
}
