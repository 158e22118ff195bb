/**
 * @module center/incidents/link-baseline
 * One link's recent intervals and its learnt usual values, for incident detection. The window spans a
 * signal cycle, so a red (a full stop-bar or advance loop) and the green after it average out; the
 * usual values are exponentially smoothed over the windows judged normal, so a link's recurrent queue
 * is what it is measured against, not the speed limit (Stephanedes & Chassiakos 1993 smooth over time
 * for the same reason; Ozbay & Kachroo 1999 on arterials).
 */
import type { LinkStateRecord } from '../state/index.ts';

/** Means over the window. */
export type LinkWindow = {
  readonly occupancyPct: number;
  readonly flowVph: number;
  /** Mean of the intervals that had a speed, null when none had. */
  readonly speedKmh: number | null;
};

/** A link's window of recent intervals and learnt usual values. */
export class LinkBaseline {
  readonly #size: number;
  readonly #recent: LinkStateRecord[] = [];
  #learnt = 0;
  #occUsual = 0;
  #occSpread = 0;
  #flowUsual = 0;
  #speedUsual: number | null = null;

  /** `size`: intervals in the window. */
  constructor(size: number) {
    this.#size = Math.max(1, size);
  }

  /** Add an interval, dropping the oldest beyond the window. */
  push(state: LinkStateRecord): void {
    this.#recent.push(state);
    if (this.#recent.length > this.#size) this.#recent.shift();
  }

  /** Whether the window holds a full cycle's worth of intervals. */
  get full(): boolean {
    return this.#recent.length >= this.#size;
  }

  /** Windows learnt so far. */
  get learnt(): number {
    return this.#learnt;
  }

  get occupancyUsualPct(): number {
    return this.#occUsual;
  }

  /** Mean absolute deviation of the windowed occupancy from its usual value, percentage points. */
  get occupancySpreadPct(): number {
    return this.#occSpread;
  }

  get flowUsualVph(): number {
    return this.#flowUsual;
  }

  get speedUsualKmh(): number | null {
    return this.#speedUsual;
  }

  /** Means over the current window. */
  window(): LinkWindow {
    let occ = 0;
    let flow = 0;
    let speed = 0;
    let speeds = 0;
    for (const s of this.#recent) {
      occ += s.occupancyPct;
      flow += s.flowVph;
      if (s.speedKmh !== null) {
        speed += s.speedKmh;
        speeds++;
      }
    }
    const n = Math.max(1, this.#recent.length);
    return { occupancyPct: occ / n, flowVph: flow / n, speedKmh: speeds > 0 ? speed / speeds : null };
  }

  /** Learn the current window as normal: a running mean at first, then smoothing at `rate`. */
  learn(rate: number): void {
    const w = this.window();
    const a = Math.max(rate, 1 / (this.#learnt + 1));
    if (this.#learnt === 0) {
      this.#occUsual = w.occupancyPct;
      this.#flowUsual = w.flowVph;
    } else {
      this.#occSpread += a * (Math.abs(w.occupancyPct - this.#occUsual) - this.#occSpread);
      this.#occUsual += a * (w.occupancyPct - this.#occUsual);
      this.#flowUsual += a * (w.flowVph - this.#flowUsual);
    }
    if (w.speedKmh !== null)
      this.#speedUsual =
        this.#speedUsual === null ? w.speedKmh : this.#speedUsual + a * (w.speedKmh - this.#speedUsual);
    this.#learnt++;
  }
}
