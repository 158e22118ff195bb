/**
 * @module center/prediction/dwell-model
 * Dwell time at stops, learnt from arrive/depart events of the same bus at the same stop and smoothed
 * per stop; before any observation the scheduled dwell (or a default) is used.
 */

/** Options of {@link DwellModel}. */
export type DwellModelOptions = {
  /** Smoothing weight of the newest dwell. Default 0.3. */
  readonly alpha?: number;
  /** Dwell assumed when neither observations nor a schedule say otherwise, seconds. Default 20. */
  readonly defaultDwellS?: number;
};

/** Smoothed dwell per stop. */
export class DwellModel {
  readonly #alpha: number;
  readonly #defaultS: number;
  readonly #dwell = new Map<string, number>();
  readonly #arrivals = new Map<string, number>();

  constructor(options: DwellModelOptions = {}) {
    this.#alpha = options.alpha ?? 0.3;
    this.#defaultS = options.defaultDwellS ?? 20;
  }

  /** Record a stop event; a depart following an arrive of the same bus at the same stop gives a dwell. */
  observe(vehicleId: string, stopId: string, event: 'arrive' | 'depart', at: number): void {
    const key = `${vehicleId}|${stopId}`;
    if (event === 'arrive') {
      this.#arrivals.set(key, at);
      return;
    }
    const arrived = this.#arrivals.get(key);
    if (arrived === undefined) return;
    this.#arrivals.delete(key);
    const dwellS = (at - arrived) / 1000;
    if (dwellS < 0 || dwellS > 600) return;
    const prev = this.#dwell.get(stopId);
    this.#dwell.set(stopId, prev === undefined ? dwellS : prev + this.#alpha * (dwellS - prev));
  }

  /** Expected dwell at a stop, seconds. */
  dwellS(stopId: string, scheduledS?: number): number {
    return (
      this.#dwell.get(stopId) ?? (scheduledS !== undefined && scheduledS > 0 ? scheduledS : this.#defaultS)
    );
  }
}
