/**
 * @module edge/adaptive/schedule-driven
 * Schedule-driven control, SURTRAC-like (Xie, Smith & Barlow 2012, "Schedule-driven intersection
 * control", Transp. Res. C 24; Smith et al. 2013, "SURTRAC", ICAPS): every second each intersection
 * turns its approaching vehicles into clusters (queue, advance-loop arrivals, predicted arrivals), and
 * a forward-recursion dynamic programme finds the order of serving them that least delays them within
 * minimum and maximum greens and clearances. Rolling horizon: only the first step is applied — if
 * the schedule serves the green phase first its green is held, otherwise it is forced off (once its
 * minimum is met) and the next phase is called. The controller stays the safety guarantor: the
 * strategy only holds, forces off and calls.
 *
 * Schedule phases are the intersection's stages, or for NEMA its barrier sides (the two rings cross
 * a barrier together); within a held side a ring moves on from a phase with no vehicles to a later
 * phase of the same side that has some. Each approach's discharge rate is learnt from stop-bar counts
 * while a queue discharges (permissive turns from a shared lane discharge well below saturation flow)
 * and scaled down when the links it feeds are occupied (spillback).
 *
 * With a {@link NeighbourBoard} (the edge passes one per region) and `shareOutflows`, each
 * intersection publishes, per exit link, the outflow its schedule projects, and an approach fed by a
 * neighbour of the same board takes its predicted arrivals from that outflow (delayed by the link's
 * travel time, scaled by the turning share) instead of from its learnt arrival rate.
 */
import { ConfigError } from '../../core/index.ts';
import { blind, greenDirectives, unitsWithDemand } from './directives.ts';
import type { NeighbourBoard, OutflowInterval } from './neighbour-board.ts';
import { projectOutflow } from './neighbour-board.ts';
import type { AdvanceArrival, Cluster, ClusterOptions } from './schedule-driven-clusters.ts';
import { approachClusters, DEFAULT_CLUSTER_OPTIONS, mergeParallel } from './schedule-driven-clusters.ts';
import type { Schedule, SchedulePhase } from './schedule-driven-search.ts';
import { fedArrivals, greenWindows, publishOutflows } from './schedule-driven-neighbours.ts';
import { searchSchedule } from './schedule-driven-search.ts';
import type { ControlDecision, ControlInput, SignalStrategy, UnitState } from './types.ts';

/** Options of {@link ScheduleDrivenStrategy}. */
export type ScheduleDrivenOptions = ClusterOptions & {
  /** Saturation flow per lane, veh/h (HCM base 1900). */
  readonly saturationVphpl: number;
  /** Start-up lost time of a green that finds a queue, s (HCM 2 s). */
  readonly startupLostS: number;
  /** Longest green this strategy plans, s (the unit's own maximum when smaller). */
  readonly greenCapS: number;
  /** Downstream occupancy at which the approach cannot discharge at all, %. */
  readonly blockedOccupancyPct: number;
  /**
   * How spillback (occupied links downstream) enters the schedule: `weight` counts the approach's
   * vehicles less (they cannot move anyway), `duration` slows its discharge, `none` ignores it.
   * `duration` makes a blocked approach look slow, and a least-delay schedule serves slow approaches
   * last: on the congested 4x4 grid it starved them into gridlock (119 s against 71 s, evaluation
   * README).
   */
  readonly spillback: 'weight' | 'duration' | 'none';
  /**
   * Learn each approach's discharge rate from stop-bar counts (smoothing per saturated second, 0: off).
   * Off by default for the same reason: an approach learnt slow is served last (congested grid 89 s).
   */
  readonly dischargeLearning: number;
  /** A unit with vehicles waiting this long is served next whatever the schedule says, s. */
  readonly maxRedS: number;
  /** At most this many clusters per schedule phase (bounds the search's states). */
  readonly maxPhaseClusters: number;
  /**
   * Share projected outflows with the neighbours of {@link neighbours} and predict an approach fed by
   * one from its outflow (SURTRAC's coordination). Needs `neighbours`. Off by default: on the 4x4 grid
   * it lost at both heavy levels and both seeds (seed 1: 39.3 -> 42.3 s at 7,500 veh/h, 70.7 -> 75.3 s
   * at 10,000; seed 2: 36.6 -> 38.6, 68.8 -> 70.0; evaluation README).
   */
  readonly shareOutflows: boolean;
  /** The region's board of projected outflows (the edge's signal supervisor makes one), or null. */
  readonly neighbours: NeighbourBoard | null;
  /**
   * Neighbour-predicted arrivals are taken up to this far ahead, s. As far as the learnt-rate stream
   * (`predictS`): longer horizons did worse on the grid (25 s: 44.7, 30 s: 46.5 against 42.3 s, heavy).
   */
  readonly neighbourHorizonS: number;
  /**
   * `replace`: a neighbour-fed approach predicts only from the neighbour's outflow; `beyond`: it keeps
   * its learnt-rate stream up to `predictS` and takes the neighbour's outflow after that; `volume`
   * keeps the stream's even spread but takes its rate from the neighbour's outflow up to `predictS`.
   */
  readonly neighbourStream: 'replace' | 'beyond' | 'volume';
  /** Scale a neighbour-fed approach's predictions by its counted over predicted advance-loop arrivals. */
  readonly learnNeighbourScale: boolean;
};

