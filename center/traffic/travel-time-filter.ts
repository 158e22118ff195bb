/**
 * @module center/traffic/travel-time-filter
 * The published link travel time: each link's measured travel time (loops, else probes; link-traffic.ts)
 * filtered and smoothed over its 30 s intervals, as traffic centers publish link times (Korean ITS and
 * Seoul TOPIS give link times filtered over 30 s-5 min intervals). A loop interval samples one part of a
 * signal cycle (140-160 s on the demo city): loops under a red-phase queue read ~3 km/h, ~750 s for a
 * 600 m link, and the next interval reads 40 km/h. Taken raw, routes and sign texts jumped by minutes
 * every interval. Per link, at each new reading:
 * - **Floor.** A reading is never below the free-flow time (HCM: link time is free-flow running time
 *   plus delay).
 * - **Band.** A reading more than `band` times the smoothed time (or less than its 1/`band`) is clipped to
 *   the band's edge, unless readings beyond the band on the same side have lasted `persistS`: then it is
 *   taken whole. With 30 s intervals and the default 30 s, a single-interval spike moves the time by
 *   at most `band`-1 times its smoothing share, and a second slow interval in a row is believed (an
 *   incident, or its clearing, shows from its second interval on).
 * - **Smoothing.** Exponential, with time constant `timeConstantS` on the readings' own clock
 *   (weight 1 - exp(-dt/T)): 90 s, about half the longest cycle, so each reading weighs ~28% and the
 *   last 5 min (10 intervals) carry 96% of the estimate (Korean ITS publishes 5 min link times).
 *   Readings taken whole after persisting use `changeTimeConstantS` (60 s): a change that survived the
 *   band test is a change of state, not noise, and shows ~63% within 60 s of being believed, so a
 *   blockage that takes a 40 s link to 400 s reads ~185 s one minute after it began and ~320 s after
 *   two. (Worst one-minute max/min of four corridors' route times over a recorded demo-city hour: raw
 *   readings 2.0-3.4x; filtered with 30 s here 1.23-1.49x, 60 s 1.14-1.29x, 90 s 1.10-1.16x.)
 * - **Missing readings** (no vehicle in the interval, unhealthy loops and no probes) keep the smoothed
 *   time; a link with no reading for `maxAgeMs` is reported as free flow and starts again from it.
 * The raw readings stay where other consumers take them: the incident detectors read the link states
 * and probe traversals themselves, arrival prediction its own segment times.
 */

/** Options of {@link filterTravelTime}. */
export type TravelTimeFilterOptions = {
  /** Smoothing time constant, s. Default 90. */
  readonly timeConstantS?: number;
  /** Time constant for readings beyond the band that persisted, s. Default 60. */
  readonly changeTimeConstantS?: number;
  /** A reading beyond this factor of the smoothed time is clipped unless it persists. Default 1.5. */
  readonly band?: number;
  /** Readings beyond the band on one side for this long are taken whole, s. Default 30 (2 intervals). */
  readonly persistS?: number;
  /** Step assumed for the first reading of a link (which starts from free flow), s. Default 30. */
  readonly firstStepS?: number;
};

/** A link's filtered travel time after its latest reading. */
export type FilteredTravelTime = {
  readonly travelTimeS: number;
  /** Data time of the latest reading, epoch ms. */
  readonly atMs: number;
  /** Side of the band the latest reading was on: +1 above, -1 below, 0 within. */
  readonly outside: -1 | 0 | 1;
  /** When the current run of readings beyond the band on that side began (data time), or null. */
  readonly outsideSinceMs: number | null;
  /** The latest reading as measured (floored at free flow), s. */
  readonly rawTravelTimeS: number;
};

const DEFAULTS: Readonly<Required<TravelTimeFilterOptions>> = Object.freeze({
  timeConstantS: 90,
  changeTimeConstantS: 60,
  band: 1.5,
  persistS: 30,
  firstStepS: 30,
});

/**
 * The filtered travel time after a reading `measuredS` taken at `atMs` (data time), from the previous
 * filtered time (null: the link starts from its free-flow time `freeFlowS`). A reading not newer than
 * the previous one changes nothing.
 */
export function filterTravelTime(
  prev: FilteredTravelTime | null,
  measuredS: number,
  atMs: number,
  freeFlowS: number,
  options: TravelTimeFilterOptions = {},
): FilteredTravelTime {
  const o = { ...DEFAULTS, ...options };
  if (prev !== null && atMs <= prev.atMs) return prev;
  const last: FilteredTravelTime = prev ?? {
    travelTimeS: freeFlowS,
    atMs: atMs - o.firstStepS * 1000,
    outside: 0,
    outsideSinceMs: null,
    rawTravelTimeS: freeFlowS,
  };
  const reading = Math.max(freeFlowS, measuredS);
  const hi = last.travelTimeS * o.band;
  const lo = last.travelTimeS / o.band;
  const outside = reading > hi ? 1 : reading < lo ? -1 : 0;
  const since = outside === 0 ? null : outside === last.outside ? (last.outsideSinceMs ?? atMs) : atMs;
  const persisted = since !== null && atMs - since >= o.persistS * 1000;
  const taken = outside === 0 || persisted ? reading : Math.min(hi, Math.max(lo, reading));
  const tauS = persisted ? o.changeTimeConstantS : o.timeConstantS;
  const weight = 1 - Math.exp(-(atMs - last.atMs) / 1000 / tauS);
  return {
    travelTimeS: Math.max(freeFlowS, last.travelTimeS + weight * (taken - last.travelTimeS)),
    atMs,
    outside,
    outsideSinceMs: since,
    rawTravelTimeS: reading,
  };
}

/** Filtered travel times of many links, fed each link's readings in data-time order. */
export class LinkTravelTimes {
  readonly #byLink = new Map<string, FilteredTravelTime>();
  readonly #o: TravelTimeFilterOptions;
  readonly #maxAgeMs: number;

  /** `maxAgeMs`: a link with no reading for this long starts again from free flow (default 5 min). */
  constructor(options: TravelTimeFilterOptions & { readonly maxAgeMs?: number } = {}) {
    this.#o = options;
    this.#maxAgeMs = options.maxAgeMs ?? 300_000;
  }

  /** A link's reading (travel time, s) at data time `atMs`; returns the filtered time after it. */
  observe(linkId: string, measuredS: number, atMs: number, freeFlowS: number): FilteredTravelTime {
    const prev = this.#byLink.get(linkId) ?? null;
    const fresh = prev !== null && atMs - prev.atMs <= this.#maxAgeMs ? prev : null;
    const next = filterTravelTime(fresh, measuredS, atMs, freeFlowS, this.#o);
    this.#byLink.set(linkId, next);
    return next;
  }

  /** A link's filtered time at `nowMs`, or null when it has had no reading within `maxAgeMs`. */
  get(linkId: string, nowMs: number): FilteredTravelTime | null {
    const f = this.#byLink.get(linkId);
    return f === undefined || nowMs - f.atMs > this.#maxAgeMs ? null : f;
  }
}
