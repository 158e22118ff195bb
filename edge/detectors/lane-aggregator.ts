/**
 * @module edge/detectors/lane-aggregator
 * Per-lane interval aggregates (volume, occupancy, speed) from loop detector actuation edges, as a
 * controller's detector module computes NTCIP 1202 volume/occupancy. Speed from a single loop uses the
 * effective vehicle length over mean on-time: v = (L_vehicle + L_loop) / t_on (the g-factor method,
 * Athol 1965; FHWA Traffic Detector Handbook §2).
 */

/** One closed aggregation interval of one detector. */
export type LaneAggregate = {
  readonly detectorId: string;
  readonly intervalStart: number;
  readonly intervalS: number;
  readonly volume: number;
  readonly occupancyPct: number;
  readonly speedKmh: number | null;
  /** Where the figures came from: the device's own report or the edge's count of actuations. */
  readonly source: 'report' | 'actuation';
  /** Pulses shorter than the chatter threshold (actuation source only). */
  readonly shortPulses: number;
};

type Bucket = { volume: number; occupiedMs: number; shortPulses: number; onTimeMs: number; pulses: number };

/** Options of a {@link LaneAggregator}. */
export type LaneAggregatorOptions = {
  readonly detectorId: string;
  readonly intervalS: number;
  /** Loop length plus mean vehicle length, metres, for the speed estimate. Default 2 + 5. */
  readonly effectiveLengthM?: number;
  /** Pulses shorter than this count as chatter, ms. Default 60. */
  readonly shortPulseMs?: number;
};

/** Turns one detector's on/off edges into closed interval aggregates. */
export class LaneAggregator {
  readonly detectorId: string;
  readonly #intervalMs: number;
  readonly #effectiveLengthM: number;
  readonly #shortPulseMs: number;
  readonly #buckets = new Map<number, Bucket>();
  #occupiedSince: number | null = null;
  #lastOffMs: number | null = null;
  #countTotal = 0;
  #occupiedMsTotal = 0;
  #accountedUntil = 0;
  #closedUntil = 0;

  constructor(options: LaneAggregatorOptions) {
    this.detectorId = options.detectorId;
    this.#intervalMs = options.intervalS * 1000;
    this.#effectiveLengthM = options.effectiveLengthM ?? 7;
    this.#shortPulseMs = options.shortPulseMs ?? 60;
  }

  /** Since when the loop has been occupied, or null when free. */
  get occupiedSince(): number | null {
    return this.#occupiedSince;
  }

  /** Vehicles counted (on edges) since the aggregator was created. */
  get countTotal(): number {
    return this.#countTotal;
  }

  /** Device time of the last `off` edge, or null. */
  get lastOffMs(): number | null {
    return this.#lastOffMs;
  }

  /** Total time the loop has been occupied up to `nowMs`, ms. */
  occupiedMsTotal(nowMs: number): number {
    const current = this.#occupiedSince === null ? 0 : Math.max(0, nowMs - this.#occupiedSince);
    return this.#occupiedMsTotal + current;
  }

  /** Start of the interval containing `tMs`. */
  intervalOf(tMs: number): number {
    return Math.floor(tMs / this.#intervalMs) * this.#intervalMs;
  }

  /**
   * A vehicle entered (`on`) or left (`off`) the loop at device time `tMs`. Returns false for an `on`
   * edge whose interval is already closed: the vehicle counts towards `countTotal` but in no interval.
   */
  actuation(state: 'on' | 'off', tMs: number): boolean {
    if (state === 'on') {
      if (this.#occupiedSince !== null) return true;
      this.#occupiedSince = tMs;
      this.#accountedUntil = tMs;
      this.#countTotal++;
      const b = this.#bucket(tMs);
      if (b !== undefined) b.volume++;
      return b !== undefined;
    }
    if (this.#occupiedSince === null) return true;
    const onMs = tMs - this.#occupiedSince;
    this.#addOccupancy(this.#accountedUntil, tMs);
    const b = this.#bucket(this.#occupiedSince) ?? this.#bucket(tMs);
    if (b !== undefined) {
      b.pulses++;
      b.onTimeMs += Math.max(0, onMs);
      if (onMs < this.#shortPulseMs) b.shortPulses++;
    }
    this.#occupiedMsTotal += Math.max(0, onMs);
    this.#lastOffMs = tMs;
    this.#occupiedSince = null;
    return true;
  }

  /** Close and return every interval that ended at or before `untilMs`, oldest first. */
  close(untilMs: number): LaneAggregate[] {
    const out: LaneAggregate[] = [];
    const lastEnd = this.intervalOf(untilMs);
    if (this.#occupiedSince !== null && this.#accountedUntil < lastEnd) {
      this.#addOccupancy(this.#accountedUntil, lastEnd);
      this.#accountedUntil = lastEnd;
    }
    if (this.#closedUntil === 0) this.#closedUntil = Math.min(lastEnd, ...this.#buckets.keys());
    for (let start = this.#closedUntil; start + this.#intervalMs <= lastEnd; start += this.#intervalMs) {
      const b = this.#buckets.get(start) ?? {
        volume: 0,
        occupiedMs: 0,
        shortPulses: 0,
        onTimeMs: 0,
        pulses: 0,
      };
      this.#buckets.delete(start);
      const meanOnS = b.pulses > 0 ? b.onTimeMs / b.pulses / 1000 : 0;
      const speedKmh = meanOnS > 0 ? Math.min(300, (3.6 * this.#effectiveLengthM) / meanOnS) : null;
      out.push({
        detectorId: this.detectorId,
        intervalStart: start,
        intervalS: this.#intervalMs / 1000,
        volume: b.volume,
        occupancyPct: Math.min(100, (100 * b.occupiedMs) / this.#intervalMs),
        speedKmh,
        source: 'actuation',
        shortPulses: b.shortPulses,
      });
    }
    this.#closedUntil = Math.max(this.#closedUntil, lastEnd);
    return out;
  }

  #bucket(tMs: number): Bucket | undefined {
    const start = this.intervalOf(tMs);
    if (this.#closedUntil !== 0 && start < this.#closedUntil) return undefined;
    let b = this.#buckets.get(start);
    if (b === undefined) {
      b = { volume: 0, occupiedMs: 0, shortPulses: 0, onTimeMs: 0, pulses: 0 };
      this.#buckets.set(start, b);
    }
    return b;
  }

  #addOccupancy(fromMs: number, toMs: number): void {
    let t = fromMs;
    while (t < toMs) {
      const end = Math.min(toMs, this.intervalOf(t) + this.#intervalMs);
      const b = this.#bucket(t);
      if (b !== undefined) b.occupiedMs += end - t;
      t = end;
    }
  }
}
