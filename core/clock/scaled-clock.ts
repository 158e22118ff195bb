/**
 * @module core/clock/scaled-clock
 * The demo's one timebase: simulated time that runs `speed` times faster than the wall clock from an
 * origin (the demo's start, so that at speed 1 it is the wall clock). Every part the demo composes —
 * simulator, controllers, edges, center — reads this clock, so message timestamps, staleness windows
 * and controller watchdogs agree whatever `--speed` is (STYLE.md §13: time is injected). Its
 * {@link WallTimebase} travels to a worker thread, which keeps the same time with a clock of its own.
 */
import { SystemClock, type Clock, type TimerHandle } from './clock.ts';

/** A clock tied linearly to the wall clock, as plain data (for a worker thread). */
export type WallTimebase = {
  /** Clock time at `wallStartMs`, epoch ms. */
  readonly originMs: number;
  /** Wall time the clock started at, epoch ms. */
  readonly wallStartMs: number;
  /** Clock milliseconds per wall millisecond. */
  readonly speed: number;
};

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
   * @param wallStartMs wall time of `originMs` (default: now; another clock's, to keep its time)
   */
  constructor(
    originMs: number,
    speed: number,
    wallNow: () => number = Date.now,
    wallStartMs: number = wallNow(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be > 0, got ${speed}`);
    this.speed = speed;
    this.#originMs = originMs;
    this.#wallNow = wallNow;
    this.#wallStartMs = wallStartMs;
  }

  /** A clock keeping this timebase's time (in a worker thread, say). */
  static of(timebase: WallTimebase): ScaledClock {
    return new ScaledClock(timebase.originMs, timebase.speed, Date.now, timebase.wallStartMs);
  }

  /** This clock as plain data. */
  get timebase(): WallTimebase {
    return { originMs: this.#originMs, wallStartMs: this.#wallStartMs, speed: this.speed };
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

/**
 * The timebase of a clock tied to the wall clock (the system clock, a {@link ScaledClock}), or null
 * for one that is not (a virtual clock).
 */
export function timebaseOf(clock: Clock): WallTimebase | null {
  if (clock instanceof ScaledClock) return clock.timebase;
  if (clock instanceof SystemClock) {
    const now = Date.now();
    return { originMs: now, wallStartMs: now, speed: 1 };
  }
  return null;
}
