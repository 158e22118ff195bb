/**
 * @module edge/adaptive/schedule-driven-approaches
 * What the schedule-driven strategy remembers of each approach (unit) between decisions: the
 * advance-loop arrivals still on their way to the stop line, the discharge rate learnt from stop-bar
 * counts (off by default), and the factor learnt from counts on a neighbour-fed approach's predictions.
 * Also the discharge rate the schedule assumes, and the share of it spillback leaves.
 */
import type { AdvanceArrival } from './schedule-driven-clusters.ts';
import type { ScheduleDrivenOptions } from './schedule-driven-options.ts';
import type { UnitState } from './types.ts';

/** Lowest learnt discharge rate, as a share of saturation flow. */
const MIN_DISCHARGE_SHARE = 0.25;
/** Least discharge rate kept under spillback, as a share (a blocked approach still drains slowly). */
const MIN_ROOM = 0.1;
/** Time constant of the neighbour-prediction correction's sums, s. */
const FED_MEMORY_S = 300;
/** Bounds of the correction (vehicles counted per vehicle predicted). */
const FED_SCALE_MIN = 0.3;
const FED_SCALE_MAX = 2;
/** Seconds of advance-loop counts before the strategy's own arrival rate replaces the tracker's. */
const MIN_RATE_WINDOW_S = 60;

type Approach = {
  arrivals: AdvanceArrival[];
  dischargeShare: number;
  /** Vehicles the board predicted past the advance loop, and counted there (decaying sums). */
  fedPredicted: number;
  fedCounted: number;
  /** Advance-loop arrivals and seconds observed, both decaying with `rateMemoryS`. */
  rateVeh: number;
  rateS: number;
  /** Own input-output queue estimate (`ownQueue`), vehicles. */
  queueVeh: number;
};

/** Share of its discharge an approach keeps with the links it feeds this occupied (1 without data). */
export function roomShare(u: UnitState, o: Pick<ScheduleDrivenOptions, 'blockedOccupancyPct'>): number {
  return u.downstreamOccupancyPct === null
    ? 1
    : Math.max(MIN_ROOM, 1 - u.downstreamOccupancyPct / o.blockedOccupancyPct);
}

/** Saturation flow of a unit's lanes, veh/s. */
export function saturationVps(u: UnitState, o: Pick<ScheduleDrivenOptions, 'saturationVphpl'>): number {
  return (o.saturationVphpl * u.lanes) / 3600;
}

/** Per-approach memory of one intersection's schedule-driven strategy. */
export class ApproachMemory {
  readonly #options: ScheduleDrivenOptions;
  readonly #approaches = new Map<string, Approach>();

  constructor(options: ScheduleDrivenOptions) {
    this.#options = options;
  }

