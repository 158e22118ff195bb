/**
 * @module center/prediction/dwell-model
 * Dwell time at stops, learnt from arrive/depart events of the same bus at the same stop. A bus's dwell
 * grows with the time since the previous bus of its route served the stop: riders arrive at a stop at
 * a steady rate, so a bus with a long gap ahead boards more of them (TCQSM 3rd ed. ch. 6, dwell =
 * door time + boardings × time per boarding; boardings ∝ headway for random rider arrivals). On the
 * demo city's simulator ground truth that headway explains about 45% of the dwell variance (r = 0.67),
 * and it persists along a trip, so it adds up over every stop ahead. The model therefore keeps, per
 * route and stop, smoothed means of dwell and headway, and one slope of dwell on headway fitted over
 * every stop (exponentially weighted least squares); a prediction is the stop's mean dwell plus the
 * slope times how much the bus's headway differs from the stop's usual one. A fuller bus than usual
 * also lets more riders off: with passenger counts the load enters the same fit as a second
 * regressor, used for the part of a bus's excess load its headway does not already explain. Before
 * any observation the scheduled dwell (or a default) is used, and a stop's mean is shrunk toward it
 * while the stop has few dwells.
 */

/** Options of {@link DwellModel}. */
export type DwellModelOptions = {
  /** Smoothing weight of the newest dwell. Default 0.15. */
  readonly alpha?: number;
  /** Dwell assumed when neither observations nor a schedule say otherwise, seconds. Default 20. */
  readonly defaultDwellS?: number;
  /** Use the headway to the bus ahead (false: per-stop mean only). Default true. */
  readonly headway?: boolean;
  /** Pseudo-samples of the scheduled dwell a stop's mean is shrunk toward. Default 2. */
  readonly priorSamples?: number;
  /** Use the bus's passenger load (more riders aboard, more alighting). Default true. */
  readonly load?: boolean;
  /** Headways are capped at this many seconds (beyond it a stop's riders no longer pile up). Default 1800. */
  readonly maxHeadwayS?: number;
};

/** What a dwell prediction can use. */
export type DwellQuery = {
  readonly routeId: string;
  readonly stopId: string;
  /** Seconds between the previous bus of the route reaching the stop and this one, if known. */
  readonly headwayS?: number | null;
  /** Riders aboard the bus above the stop's usual load on arrival (negative: fewer), if known. */
  readonly loadExcess?: number | null;
  /** How much of the load's own effect still holds at this stop (1: all; less further ahead). */
  readonly loadWeight?: number;
  readonly scheduledS?: number | undefined;
};

type Mean = { dwellS: number; headwayS: number | null; passengers: number | null; samples: number };
type Arrival = { readonly vehicleId: string; readonly at: number };

/** Resolved defaults of {@link DwellModelOptions}. */
const DEFAULTS = Object.freeze({
  alpha: 0.15,
  defaultDwellS: 20,
  headway: true,
  load: true,
  maxHeadwayS: 1800,
  priorSamples: 2,
});

/** Dwells below this, seconds, are passes (a bus through a stop it did not serve). */
const MIN_DWELL_S = 0;
/** Dwells above this, seconds, are layovers or lost events, not boarding time. */
const MAX_DWELL_S = 600;
/** Weight of the slope's newest pair: a long memory, since one slope serves every stop. */
const SLOPE_ALPHA = 0.02;
/** Pairs needed before the slope is used. */
const SLOPE_MIN_PAIRS = 20;
/** Open arrivals (no departure yet) kept before the stale ones are swept. */
const OPEN_KEPT = 2000;
/** Arrivals remembered per stop and route (the bus ahead and the one before it, plus slack). */
const ARRIVALS_KEPT = 4;

/** The newest arrival in `list` (oldest first) that passes `keep`. */
function newest(list: readonly Arrival[], keep: (a: Arrival) => boolean): Arrival | null {
  for (let i = list.length - 1; i >= 0; i--) {
    const a = list[i];
    if (a !== undefined && keep(a)) return a;
  }
  return null;
}

/** Smoothed dwell per route and stop, with its dependence on the headway. */
export class DwellModel {
  readonly #o: Required<DwellModelOptions>;
  readonly #byStop = new Map<string, Mean>();
  readonly #byRouteStop = new Map<string, Mean>();
  /** Open arrivals: vehicle|stop → arrival time and the headway it came with. */
  readonly #open = new Map<
    string,
    { at: number; headwayS: number | null; passengers: number | null; key: string }
  >();
  /** Latest arrivals of each route at each stop, newest last. */
  readonly #arrivals = new Map<string, Arrival[]>();
  #sxy = 0;
  #sxx = 0;
  #pairs = 0;
  /** EW second moments of (headway, load, dwell) deviations, for the two-regressor fit. */
  readonly #m = { hh: 0, ll: 0, hl: 0, hy: 0, ly: 0, n: 0 };