/**
 * Defaults. Joining arrivals up to 6 s apart (the paper joins at about a saturation headway) makes an
 * approach's queue, arrivals and 15 s of predicted stream one cluster: a green then runs while its
 * stream outweighs the waiting queues, rather than ending at every small gap in a dense stream
 * (4x4 grid, 7,500 / 10,000 veh/h: 39.3 / 70.7 s; joining at 2 s 44.4 / 104.9 s; no prediction
 * 44.4 / 95.1 s; evaluation README).
 */
export const DEFAULT_SCHEDULE_DRIVEN_OPTIONS: ScheduleDrivenOptions = Object.freeze({
  ...DEFAULT_CLUSTER_OPTIONS,
  joinGapS: 6,
  predictS: 15,
  saturationVphpl: 1900,
  startupLostS: 2,
  greenCapS: 60,
  blockedOccupancyPct: 80,
  spillback: 'weight',
  dischargeLearning: 0,
  maxRedS: 120,
  maxPhaseClusters: 6,
  shareOutflows: false,
  neighbours: null,
  neighbourHorizonS: 15,
  neighbourStream: 'replace',
  learnNeighbourScale: true,
});

/** Arrival rate assumed on a unit without detectors, veh/h per lane. */
const UNDETECTED_VPHPL = 300;
/** Lowest learnt discharge rate, as a share of saturation flow. */
const MIN_DISCHARGE_SHARE = 0.25;
/** Least discharge rate kept under spillback, as a share (a blocked approach still drains slowly). */
const MIN_ROOM = 0.1;

type Approach = {
  arrivals: AdvanceArrival[];
  dischargeShare: number;
  /** Vehicles the board predicted past the advance loop, and counted there (decaying sums). */
  fedPredicted: number;
  fedCounted: number;
};

/** Time constant of the neighbour-prediction correction's sums, s. */
const FED_MEMORY_S = 300;
/** Bounds of the correction (vehicles counted per vehicle predicted). */
const FED_SCALE_MIN = 0.3;
const FED_SCALE_MAX = 2;

/** A schedule phase and the units it serves. */
type PhaseGroup = { readonly units: readonly UnitState[] };

/** SURTRAC-like schedule-driven strategy for one intersection. */
export class ScheduleDrivenStrategy implements SignalStrategy {
  readonly name = 'schedule-driven';
  readonly #options: ScheduleDrivenOptions;
  readonly #approaches = new Map<string, Approach>();
  #lastMs: number | null = null;
  /** Units per approach link at this intersection (a link served by one unit sends it everything). */
  #servingUnits = new Map<string, number>();
  /** Clusters of each unit at this decision, as scheduled. */
  readonly #clusters = new Map<string, Cluster[]>();

  constructor(options: Partial<ScheduleDrivenOptions> = {}) {
    this.#options = validated(Object.freeze({ ...DEFAULT_SCHEDULE_DRIVEN_OPTIONS, ...options }));
  }

