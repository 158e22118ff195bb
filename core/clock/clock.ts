/**
 * @module core/clock/clock
 * Injected time (STYLE.md §13). Every "now", timer and timeout in the system comes from a `Clock`, so the
 * simulator can run hours in seconds and tests never sleep.
 */

/** Handle returned by {@link Clock.setTimeout} and {@link Clock.setInterval}. */
export type TimerHandle = { readonly id: number };

/** A source of time and timers. Times are epoch milliseconds (UTC). */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Run `fn` once after `delayMs`. */
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  /** Run `fn` every `periodMs`. */
  setInterval(fn: () => void, periodMs: number): TimerHandle;
  /** Cancel a timer; unknown or already-fired handles are ignored. */
  clear(handle: TimerHandle): void;
}

/** Wall-clock time backed by Node's timers. */
export class SystemClock implements Clock {
  #next = 1;
  readonly #timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.#next++;
    const t = setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, delayMs);
    this.#timers.set(id, t);
    return { id };
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    const id = this.#next++;
    this.#timers.set(id, setInterval(fn, periodMs));
    return { id };
  }

  clear(handle: TimerHandle): void {
    const t = this.#timers.get(handle.id);
    if (t !== undefined) {
      clearTimeout(t);
      this.#timers.delete(handle.id);
    }
  }
}

type VirtualTimer = { id: number; dueMs: number; periodMs: number | null; fn: () => void; seq: number };

/**
 * A clock that only moves when told to. Timers fire in due-time order (ties in creation order) as
 * {@link VirtualClock.advance} passes them, with `now()` equal to each timer's due time while it runs.
 */
export class VirtualClock implements Clock {
  #nowMs: number;
  #next = 1;
  #seq = 0;
  #advancing = false;
  readonly #timers = new Map<number, VirtualTimer>();

  constructor(startMs = 0) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.#add(fn, Math.max(0, delayMs), null);
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be > 0 ms, got ${periodMs}`);
    return this.#add(fn, periodMs, periodMs);
  }

  clear(handle: TimerHandle): void {
    this.#timers.delete(handle.id);
  }

  /** Number of pending timers. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError(`cannot advance a clock backwards (${ms} ms)`);
    this.advanceTo(this.#nowMs + ms);
  }

  /**
   * Move time forward to `targetMs`, firing every timer due at or before it. Refuses to be called from
   * inside a timer callback: the outer advance would then move time back to its own target.
   */
  advanceTo(targetMs: number): void {
    if (targetMs < this.#nowMs) throw new RangeError(`cannot move a clock backwards to ${targetMs}`);
    if (this.#advancing)
      throw new Error('cannot advance a VirtualClock from inside one of its timer callbacks');
    this.#advancing = true;
    try {
      for (;;) {
        const due = this.#earliest();
        if (due === undefined || due.dueMs > targetMs) break;
        this.#nowMs = due.dueMs;
        if (due.periodMs === null) this.#timers.delete(due.id);
        else {
          due.dueMs += due.periodMs;
          due.seq = this.#seq++;
        }
        due.fn();
      }
      this.#nowMs = targetMs;
    } finally {
      this.#advancing = false;
    }
  }

  #add(fn: () => void, delayMs: number, periodMs: number | null): TimerHandle {
    const id = this.#next++;
    this.#timers.set(id, { id, dueMs: this.#nowMs + delayMs, periodMs, fn, seq: this.#seq++ });
    return { id };
  }

  #earliest(): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const t of this.#timers.values()) {
      if (best === undefined || t.dueMs < best.dueMs || (t.dueMs === best.dueMs && t.seq < best.seq))
        best = t;
    }
    return best;
  }
}
