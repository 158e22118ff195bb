/**
 * @module center/prediction/point-calibrator
 * Which single time a board shows for a predicted arrival, learnt online from how earlier predictions
 * turned out. A prediction is a distribution (its expected arrival and σ); a board shows one time.
 * Riders judge that time asymmetrically: a bus that comes well before the time shown is a missed
 * bus, one that comes a little after is a short wait. TransitApp's accuracy windows encode that
 * (actual − shown within −30/+90 s up to 3 minutes ahead, −60/+150 s at 3-6, −60/+210 s at 6-10,
 * −90/+270 s at 10-15). Per horizon bucket the calibrator keeps the recent (actual − expected, σ) of
 * past predictions once their bus has arrived, and fits the shown time as expected + a + b·σ: among
 * the (a, b) whose mean absolute error on those outcomes is within `maeTolerance` of the fixed rule's
 * (a shift before the median, see predict-vehicle), the one that puts most arrivals inside the
 * bucket's window; the fixed rule stays when no (a, b) puts more inside (and always beyond 15
 * minutes, where no window is set).
 * A larger σ means a right-skewed wait (a red light, a crowded stop) that the expected time
 * overstates for most buses, so b comes out negative. A plain function of past arrivals: the
 * prediction being shown never sees its own outcome.
 * The fit is made on the older 70% of the outcomes and kept only if it also holds on the newest 30%
 * (MAE within the tolerance of the fixed rule's there, no fewer inside): fitted to all of them, a
 * fit chosen to tie the fixed rule's MAE in sample cost up to 12 s more out of sample at 10-15
 * minutes on runs with a congestion episode (demo city seed 2: 107 s against 95 s without it).
 * A fit scores 961 (a, b) pairs over up to 3,000 outcomes (~50 ms at once): it runs one offset a per
 * arrival observed, so no turn of the center's event loop carries more than ~1.5 ms of it, and the
 * new fit applies once its last row is scored.
 */

/** A horizon bucket: predicted seconds ahead [loS, hiS) and its accuracy window (early, late), s. */
export type AccuracyWindow = {
  readonly loS: number;
  readonly hiS: number;
  readonly window: readonly [number, number] | null;
};

/** TransitApp's windows (actual − shown, s) per horizon; no window beyond 15 minutes. */
export const ACCURACY_WINDOWS: readonly AccuracyWindow[] = Object.freeze([
  { loS: 0, hiS: 180, window: [-30, 90] },
  { loS: 180, hiS: 360, window: [-60, 150] },
  { loS: 360, hiS: 600, window: [-60, 210] },
  { loS: 600, hiS: 900, window: [-90, 270] },
  { loS: 900, hiS: Infinity, window: null },
]);

/** Options of a {@link PointCalibrator}. */
export type PointCalibratorOptions = {
  /** Horizon buckets and their windows. Default {@link ACCURACY_WINDOWS}. */
  readonly windows?: readonly AccuracyWindow[];
  /** Outcomes kept per bucket (the most recent). Default 3000. */
  readonly keep?: number;
  /** Outcomes a bucket needs before its fit is used. Default 300. */
  readonly minSamples?: number;
  /** Refit a bucket after this many new outcomes. Default 150. */
  readonly refitEvery?: number;
  /** MAE the window-maximising point may cost over the fixed rule's, as a share. Default 0.02. */
  readonly maeTolerance?: number;
  /** A bus's prediction for one stop is taken as an outcome at most this often, ms. Default 30 000. */
  readonly sampleEveryMs?: number;
  /** Predictions whose bus has not arrived after this long are dropped, ms. Default 1 h. */
  readonly pendingMaxMs?: number;
  /** Share of the newest outcomes a fit is checked on instead of fitted to (0: none). Default 0.3. */
  readonly holdout?: number;
};

const DEFAULTS = Object.freeze({
  keep: 3000,
  minSamples: 300,
  refitEvery: 150,
  maeTolerance: 0.02,
  sampleEveryMs: 30_000,
  pendingMaxMs: 3_600_000,
  holdout: 0.3,
});

/** The grid the fit searches: offsets a (s) and σ multipliers b. */
const A_GRID = Array.from({ length: 31 }, (_, i) => -120 + 10 * i);
const B_GRID = Array.from({ length: 31 }, (_, i) => Math.round(-25 + i) / 10);