  decide(input: ControlInput): ControlDecision {
    const units = input.units;
    const dtS = this.#lastMs === null ? 0 : Math.max(0, (input.nowMs - this.#lastMs) / 1000);
    this.#lastMs = input.nowMs;
    for (const u of units) this.#observe(u, dtS);
    if (this.#options.shareOutflows && this.#options.learnNeighbourScale && dtS > 0)
      for (const u of units) this.#learnFedScale(u, input.nowMs / 1000, dtS);
    if (blind(units)) return { kind: 'local', mode: 'fixed', planId: input.localPlan.id };
    const demand = unitsWithDemand(units);
    for (const u of units) if (u.queueVeh === null) demand.add(String(u.unit));
    const groups = phaseGroups(units);
    const current = groups.findIndex((g) => g.units.some((u) => u.active));
    const now = groups[current];
    // In a clearance interval nothing can be ended; keep the calls up.
    if (now === undefined) return greenDirectives(units, new Set(), demand);
    const active = now.units.filter((u) => u.active);
    const greenS = Math.max(...active.map((u) => u.greenS ?? 0));
    const board = this.#options.shareOutflows ? this.#options.neighbours : null;
    const nowS = input.nowMs / 1000;
    this.#servingUnits = new Map();
    for (const u of units)
      for (const l of u.fromLinks) this.#servingUnits.set(l, (this.#servingUnits.get(l) ?? 0) + 1);
    this.#clusters.clear();
    const phases = groups.map((g) =>
      this.#phase(g, clusterBudget(groups.length, this.#options), board === null ? null : nowS),
    );
    const end = new Set<string>();
    const call = new Set(demand);
    const starving = units.some(
      (u) => !u.active && demand.has(String(u.unit)) && (u.redS ?? 0) >= this.#options.maxRedS,
    );
    const capped = greenS >= (phases[current]?.maxGreenS ?? Infinity);
    let switching = starving || capped;
    const schedule =
      !switching || board !== null
        ? searchSchedule({
            phases,
            currentPhase: current,
            currentGreenS: greenS,
            startupLostS: this.#options.startupLostS,
          })
        : null;
    if (board !== null && schedule !== null) this.#publish(board, nowS, dtS, units, groups, schedule);
    if (!switching && schedule !== null) {
      const first = schedule.entries[0];
      if (first !== undefined && first.phase !== current) {
        switching = true;
        for (const u of groups[first.phase]?.units ?? []) call.add(String(u.unit));
      }
    }
    if (switching) {
      for (const u of active) if ((u.greenS ?? 0) >= u.minGreenS) end.add(String(u.unit));
    } else {
      // Within a held side, a ring leaves a phase with nothing to serve for a later one that has.
      for (const u of active) {
        const idle = !demand.has(String(u.unit)) && u.gapS !== null && u.gapS >= u.passageS;
        const successor = now.units.some((w) => !w.active && w.ring === u.ring && demand.has(String(w.unit)));
        if (idle && successor && (u.greenS ?? 0) >= u.minGreenS) end.add(String(u.unit));
      }
    }
    return greenDirectives(units, end, call);
  }

  /** Learnt discharge rate of a unit, as a share of its saturation flow. */
  dischargeShare(unit: UnitState['unit']): number {
    return this.#approaches.get(String(unit))?.dischargeShare ?? 1;
  }

  #approach(u: UnitState): Approach {
    const key = String(u.unit);
    let a = this.#approaches.get(key);
    if (a === undefined) {
      a = { arrivals: [], dischargeShare: 1, fedPredicted: 0, fedCounted: 0 };
      this.#approaches.set(key, a);
    }
    return a;
  }

