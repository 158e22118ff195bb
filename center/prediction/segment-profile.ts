/**
 * @module center/prediction/segment-profile
 * Time a bus still needs to the next stop from where it is on the segment, learnt from the buses
 * before it: every progress report of a bus on a segment (its share of the segment still ahead and
 * whether it stood still) is held until that bus reaches the segment's end, and the time it then
 * took updates a smoothed mean for that place and state (the "historical data" family of AVL
 * predictors, e.g. Jeong & Rilett 2004, here by position within the segment). A share of the
 * distance says nothing about where a segment's signal is: a bus past the stop line has only the
 * drive left, one before it may still wait a whole red; a bus standing in the queue needs the rest
 * of the red. The profile learns that from what earlier buses took from the same spot.
 */

/** Options of {@link SegmentProfile}. */
export type SegmentProfileOptions = {
  /** Bins the segment is cut into by share of its length. Default 8. */
  readonly bins?: number;
  /** Weight of the newest observation once a cell has a few. Default 0.1. */
  readonly alpha?: number;
  /** Observations a cell needs before it is used. Default 3. */
  readonly minSamples?: number;
  /**
   * A standing bus is told apart by how long it has stood: below the first of these seconds, below the
   * second, and so on (the longer a bus has waited at a red, the less of the red is left). Default
   * [20, 50].
   */
  readonly standingTiersS?: readonly number[];
  /** Progress reports older than this are dropped unmatched (bus lost, trip ended), ms. Default 15 min. */
  readonly maxPendingMs?: number;
};

/** Where a bus is on its segment. */
export type SegmentPlace = {
  readonly routeId: string;
  readonly fromStopId: string;
  readonly toStopId: string;
  /** Share of the segment's length still ahead, 0-1. */
  readonly shareLeft: number;
  readonly standing: boolean;
  /** How long the bus has stood still so far, seconds, when known. */
  readonly standingForS?: number | null;
  /**
   * The bus's situation at the signal ahead (signal-wait `stopLineClass`); null: none. Learnt pooled
   * over every segment, as how much longer than its place's mean a bus of that situation takes.
   */
  readonly signal?: string | null;
};

/** Learnt time to the segment's end from a place, seconds, with its spread and sample count. */
export type ProfileEstimate = {
  readonly meanS: number;
  readonly varianceS2: number;
  readonly samples: number;
};

type Cell = { mean: number; variance: number; samples: number };
type Pending = {
  readonly key: string;
  readonly toStopId: string;
  readonly at: number;
  readonly signal: string | null;
};

/** Running mean of the time beyond a place's mean, of every bus in one signal situation. */
type Offset = { mean: number; samples: number };

/** Outcomes a signal situation needs before its offset is used. */
const SIGNAL_MIN_SAMPLES = 30;
/** Least weight of a new outcome in a situation's offset (forgets over a few hundred buses). */
const SIGNAL_ALPHA = 0.01;

const DEFAULTS = Object.freeze({
  bins: 8,
  alpha: 0.1,
  minSamples: 3,
  maxPendingMs: 900_000,
  standingTiersS: Object.freeze([20, 50]) as readonly number[],
});

/** Learnt remaining time to the next stop by place on the segment and standing or moving. */
export class SegmentProfile {
  readonly #o: Required<SegmentProfileOptions>;
  readonly #cells = new Map<string, Cell>();
  readonly #pending = new Map<string, Pending[]>();
  /** Per signal situation (and moving or standing), and over all situations together. */
  readonly #offsets = new Map<string, Offset>();

  constructor(options: SegmentProfileOptions = {}) {
    this.#o = { ...DEFAULTS, ...options };
    if (!(this.#o.bins >= 1)) throw new RangeError('bins must be at least 1');
    if (!(this.#o.alpha > 0 && this.#o.alpha <= 1)) throw new RangeError('alpha must be in (0, 1]');
  }

  #key(p: SegmentPlace): string {
    const share = Math.min(1, Math.max(0, p.shareLeft));
    const bin = Math.min(this.#o.bins - 1, Math.floor(share * this.#o.bins));
    let state = 'm';
    if (p.standing) {
      const forS = p.standingForS ?? 0;
      const tier = this.#o.standingTiersS.findIndex((t) => forS < t);
      state = `s${tier < 0 ? this.#o.standingTiersS.length : tier}`;
    }
    return `${p.routeId}|${p.fromStopId}|${p.toStopId}|${bin}|${state}`;
  }

  /** A bus reported being at `place` at `at` (epoch ms). */
  observeProgress(vehicleId: string, place: SegmentPlace, at: number): void {
    const list = this.#pending.get(vehicleId) ?? [];
    while (list.length > 0 && at - (list[0]?.at ?? at) > this.#o.maxPendingMs) list.shift();
    list.push({ key: this.#key(place), toStopId: place.toStopId, at, signal: signalKey(place) });
    this.#pending.set(vehicleId, list);
  }

  /** A bus reached a stop at `at`: what it took from each place it reported on the way is learnt. */
  observeArrival(vehicleId: string, stopId: string, at: number): void {
    const list = this.#pending.get(vehicleId);
    if (list === undefined) return;
    for (const p of list)
      if (p.toStopId === stopId && p.at <= at) this.#update(p.key, (at - p.at) / 1000, p.signal);
    const rest = list.filter((p) => p.toStopId !== stopId && at - p.at <= this.#o.maxPendingMs);
    if (rest.length === 0) this.#pending.delete(vehicleId);
    else this.#pending.set(vehicleId, rest);
  }

  /** A bus left the service (expired or finished): forget what it reported. */
  forget(vehicleId: string): void {
    this.#pending.delete(vehicleId);
  }

  /** Learnt time to the segment's end from `place`, or null while the place has too few samples. */
  estimate(place: SegmentPlace): ProfileEstimate | null {
    const c = this.#cells.get(this.#key(place));
    if (c === undefined || c.samples < this.#o.minSamples) return null;
    const signal = signalKey(place);
    const own = signal === null ? undefined : this.#offsets.get(signal);
    const all = this.#offsets.get('all');
    const shiftS =
      own === undefined || all === undefined || own.samples < SIGNAL_MIN_SAMPLES ? 0 : own.mean - all.mean;
    return { meanS: Math.max(0, c.mean + shiftS), varianceS2: c.variance, samples: c.samples };
  }

  #update(key: string, x: number, signal: string | null = null): void {
    const c = this.#cells.get(key);
    if (signal !== null && c !== undefined && c.samples >= this.#o.minSamples) {
      // How much longer than its place's mean this bus took, pooled per situation and over all.
      for (const k of [signal, 'all']) {
        const o = this.#offsets.get(k) ?? { mean: 0, samples: 0 };
        o.samples++;
        o.mean += Math.max(SIGNAL_ALPHA, 1 / o.samples) * (x - c.mean - o.mean);
        this.#offsets.set(k, o);
      }
    }
    if (c === undefined) {
      this.#cells.set(key, { mean: x, variance: (0.3 * x + 5) ** 2, samples: 1 });
      return;
    }
    // Plain average over the first samples, then exponential forgetting (West 1979 form).
    const w = Math.max(this.#o.alpha, 1 / (c.samples + 1));
    const diff = x - c.mean;
    c.mean += w * diff;
    c.variance = (1 - w) * (c.variance + w * diff * diff);
    c.samples++;
  }
}

/** The pooled situation of a place: its signal class and whether the bus stands, or null. */
function signalKey(p: SegmentPlace): string | null {
  return p.signal === undefined || p.signal === null ? null : `${p.signal}|${p.standing ? 's' : 'm'}`;
}