  #approach(u: UnitState): Approach {
    const key = String(u.unit);
    let a = this.#approaches.get(key);
    if (a === undefined) {
      a = {
        arrivals: [],
        dischargeShare: 1,
        fedPredicted: 0,
        fedCounted: 0,
        rateVeh: 0,
        rateS: 0,
        queueVeh: 0,
      };
      this.#approaches.set(key, a);
    }
    return a;
  }

  /** Age the advance-loop arrivals, record new ones, learn the discharge rate. */
  observe(u: UnitState, dtS: number): void {
    const a = this.#approach(u);
    const o = this.#options;
    a.arrivals = a.arrivals
      .map((r) => ({ ageS: r.ageS + dtS, vehicles: r.vehicles }))
      .filter((r) => r.ageS < o.advanceTravelS);
    if (u.arrivalsVeh !== null && u.arrivalsVeh > 0) a.arrivals.push({ ageS: 0, vehicles: u.arrivalsVeh });
    if (o.rateMemoryS > 0 && u.arrivalsVeh !== null && dtS > 0) {
      const keep = Math.exp(-dtS / o.rateMemoryS);
      a.rateVeh = a.rateVeh * keep + u.arrivalsVeh;
      a.rateS = a.rateS * keep + dtS;
    }
    if (u.arrivalsVeh !== null && u.departuresVeh !== null) {
      a.queueVeh = Math.max(0, a.queueVeh + u.arrivalsVeh - u.departuresVeh);
      const occupied = u.stopbarsOccupied ?? 0;
      // As the tracker: cleared when a green gaps out, at least one vehicle per occupied loop in red.
      if (u.active && u.gapS !== null && u.gapS >= u.passageS && occupied === 0) a.queueVeh = 0;
      if (!u.active) a.queueVeh = Math.max(a.queueVeh, occupied);
    }
    // A second of green with a queue standing and the stop bar busy shows the discharge rate.
    const saturated =
      u.active &&
      dtS > 0 &&
      u.departuresVeh !== null &&
      (u.greenS ?? 0) > o.startupLostS + 1 &&
      (u.queueVeh ?? 0) >= u.lanes &&
      u.gapS !== null &&
      u.gapS < u.passageS &&
      (u.downstreamOccupancyPct ?? 0) < o.blockedOccupancyPct / 2;
    if (saturated && o.dischargeLearning > 0) {
      const measured = u.departuresVeh! / dtS / saturationVps(u, o);
      a.dischargeShare += o.dischargeLearning * (measured - a.dischargeShare);
      a.dischargeShare = Math.min(1, Math.max(MIN_DISCHARGE_SHARE, a.dischargeShare));
    }
  }

  /**
   * Arrival rate of a unit, veh/s: its advance-loop counts over `rateMemoryS` once a minute has been
   * observed, else the tracker's estimate.
   */
  arrivalVps(u: UnitState): number {
    const a = this.#approach(u);
    if (this.#options.rateMemoryS > 0 && a.rateS >= MIN_RATE_WINDOW_S) return a.rateVeh / a.rateS;
    return (u.arrivalVph ?? 0) / 3600;
  }

  /** Vehicles waiting at a unit: the own estimate (`ownQueue`, with both loop kinds) or the tracker's. */
  queueVeh(u: UnitState): number | null {
    const own = this.#options.ownQueue && u.arrivalsVeh !== null && u.departuresVeh !== null;
    return own ? this.#approach(u).queueVeh : u.queueVeh;
  }

  /** Advance-loop arrivals of a unit still on their way to the stop line. */
  recent(u: UnitState): readonly AdvanceArrival[] {
    return this.#approach(u).arrivals;
  }

  /** Learnt discharge rate of a unit, as a share of its saturation flow. */
  dischargeShare(unit: UnitState['unit']): number {
    return this.#approaches.get(String(unit))?.dischargeShare ?? 1;
  }

  /** Discharge rate of a unit as the schedule assumes it, veh/s. */
  dischargeVps(u: UnitState): number {
    const o = this.#options;
    const room = o.spillback === 'duration' ? roomShare(u, o) : 1;
    return saturationVps(u, o) * this.dischargeShare(u.unit) * room;
  }

  /** Counted over predicted vehicles at a neighbour-fed unit's advance loop (1 until learnt). */
  neighbourScale(unit: UnitState['unit']): number {
    const a = this.#approaches.get(String(unit));
    if (a === undefined || !this.#options.learnNeighbourScale || a.fedPredicted < 10) return 1;
    return Math.min(FED_SCALE_MAX, Math.max(FED_SCALE_MIN, a.fedCounted / a.fedPredicted));
  }

  /**
   * Record what the board said would pass a unit's advance loop during the last `dtS` against what
   * the loop counted: turning shares and projection bias, learnt from counts.
   */
  countFed(u: UnitState, predictedVeh: number, countedVeh: number, dtS: number): void {
    const a = this.#approach(u);
    const keep = Math.exp(-dtS / FED_MEMORY_S);
    a.fedPredicted = a.fedPredicted * keep + predictedVeh;
    a.fedCounted = a.fedCounted * keep + countedVeh;
  }
}