  /** Age the advance-loop arrivals, record new ones, learn the discharge rate. */
  #observe(u: UnitState, dtS: number): void {
    const a = this.#approach(u);
    const o = this.#options;
    a.arrivals = a.arrivals
      .map((r) => ({ ageS: r.ageS + dtS, vehicles: r.vehicles }))
      .filter((r) => r.ageS < o.advanceTravelS);
    if (u.arrivalsVeh !== null && u.arrivalsVeh > 0) a.arrivals.push({ ageS: 0, vehicles: u.arrivalsVeh });
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
      const measured = u.departuresVeh! / dtS / this.#saturationVps(u);
      a.dischargeShare += o.dischargeLearning * (measured - a.dischargeShare);
      a.dischargeShare = Math.min(1, Math.max(MIN_DISCHARGE_SHARE, a.dischargeShare));
    }
  }

  #saturationVps(u: UnitState): number {
    return (this.#options.saturationVphpl * u.lanes) / 3600;
  }

  /** Publish, per exit link, the outflow this schedule projects. */
  #publish(
    board: NeighbourBoard,
    nowS: number,
    dtS: number,
    units: readonly UnitState[],
    groups: readonly PhaseGroup[],
    schedule: Schedule,
  ): void {
    const windows = greenWindows(schedule, this.#options.startupLostS);
    const outflows = new Map<UnitState, OutflowInterval[]>();
    groups.forEach((g, phase) => {
      for (const u of g.units) {
        const clusters = this.#clusters.get(String(u.unit)) ?? [];
        outflows.set(u, projectOutflow(clusters, windows.get(phase) ?? [], this.#dischargeVps(u)));
      }
    });
    publishOutflows(board, nowS, dtS, units, outflows);
  }

  /** Discharge rate of a unit as the schedule assumes it, veh/s. */
  #dischargeVps(u: UnitState): number {
    const o = this.#options;
    const room =
      u.downstreamOccupancyPct === null
        ? 1
        : Math.max(MIN_ROOM, 1 - u.downstreamOccupancyPct / o.blockedOccupancyPct);
    return this.#saturationVps(u) * this.dischargeShare(u.unit) * (o.spillback === 'duration' ? room : 1);
  }

  /** Counted over predicted vehicles at a neighbour-fed unit's advance loop (1 until learnt). */
  neighbourScale(unit: UnitState['unit']): number {
    const a = this.#approaches.get(String(unit));
    if (a === undefined || !this.#options.learnNeighbourScale || a.fedPredicted < 10) return 1;
    return Math.min(FED_SCALE_MAX, Math.max(FED_SCALE_MIN, a.fedCounted / a.fedPredicted));
  }

  /**
   * Compare what the board said would pass the advance loop during the last step with what it
   * counted: turning shares and projection bias, learnt from counts.
   */
  #learnFedScale(u: UnitState, nowS: number, dtS: number): void {
    const o = this.#options;
    if (u.arrivalsVeh === null || o.neighbours === null) return;
    const crossing = fedArrivals(o.neighbours, u, this.#servingUnits, nowS, {
      fromS: o.advanceTravelS - dtS,
      horizonS: o.advanceTravelS,
      chunkS: dtS,
      dischargeVps: 1,
      scale: 1,
    });
    if (crossing === null) return;
    const a = this.#approach(u);
    const keep = Math.exp(-dtS / FED_MEMORY_S);
    a.fedPredicted = a.fedPredicted * keep + crossing.reduce((sum, c) => sum + c.vehicles, 0);
    a.fedCounted = a.fedCounted * keep + u.arrivalsVeh;
  }

  /** Arrivals the board predicts for a unit fed by a neighbour, or null when none feeds it. */
  #neighbourArrivals(u: UnitState, nowS: number): Cluster[] | null {
    const o = this.#options;
    if (o.neighbours === null) return null;
    return fedArrivals(o.neighbours, u, this.#servingUnits, nowS, {
      fromS: o.neighbourStream === 'beyond' ? Math.max(o.advanceTravelS, o.predictS) : o.advanceTravelS,
      horizonS: o.neighbourHorizonS,
      chunkS: o.predictChunkS,
      dischargeVps: this.#dischargeVps(u),
      scale: this.neighbourScale(u.unit),
    });
  }

  /** The clusters of one unit (with neighbour-predicted arrivals when `nowS` is given and a board feeds it). */
  clustersOf(u: UnitState, nowS: number | null = null): Cluster[] {
    const o = this.#options;
    if (u.queueVeh === null) {
      // No detector (e.g. an imported protected-turn stage): served every cycle for its minimum, as a
      // controller's minimum recall would, its vehicles assumed at a light arrival rate since its last green.
      if (u.active) return [];
      const vehicles = Math.max(1, ((u.redS ?? 0) * UNDETECTED_VPHPL * u.lanes) / 3600);
      return [{ arrivalS: 0, durationS: u.minGreenS, vehicles }];
    }
    const room =
      u.downstreamOccupancyPct === null
        ? 1
        : Math.max(MIN_ROOM, 1 - u.downstreamOccupancyPct / o.blockedOccupancyPct);
    // Without an advance loop the queue estimate already runs on the learnt arrival rate, and no
    // loop confirms the stream: predicting it again would count those vehicles twice.
    let fed = u.arrivalsVeh === null || nowS === null ? null : this.#neighbourArrivals(u, nowS);
    let rateVps = u.arrivalsVeh === null ? 0 : (u.arrivalVph ?? 0) / 3600;
    if (fed !== null && o.neighbourStream === 'replace') rateVps = 0;
    if (fed !== null && o.neighbourStream === 'volume') {
      const spanS = o.predictS - o.advanceTravelS;
      const vehicles = fed.filter((c) => c.arrivalS < o.predictS).reduce((a, c) => a + c.vehicles, 0);
      rateVps = spanS > 0 ? vehicles / spanS : rateVps;
      fed = null;
    }
    const clusters = approachClusters(
      {
        queueVeh: u.queueVeh ?? 0,
        recent: this.#approach(u).arrivals,
        arrivalVps: rateVps,
        dischargeVps: this.#dischargeVps(u),
        ...(fed === null ? {} : { predicted: fed }),
      },
      o,
    );
    if (o.spillback !== 'weight' || room === 1) return clusters;
    return clusters.map((c) => ({ ...c, vehicles: c.vehicles * room }));
  }

  #phase(g: PhaseGroup, maxClusters: number, nowS: number | null): SchedulePhase {
    const o = this.#options;
    const lists = g.units.map((u) => {
      const clusters = this.clustersOf(u, nowS);
      this.#clusters.set(String(u.unit), clusters);
      return clusters;
    });
    return {
      clusters: mergeParallel(lists, maxClusters),
      minGreenS: Math.max(...g.units.map((u) => u.minGreenS)),
      maxGreenS: Math.min(o.greenCapS, Math.max(...g.units.map((u) => u.maxGreenS))),
      clearanceS: Math.max(...g.units.map((u) => u.clearanceS)),
    };
  }
}