  constructor(options: DwellModelOptions = {}) {
    this.#o = { ...DEFAULTS, ...options };
    if (!(this.#o.alpha > 0 && this.#o.alpha <= 1)) throw new RangeError('alpha must be in (0, 1]');
  }

  /**
   * Record a stop event; a depart following an arrive of the same bus at the same stop gives a dwell.
   * `routeId` keys the dwell and the headway by route (without it, by stop only); `passengers` is the
   * bus's load when it arrived (automatic passenger counts), if known.
   */
  observe(
    vehicleId: string,
    stopId: string,
    event: 'arrive' | 'depart',
    at: number,
    routeId = '',
    passengers: number | null = null,
  ): void {
    const key = `${routeId}|${stopId}`;
    const open = `${vehicleId}|${stopId}`;
    if (event === 'arrive') {
      const list = this.#arrivals.get(key) ?? [];
      if (list.some((a) => a.vehicleId === vehicleId && a.at === at)) return;
      const ahead = newest(list, (a) => a.vehicleId !== vehicleId && a.at <= at);
      const headwayS = ahead === null ? null : this.#capHeadway((at - ahead.at) / 1000);
      this.#open.set(open, { at, headwayS, passengers, key });
      if (this.#open.size > OPEN_KEPT) this.#forgetOpenBefore(at - MAX_DWELL_S * 1000);
      list.push({ vehicleId, at });
      list.sort((a, b) => a.at - b.at);
      if (list.length > ARRIVALS_KEPT) list.shift();
      this.#arrivals.set(key, list);
      return;
    }
    const arrived = this.#open.get(open);
    if (arrived === undefined) return;
    this.#open.delete(open);
    const dwellS = (at - arrived.at) / 1000;
    if (dwellS < MIN_DWELL_S || dwellS > MAX_DWELL_S) return;
    this.#update(this.#byStop, stopId, dwellS, null);
    const mean = this.#byRouteStop.get(key);
    if (mean !== undefined && mean.headwayS !== null && arrived.headwayS !== null) {
      // Exponentially weighted least squares of dwell on headway, centred per route and stop.
      const dx = arrived.headwayS - mean.headwayS;
      const dy = dwellS - mean.dwellS;
      this.#sxy += SLOPE_ALPHA * (dx * dy - this.#sxy);
      this.#sxx += SLOPE_ALPHA * (dx * dx - this.#sxx);
      this.#pairs++;
      if (mean.passengers !== null && arrived.passengers !== null) {
        const dl = arrived.passengers - mean.passengers;
        const m = this.#m;
        m.hh += SLOPE_ALPHA * (dx * dx - m.hh);
        m.ll += SLOPE_ALPHA * (dl * dl - m.ll);
        m.hl += SLOPE_ALPHA * (dx * dl - m.hl);
        m.hy += SLOPE_ALPHA * (dx * dy - m.hy);
        m.ly += SLOPE_ALPHA * (dl * dy - m.ly);
        m.n++;
      }
    }
    this.#update(this.#byRouteStop, key, dwellS, arrived.headwayS, arrived.passengers);
  }

  /** When bus `vehicleId` arrived at a stop it has not yet left, epoch ms, or null. */
  openArrivalAt(vehicleId: string, stopId: string): number | null {
    return this.#open.get(`${vehicleId}|${stopId}`)?.at ?? null;
  }

  /** When bus `vehicleId` last arrived at a stop (open or not), epoch ms, if remembered. */
  arrivalAt(routeId: string, stopId: string, vehicleId: string): number | null {
    const list = this.#arrivals.get(`${routeId}|${stopId}`) ?? [];
    return newest(list, (a) => a.vehicleId === vehicleId)?.at ?? null;
  }

  /**
   * The bus of the route that reached the stop last before `vehicleId` (or before `beforeMs` when the
   * bus has not been there): its id and arrival time.
   */
  arrivalAhead(routeId: string, stopId: string, vehicleId: string, beforeMs: number): Arrival | null {
    const list = this.#arrivals.get(`${routeId}|${stopId}`) ?? [];
    const own = newest(list, (a) => a.vehicleId === vehicleId)?.at ?? beforeMs;
    return newest(list, (a) => a.vehicleId !== vehicleId && a.at <= own);
  }

  /** Usual load of the route's buses arriving at a stop, riders, or null when unknown. */
  usualLoad(routeId: string, stopId: string): number | null {
    return this.#byRouteStop.get(`${routeId}|${stopId}`)?.passengers ?? null;
  }

  /**
   * Slopes of dwell on headway (s per s) and on load (s per rider) fitted together (the two are
   * correlated: a bus with a long gap ahead is also fuller), or null until enough triples were seen.
   */
  get loadSlopes(): { readonly headway: number; readonly load: number } | null {
    const m = this.#m;
    const det = m.hh * m.ll - m.hl * m.hl;
    if (!this.#o.headway || !this.#o.load || m.n < SLOPE_MIN_PAIRS || !(det > 1e-9)) return null;
    return {
      headway: Math.max(0, (m.ll * m.hy - m.hl * m.ly) / det),
      load: Math.max(0, (m.hh * m.ly - m.hl * m.hy) / det),
    };
  }

  /** Slope of dwell on headway, s per s of headway, or null until enough pairs were seen. */
  get headwaySlope(): number | null {
    if (!this.#o.headway || this.#pairs < SLOPE_MIN_PAIRS || this.#sxx <= 0) return null;
    return Math.max(0, this.#sxy / this.#sxx);
  }

  /** Expected dwell at a stop, seconds (per stop only: without route or headway). */
  dwellS(stopId: string, scheduledS?: number): number {
    return this.#byStop.get(stopId)?.dwellS ?? this.#fallback(scheduledS);
  }

  /** Expected dwell of a bus of `routeId` at a stop given its headway, seconds. */
  expectedDwellS(q: DwellQuery): number {
    const mean = this.#byRouteStop.get(`${q.routeId}|${q.stopId}`);
    if (mean === undefined) return this.dwellS(q.stopId, q.scheduledS);
    // While a stop has few dwells, lean on the scheduled one (a dwell varies by ±10 s on its own).
    const w = mean.samples / (mean.samples + this.#o.priorSamples);
    const base = w * mean.dwellS + (1 - w) * this.#fallback(q.scheduledS);
    const slope = this.headwaySlope;
    if (slope === null || mean.headwayS === null || q.headwayS === null || q.headwayS === undefined)
      return base;
    const dh = this.#capHeadway(q.headwayS) - mean.headwayS;
    let adjusted = base + slope * dh;
    const both = this.loadSlopes;
    if (both !== null && q.loadExcess !== null && q.loadExcess !== undefined) {
      // The two-regressor fit written as the headway slope alone plus the load's own share: the part
      // of the excess load its headway does not explain (Frisch-Waugh), which fades with `loadWeight`.
      const m = this.#m;
      const explained = m.hh > 0 ? (m.hl / m.hh) * dh : 0;
      adjusted += both.load * (q.loadExcess - explained) * (q.loadWeight ?? 1);
    }
    // A bus right behind another still opens its doors; one far behind is bounded by the cap.
    return Math.max(0.25 * base, adjusted);
  }

  #forgetOpenBefore(ms: number): void {
    for (const [k, a] of this.#open) if (a.at < ms) this.#open.delete(k);
  }

  #capHeadway(headwayS: number): number {
    return Math.min(this.#o.maxHeadwayS, Math.max(0, headwayS));
  }

  #fallback(scheduledS: number | undefined): number {
    return scheduledS !== undefined && scheduledS > 0 ? scheduledS : this.#o.defaultDwellS;
  }

  #update(
    map: Map<string, Mean>,
    key: string,
    dwellS: number,
    headwayS: number | null,
    passengers: number | null = null,
  ): void {
    const m = map.get(key);
    if (m === undefined) {
      map.set(key, { dwellS, headwayS, passengers, samples: 1 });
      return;
    }
    // The first few samples are averaged plainly, then the weight settles at alpha.
    const w = Math.max(this.#o.alpha, 1 / (m.samples + 1));
    m.dwellS += w * (dwellS - m.dwellS);
    if (headwayS !== null)
      m.headwayS = m.headwayS === null ? headwayS : m.headwayS + w * (headwayS - m.headwayS);
    if (passengers !== null)
      m.passengers = m.passengers === null ? passengers : m.passengers + w * (passengers - m.passengers);
    m.samples++;
  }
}
