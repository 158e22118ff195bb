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
 *
 * After a restart the edge knows which intervals it has closed and sent from the mark it keeps on disk
 * (`lastClosedMs`: the runtime's SQLite): every later interval is open, back to `maxReopenMs` at most,
 * so reports the broker held while the edge was away count in their own intervals however long it was
 * down, and however little reached its inbox journal before. The marked interval is the one closed
 * last, so a report for it is folded in as before. A report replayed from the journal for an interval
 * before the mark was dealt with by the run that closed it (in its link state, or counted then): it is
 * neither counted nor dropped again.
 */
import type { LaneAggregate } from './lane-aggregator.ts';

/** How far back a restored mark reopens intervals by default, ms: the replay guard's maximum message age (core/security). */
export const DEFAULT_MAX_REOPEN_MS = 15 * 60_000;

/** Options of an {@link IntervalWindow}. */
export type IntervalWindowOptions = {
  readonly intervalMs: number;
  /** How long after an interval ends it is still open, ms. */
  readonly graceMs: number;
  /** When the processor started, ms: intervals from the one it falls in are open. */
  readonly startedMs: number;
  /**
   * Open intervals from this time on instead, when earlier (an edge replaying its inbox journal). A
   * restored `lastClosedMs` takes precedence.
   */
  readonly acceptFromMs?: number;
  /**
   * Start of the interval this edge closed and sent last before it restarted (the mark it keeps on
   * disk): the intervals after it are open, and it is the interval closed last. Ignored unless it is
   * before the interval `startedMs` falls in (a mark of another clock's time, e.g. a demo's day).
   */
  readonly lastClosedMs?: number;
  /** How far back before `startedMs` a restored mark reopens intervals at most, ms. Default {@link DEFAULT_MAX_REOPEN_MS}. */
  readonly maxReopenMs?: number;
  /** While this returns true no interval closes. Default: never held. */
  readonly holdIntervals?: () => boolean;
};

/**
 * Where a report goes: into its open interval, folded into the one closed last, nowhere (`late`), or,
 * replayed from the journal for an interval before the restored mark, nowhere again (`closed-before`).
 */
export type ReportVerdict = 'open' | 'folded' | 'late' | 'closed-before';

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
  /** The mark restored at start, or null. */
  readonly #restoredMark: number | null = null;

  constructor(options: IntervalWindowOptions) {
    this.intervalMs = options.intervalMs;
    this.#graceMs = options.graceMs;
    this.#holdIntervals = options.holdIntervals ?? (() => false);
    const current = this.intervalOf(options.startedMs);
    const mark = options.lastClosedMs === undefined ? null : this.intervalOf(options.lastClosedMs);
    if (mark !== null && mark < current) {
      const oldest = this.intervalOf(options.startedMs - (options.maxReopenMs ?? DEFAULT_MAX_REOPEN_MS));
      this.#restoredMark = mark;
      this.#closedUntil = Math.max(mark + this.intervalMs, oldest);
      // Down for longer than the bound: the marked interval is no longer the one before the open ones.
      if (mark + this.intervalMs === this.#closedUntil) this.#lastClosed = mark;
      return;
    }
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
   * Where a device's report for `report.intervalStart` (an interval start) goes; `replayed`: it comes
   * from the inbox journal at start. A `folded` one is kept here until the next {@link closing}; an
   * `open` one is the caller's to keep until its interval closes.
   */
  admit(report: LaneAggregate, replayed = false): ReportVerdict {
    const start = report.intervalStart;
    if (start >= this.#closedUntil) return 'open';
    if (replayed && this.#restoredMark !== null && start < this.#restoredMark) return 'closed-before';
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