/** The options, or a ConfigError naming the first field out of range. */
function validated(o: ScheduleDrivenOptions): ScheduleDrivenOptions {
  const positive = [
    'saturationVphpl',
    'predictChunkS',
    'maxPhaseClusters',
    'greenCapS',
    'blockedOccupancyPct',
  ] as const;
  const nonNegative = [
    'advanceTravelS',
    'joinGapS',
    'predictS',
    'startupLostS',
    'dischargeLearning',
    'maxRedS',
    'neighbourHorizonS',
  ] as const;
  for (const key of positive)
    if (!(o[key] > 0)) throw new ConfigError(`scheduleDriven.${key}`, `must be positive, got ${o[key]}`);
  for (const key of nonNegative)
    if (!(o[key] >= 0)) throw new ConfigError(`scheduleDriven.${key}`, `must be >= 0, got ${o[key]}`);
  if (!['weight', 'duration', 'none'].includes(o.spillback))
    throw new ConfigError('scheduleDriven.spillback', `must be weight, duration or none, got ${o.spillback}`);
  if (!['replace', 'beyond', 'volume'].includes(o.neighbourStream))
    throw new ConfigError(
      'scheduleDriven.neighbourStream',
      `must be replace, beyond or volume, got ${o.neighbourStream}`,
    );
  return o;
}

/** Schedule states searched at most per decision (about a millisecond of work). */
const STATE_BUDGET = 20_000;

/** Clusters per phase such that (k + 1)^phases x phases stays within the state budget. */
export function clusterBudget(
  phaseCount: number,
  options: Pick<ScheduleDrivenOptions, 'maxPhaseClusters'>,
): number {
  const m = Math.max(1, phaseCount);
  const k = Math.floor(Math.pow(STATE_BUDGET / m, 1 / m)) - 1;
  return Math.max(1, Math.min(options.maxPhaseClusters, k));
}

/** Schedule phases in cyclic order: NEMA barrier sides (ring index > 0 anywhere) or single stages. */
export function phaseGroups(units: readonly UnitState[]): PhaseGroup[] {
  const nema = units.some((u) => u.ring > 0);
  if (!nema) return units.map((u) => ({ units: [u] }));
  const sides = [...new Set(units.map((u) => u.barrier))].sort((a, b) => a - b);
  return sides.map((b) => ({ units: units.filter((u) => u.barrier === b) }));
}
