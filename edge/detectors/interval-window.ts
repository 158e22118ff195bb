/**
 * @module edge/detectors/interval-window
 * Which aggregation intervals are still open, which one closed last, and what becomes of a report
 * that comes after its interval closed. An interval closes `graceMs` after its end, never while
 * `holdIntervals` says so (a resumed field session's backlog draining), so reports the broker held for
 * the edge are never late. A report for the interval closed last that arrives before the next one
 * closes is kept, to be folded in at the next close and its links' states sent again for that interval
 * (a correction, superseding the first: ARCHITECTURE "Messages"); a report for an older closed
 * interval is `late`, since the center keeps only each link's latest state and a correction behind a
 * newer interval would set it back.
 */
import type { LaneAggregate } from './lane-aggregator.ts';

/** Options of an {@link IntervalWindow}. */
export type IntervalWindowOptions = {
  readonly intervalMs: number;
  /** How long after an interval ends it is still open, ms. */
  readonly graceMs: number;
  /** When the processor started, ms: intervals from the one it falls in are open. */
  readonly startedMs: number;
  /** Open intervals from this time on instead, when earlier (an edge replaying its inbox journal). */
  readonly acceptFromMs?: number;
  /** While this returns true no interval closes. Default: never held. */
  readonly holdIntervals?: () => boolean;
};

/** Where a report goes: into its open interval, folded into the one closed last, or nowhere. */
export type ReportVerdict = 'open' | 'folded' | 'late';

/** What one tick closes. */
export type IntervalClose = {
  /** Every interval that ends at or before this closes now, ms. */
  readonly closeUntil: number;
  /** Late reports for the interval closed last, to fold in before anything closes (none while held). */
  readonly corrections: readonly LaneAggregate[];
};

/** The open/closed boundary of one region's detector intervals. */
export class IntervalWindow {
  readonly intervalMs: number;
  readonly #graceMs: number;
  readonly #holdIntervals: () => boolean;
  #closedUntil: number;
  /** Start of the interval the last close reached (the newest closed), or null before any. */
  #lastClosed: number | null = null;
  /** Late reports for `#lastClosed`, by detector, to fold in at the next close. */
  readonly #late = new Map<string, LaneAggregate>();

  constructor(options: IntervalWindowOptions) {
    this.intervalMs = options.intervalMs;
    this.#graceMs = options.graceMs;
    this.#holdIntervals = options.holdIntervals ?? (() => false);
    const from = Math.min(options.startedMs, options.acceptFromMs ?? options.startedMs);
    this.#closedUntil = this.intervalOf(from);
  }

  /** End of the newest closed interval (every interval before it is closed), ms. */
  get closedUntil(): number {
    return this.#closedUntil;
  }

  /** Start of the newest closed interval, or null before any closed. */
  get lastClosed(): number | null {
    return this.#lastClosed;
  }

  /** Start of the interval containing `tMs`. */
  intervalOf(tMs: number): number {
    return Math.floor(tMs / this.intervalMs) * this.intervalMs;
  }

  /**
   * Where a device's report for `report.intervalStart` (an interval start) goes. A `folded` one is
   * kept here until the next {@link closing}; an `open` one is the caller's to keep until its
   * interval closes.
   */
  admit(report: LaneAggregate): ReportVerdict {
    const start = report.intervalStart;
    if (start >= this.#closedUntil) return 'open';
    if (start !== this.#lastClosed) return 'late';
    this.#late.set(report.detectorId, report);
    return 'folded';
  }

  /** What a tick at `nowMs` closes; call {@link closed} with its `closeUntil` once it is done. */
  closing(nowMs: number): IntervalClose {
    const due = this.intervalOf(nowMs - this.#graceMs);
    if (this.#holdIntervals()) return { closeUntil: Math.min(due, this.#closedUntil), corrections: [] };
    const corrections = [...this.#late.values()];
    this.#late.clear();
    return { closeUntil: due, corrections };
  }

  /** Every interval ending at or before `closeUntil` is closed (and its link states sent). */
  closed(closeUntil: number): void {
    if (closeUntil <= this.#closedUntil) return;
    this.#lastClosed = closeUntil - this.intervalMs;
    this.#closedUntil = closeUntil;
  }
}
