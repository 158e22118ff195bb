/**
 * @module center/adapters/mqtt/in-flight-window
 * How many uplinks the center handles at once, adapted to the backlog. A small window keeps each
 * Redis commit small, so the live feed never waits behind hundreds of messages settled in one turn
 * (stop board p99 at 5,000/s); a wide one lets one commit take hundreds when the broker has a backlog
 * (throughput: 512 gave 1.05-1.28x the bare subscriber where 64 gave 0.72-0.99 on idle machines). The
 * window starts at `min` and doubles, up to `max`, when it has filled `growAfterFills` times within
 * `growWithinMs`: a sustained backlog, not one burst after a pause. It halves after `shrinkAfterMs`
 * without filling. A plain function of events and a clock, so the subscriber and a unit test run it
 * alike.
 */

/** The window's Prometheus gauge (name, help), set by whichever thread subscribes to the uplinks. */
export const IN_FLIGHT_GAUGE = [
  'its_center_ingest_window',
  'Uplinks the ingest may handle at once now (widens under a sustained backlog)',
] as const;

/** Options of {@link InFlightWindow}. */
export type InFlightWindowOptions = {
  /** Starting and smallest window. */
  readonly min: number;
  /** Largest window: the most messages acknowledged before stored (the loss bound of a crash, + 1). */
  readonly max: number;
  readonly now: () => number;
  /** Default 8 fills ... */
  readonly growAfterFills?: number;
  /** ... within 500 ms. */
  readonly growWithinMs?: number;
  /** Default 1,000 ms without a fill. */
  readonly shrinkAfterMs?: number;
};

/** The window of messages in flight: `admit` one, `settle` one, `limit` now. */
export class InFlightWindow {
  readonly #min: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #growAfterFills: number;
  readonly #growWithinMs: number;
  readonly #shrinkAfterMs: number;
  /** When the window last filled, newest last (at most growAfterFills kept). */
  #fills: number[] = [];
  #lastFillMs: number;
  #limit: number;
  #running = 0;

  constructor(o: InFlightWindowOptions) {
    this.#max = Math.max(1, Math.floor(o.max));
    this.#min = Math.min(this.#max, Math.max(1, Math.floor(o.min)));
    this.#now = o.now;
    this.#growAfterFills = o.growAfterFills ?? 8;
    this.#growWithinMs = o.growWithinMs ?? 500;
    this.#shrinkAfterMs = o.shrinkAfterMs ?? 1000;
    this.#limit = this.#min;
    this.#lastFillMs = o.now();
  }

  /** Current window. */
  get limit(): number {
    return this.#limit;
  }

  get running(): number {
    return this.#running;
  }

  /** A message arrived; true when another may be read now, false when the window is full. */
  admit(): boolean {
    this.#running++;
    if (this.#running < this.#limit) return true;
    const t = this.#now();
    this.#lastFillMs = t;
    this.#fills.push(t);
    if (this.#fills.length > this.#growAfterFills) this.#fills.shift();
    const first = this.#fills[0];
    if (
      this.#limit < this.#max &&
      this.#fills.length === this.#growAfterFills &&
      first !== undefined &&
      t - first <= this.#growWithinMs
    ) {
      this.#limit = Math.min(this.#max, this.#limit * 2);
      this.#fills = [];
    }
    return this.#running < this.#limit;
  }

  /** A message was handled; true when a reader waiting on a full window may go on. */
  settle(): boolean {
    this.#running--;
    if (this.#limit > this.#min) {
      const t = this.#now();
      if (t - this.#lastFillMs >= this.#shrinkAfterMs) {
        this.#limit = Math.max(this.#min, Math.floor(this.#limit / 2));
        this.#lastFillMs = t;
        this.#fills = [];
      }
    }
    return this.#running < this.#limit;
  }
}
