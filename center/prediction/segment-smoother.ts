/**
 * @module center/prediction/segment-smoother
 * Exponential smoothing of bus segment travel times per route segment and time of day (the
 * "historical + recent" family of AVL predictors, e.g. Shalaby & Farhan 2004): each observed
 * departure-to-arrival time updates an exponentially weighted mean for its segment in its time-of-day
 * bucket; the spread is one share of the mean pooled over every segment (see `pooledCv2`). Outliers are clipped to a band around the mean so a
 * GPS glitch cannot swing the estimate. Routes sharing a stop pair share a road: a route's estimate
 * is shrunk toward the pair's over every route while it has seen few buses of its own (on the demo
 * city 30 of 48 stop pairs carry two or three routes, each route seeing about one bus per segment
 * in 9 minutes).
 */

/** Smoothed travel time of one segment. */
export type SegmentEstimate = {
  readonly meanS: number;
  readonly varianceS2: number;
  readonly samples: number;
};

/** Options of {@link SegmentSmoother}. */
export type SegmentSmootherOptions = {
  /**
   * Weight of the newest observation, 0-1. Default 0.15: on the demo city's ground truth, successive
   * buses' times on a segment are nearly independent (a signal's red or green), so a long memory wins.
   */
  readonly alpha?: number;
  /** Width of a time-of-day bucket, minutes. Default 30. */
  readonly bucketMinutes?: number;
  /** Offset of local time from UTC, ms (Asia/Seoul: +9 h). Default 9 h. */
  readonly utcOffsetMs?: number;
  /** Observations beyond [mean / clip, mean * clip] are clipped. Default 3. */
  readonly clip?: number;
  /** Pseudo-samples of the all-day estimate a time-of-day bucket is shrunk toward. Default 4. */
  readonly prior?: number;
  /**
   * Pseudo-samples of the stop pair's estimate over every route serving it that a route's own
   * all-day estimate is shrunk toward (0: routes apart). Default 4.
   */
  readonly routePrior?: number;
};

type Cell = { mean: number; samples: number };

/**
 * Spread assumed before buses are seen, as a share of a segment's mean time (σ / mean): on the demo
 * city a segment with a signal (40-110 s) varies by 30-38 s, about half its mean, whatever its length.
 */
export const PRIOR_CV = 0.5;
/** Buses the prior spread counts for against the pooled one learnt. */
const PRIOR_SPREAD_BUSES = 200;
/** Least weight of a new bus in the pooled spread (it forgets over a few hundred buses). */
const SPREAD_ALPHA = 0.003;

/** Per-segment, per-time-of-day smoothed travel times. */
export class SegmentSmoother {
  readonly #alpha: number;
  readonly #bucketMs: number;
  readonly #offsetMs: number;
  readonly #clip: number;
  readonly #prior: number;
  readonly #routePrior: number;
  /** Pooled spread: smoothed squared deviation of a bus's time from its segment's mean, and mean². */
  readonly #spread = { dev2: 0, mean2: 0, n: 0 };
  readonly #cells = new Map<string, Cell>();
  readonly #overall = new Map<string, Cell>();