type Bucket = {
  readonly spec: AccuracyWindow;
  /** Ring of (actual − expected) s, σ s and the fixed rule's (shown − expected) s. */
  readonly errS: Float64Array;
  readonly sdS: Float64Array;
  readonly fixedS: Float64Array;
  /** Seconds ahead the prediction was made, to clamp the shown time at "now" as the board does. */
  readonly aheadS: Float64Array;
  n: number;
  next: number;
  sinceFit: number;
  fit: { readonly a: number; readonly b: number } | null;
  /** A fit in progress, one offset a per step; null when none runs. */
  job: Iterator<void> | null;
};

type Pending = {
  readonly madeAtMs: number;
  readonly expectedMs: number;
  readonly sdS: number;
  readonly fixedMs: number;
};

/** Learns the shown point per horizon bucket from past predictions' outcomes. */
export class PointCalibrator {
  readonly #o: Required<Omit<PointCalibratorOptions, 'windows'>>;
  readonly #buckets: Bucket[];
  /** Per bus, per stop, the predictions waiting for the bus to arrive there. */
  readonly #pending = new Map<string, Map<string, Pending[]>>();

  constructor(options: PointCalibratorOptions = {}) {
    this.#o = { ...DEFAULTS, ...options };
    if (!(this.#o.maeTolerance >= 0)) throw new RangeError('maeTolerance must be >= 0');
    this.#buckets = (options.windows ?? ACCURACY_WINDOWS).map((spec) => ({
      spec,
      errS: new Float64Array(this.#o.keep),
      sdS: new Float64Array(this.#o.keep),
      fixedS: new Float64Array(this.#o.keep),
      aheadS: new Float64Array(this.#o.keep),
      n: 0,
      next: 0,
      sinceFit: 0,
      fit: null,
      job: null,
    }));
  }

  /**
   * The time to show for an arrival expected at `expectedMs` with σ `sdS`, predicted at `nowMs`,
   * where the fixed rule shows `fixedMs`: the fixed rule's time while its horizon bucket has too few
   * outcomes or no fit beats it.
   */
  pointMs(nowMs: number, expectedMs: number, sdS: number, fixedMs: number): number {
    const fit = this.#bucketOf((expectedMs - nowMs) / 1000)?.fit ?? null;
    return fit === null ? fixedMs : Math.max(nowMs, expectedMs + (fit.a + fit.b * sdS) * 1000);
  }

  /** The current fit of the bucket `aheadS` falls in (for reports), or null. */
  fitAt(aheadS: number): { readonly a: number; readonly b: number } | null {
    return this.#bucketOf(aheadS)?.fit ?? null;
  }

  /**
   * Remember a prediction until its bus arrives (at most one per bus and stop per `sampleEveryMs`):
   * expected at `expectedMs` with σ `sdS`, the fixed rule showing `fixedMs`.
   */
  record(
    vehicleId: string,
    stopId: string,
    madeAtMs: number,
    p: { readonly expectedMs: number; readonly sdS: number; readonly fixedMs: number },
  ): void {
    let byStop = this.#pending.get(vehicleId);
    if (byStop === undefined) this.#pending.set(vehicleId, (byStop = new Map()));
    const list = byStop.get(stopId);
    const last = list?.[list.length - 1];
    if (last !== undefined && madeAtMs - last.madeAtMs < this.#o.sampleEveryMs) return;
    const pending = { madeAtMs, expectedMs: p.expectedMs, sdS: p.sdS, fixedMs: p.fixedMs };
    if (list === undefined) byStop.set(stopId, [pending]);
    else list.push(pending);
  }

  /** A bus arrived at a stop: its predictions for that stop become outcomes. */
  observeArrival(vehicleId: string, stopId: string, atMs: number): void {
    this.#take(vehicleId, stopId, atMs);
    for (const b of this.#buckets) if (b.job?.next().done === true) b.job = null;
  }

  #take(vehicleId: string, stopId: string, atMs: number): void {
    const byStop = this.#pending.get(vehicleId);
    const list = byStop?.get(stopId);
    if (byStop === undefined || list === undefined) return;
    byStop.delete(stopId);
    for (const p of list) {
      if (atMs < p.madeAtMs || atMs - p.madeAtMs > this.#o.pendingMaxMs) continue;
      const b = this.#bucketOf((p.expectedMs - p.madeAtMs) / 1000);
      if (b === undefined) continue;
      b.errS[b.next] = (atMs - p.expectedMs) / 1000;
      b.sdS[b.next] = p.sdS;
      b.fixedS[b.next] = (p.fixedMs - p.expectedMs) / 1000;
      b.aheadS[b.next] = (p.expectedMs - p.madeAtMs) / 1000;
      b.next = (b.next + 1) % this.#o.keep;
      b.n = Math.min(b.n + 1, this.#o.keep);
      if (++b.sinceFit >= this.#o.refitEvery && b.n >= this.#o.minSamples && b.job === null) {
        b.sinceFit = 0;
        b.job = this.#refit(b);
      }
    }
    // Predictions for stops the bus has now passed will never be matched (a missed stop event).
    for (const [s, l] of byStop) {
      const kept = l.filter((p) => atMs - p.madeAtMs <= this.#o.pendingMaxMs);
      if (kept.length === 0) byStop.delete(s);
      else if (kept.length < l.length) byStop.set(s, kept);
    }
  }

  /** Forget a bus that left service. */
  forget(vehicleId: string): void {
    this.#pending.delete(vehicleId);
  }

  #bucketOf(aheadS: number): Bucket | undefined {
    return this.#buckets.find((b) => aheadS >= b.spec.loS && aheadS < b.spec.hiS);
  }

  /** The fit over the outcomes held when it starts, one offset a per step. */
  *#refit(b: Bucket): Generator<void, void, void> {
    const win = b.spec.window;
    if (win === null) return;
    const n = b.n;
    // The ring moves on while the fit runs: it scores the outcomes it started with, oldest first.
    const first = n < this.#o.keep ? 0 : b.next;
    const at = (ring: Float64Array): Float64Array =>
      Float64Array.from({ length: n }, (_, i) => ring[(first + i) % this.#o.keep] ?? 0);
    const errS = at(b.errS);
    const sdS = at(b.sdS);
    const fixedS = at(b.fixedS);
    const aheadS = at(b.aheadS);
    // Fitted on the older outcomes, checked on the newest: a fit must hold on arrivals it has not seen.
    const split = this.#o.holdout > 0 ? Math.floor(n * (1 - this.#o.holdout)) : n;
    const score = (
      shiftOf: (i: number) => number,
      from: number,
      to: number,
    ): { mae: number; inside: number } => {
      let abs = 0;
      let inside = 0;
      for (let i = from; i < to; i++) {
        // A shown time is never before "now": the error against it, as the board shows it.
        const e = (errS[i] ?? 0) - Math.max(-(aheadS[i] ?? 0), shiftOf(i));
        abs += Math.abs(e);
        if (e >= win[0] && e <= win[1]) inside++;
      }
      return { mae: abs / Math.max(1, to - from), inside };
    };
    const fixedOf = (i: number): number => fixedS[i] ?? 0;
    const fixed = score(fixedOf, 0, split);
    const maeCap = fixed.mae * (1 + this.#o.maeTolerance);
    let pick: { a: number; b: number; mae: number; inside: number } | null = null;
    for (const a of A_GRID) {
      for (const k of B_GRID) {
        const s = score((i) => a + k * (sdS[i] ?? 0), 0, split);
        if (s.mae > maeCap || s.inside <= fixed.inside) continue;
        if (pick === null || s.inside > pick.inside || (s.inside === pick.inside && s.mae < pick.mae))
          pick = { a, b: k, ...s };
      }
      yield;
    }
    if (pick !== null && split < n) {
      const { a, b: k } = pick;
      const held = score((i) => a + k * (sdS[i] ?? 0), split, n);
      const heldFixed = score(fixedOf, split, n);
      if (held.mae > heldFixed.mae * (1 + this.#o.maeTolerance) || held.inside < heldFixed.inside)
        pick = null;
    }
    b.fit = pick === null ? null : { a: pick.a, b: pick.b };
  }
}