  constructor(options: SegmentSmootherOptions = {}) {
    this.#alpha = options.alpha ?? 0.15;
    this.#bucketMs = (options.bucketMinutes ?? 30) * 60_000;
    this.#offsetMs = options.utcOffsetMs ?? 9 * 3_600_000;
    this.#clip = options.clip ?? 3;
    this.#prior = options.prior ?? 4;
    this.#routePrior = options.routePrior ?? 4;
    if (!(this.#alpha > 0 && this.#alpha <= 1)) throw new RangeError('alpha must be in (0, 1]');
  }

  /** Time-of-day bucket of an epoch-ms instant. */
  bucketOf(atMs: number): number {
    const dayMs = 86_400_000;
    return Math.floor(((((atMs + this.#offsetMs) % dayMs) + dayMs) % dayMs) / this.#bucketMs);
  }

  /** Record one observed travel time of a segment that started at `departedAt`. */
  observe(
    routeId: string,
    fromStopId: string,
    toStopId: string,
    departedAt: number,
    travelTimeS: number,
  ): void {
    const seg = `${routeId}|${fromStopId}|${toStopId}`;
    this.#learnSpread(this.#overall.get(seg), travelTimeS);
    this.#update(this.#cells, `${seg}|${this.bucketOf(departedAt)}`, travelTimeS);
    this.#update(this.#overall, seg, travelTimeS);
    if (this.#routePrior > 0) this.#update(this.#overall, `*|${fromStopId}|${toStopId}`, travelTimeS);
  }

  /**
   * The estimate for a segment at a time: its time-of-day bucket shrunk toward the segment over all
   * times while the bucket has few observations (empirical Bayes, weight `prior` pseudo-samples), the
   * segment over all times when the bucket has none, else null.
   */
  estimate(routeId: string, fromStopId: string, toStopId: string, atMs: number): SegmentEstimate | null {
    const seg = `${routeId}|${fromStopId}|${toStopId}`;
    const all = this.#allDay(seg, `*|${fromStopId}|${toStopId}`);
    if (all === undefined) return null;
    const cell = this.#cells.get(`${seg}|${this.bucketOf(atMs)}`);
    const w = cell === undefined ? 0 : cell.samples / (cell.samples + this.#prior);
    const meanS = w * (cell?.mean ?? 0) + (1 - w) * all.mean;
    return { meanS, varianceS2: this.pooledCv2 * meanS * meanS, samples: cell?.samples ?? all.samples };
  }

  /**
   * Squared coefficient of variation (σ / mean)² of a bus's segment time, pooled over every
   * segment and shrunk toward {@link PRIOR_CV} while few buses have been seen. One segment's own
   * spread, from the dozen buses a route sends over it in two hours, is mostly noise (a bus's time is
   * its luck at the signals, a heavy right tail); it made the point shown move with it.
   */
  get pooledCv2(): number {
    const s = this.#spread;
    const learnt = s.mean2 > 0 ? s.dev2 / s.mean2 : PRIOR_CV ** 2;
    return (PRIOR_SPREAD_BUSES * PRIOR_CV ** 2 + s.n * learnt) / (PRIOR_SPREAD_BUSES + s.n);
  }

  /** Pool how far a bus's time fell from its segment's mean (a ratio of sums: short segments weigh less). */
  #learnSpread(all: Cell | undefined, x: number): void {
    if (all === undefined || all.samples < 2) return;
    const s = this.#spread;
    const clipped = Math.min(all.mean * this.#clip, Math.max(all.mean / this.#clip, x));
    const w = Math.max(SPREAD_ALPHA, 1 / ++s.n);
    s.dev2 += w * ((clipped - all.mean) ** 2 - s.dev2);
    s.mean2 += w * (all.mean ** 2 - s.mean2);
  }

  /** A route's all-day cell, shrunk toward the stop pair's over every route while it has few samples. */
  #allDay(seg: string, pair: string): Cell | undefined {
    const own = this.#overall.get(seg);
    const pooled = this.#routePrior > 0 ? this.#overall.get(pair) : undefined;
    if (pooled === undefined || pooled.samples <= (own?.samples ?? 0)) return own;
    if (own === undefined) return pooled;
    const w = own.samples / (own.samples + this.#routePrior);
    return {
      mean: w * own.mean + (1 - w) * pooled.mean,
      samples: own.samples,
    };
  }

  #update(map: Map<string, Cell>, key: string, x: number): void {
    const c = map.get(key);
    if (c === undefined) {
      map.set(key, { mean: x, samples: 1 });
      return;
    }
    const clipped = Math.min(c.mean * this.#clip, Math.max(c.mean / this.#clip, x));
    c.mean += this.#alpha * (clipped - c.mean);
    c.samples++;
  }
}
