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
 */
import { ConfigError } from '../../core/index.ts';
import { blind, greenDirectives, unitsWithDemand } from './directives.ts';
import type { AdvanceArrival, Cluster, ClusterOptions } from './schedule-driven-clusters.ts';
import { approachClusters, DEFAULT_CLUSTER_OPTIONS, mergeParallel } from './schedule-driven-clusters.ts';
import type { SchedulePhase } from './schedule-driven-search.ts';
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
});

/** Arrival rate assumed on a unit without detectors, veh/h per lane. */
const UNDETECTED_VPHPL = 300;
/** Lowest learnt discharge rate, as a share of saturation flow. */
const MIN_DISCHARGE_SHARE = 0.25;
/** Least discharge rate kept under spillback, as a share (a blocked approach still drains slowly). */
const MIN_ROOM = 0.1;

type Approach = { arrivals: AdvanceArrival[]; dischargeShare: number };

/** A schedule phase and the units it serves. */
type PhaseGroup = { readonly units: readonly UnitState[] };

/** SURTRAC-like schedule-driven strategy for one intersection. */
export class ScheduleDrivenStrategy implements SignalStrategy {
  readonly name = 'schedule-driven';
  readonly #options: ScheduleDrivenOptions;
  readonly #approaches = new Map<string, Approach>();
  #lastMs: number | null = null;

  constructor(options: Partial<ScheduleDrivenOptions> = {}) {
    this.#options = validated(Object.freeze({ ...DEFAULT_SCHEDULE_DRIVEN_OPTIONS, ...options }));
  }

  decide(input: ControlInput): ControlDecision {
    const units = input.units;
    const dtS = this.#lastMs === null ? 0 : Math.max(0, (input.nowMs - this.#lastMs) / 1000);
    this.#lastMs = input.nowMs;
    for (const u of units) this.#observe(u, dtS);
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
    const phases = groups.map((g) => this.#phase(g, clusterBudget(groups.length, this.#options)));
    const end = new Set<string>();
    const call = new Set(demand);
    const starving = units.some(
      (u) => !u.active && demand.has(String(u.unit)) && (u.redS ?? 0) >= this.#options.maxRedS,
    );
    const capped = greenS >= (phases[current]?.maxGreenS ?? Infinity);
    let switching = starving || capped;
    if (!switching) {
      const schedule = searchSchedule({
        phases,
        currentPhase: current,
        currentGreenS: greenS,
        startupLostS: this.#options.startupLostS,
      });
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
      a = { arrivals: [], dischargeShare: 1 };
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

  /** The clusters of one unit. */
  clustersOf(u: UnitState): Cluster[] {
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
    const clusters = approachClusters(
      {
        queueVeh: u.queueVeh ?? 0,
        recent: this.#approach(u).arrivals,
        // Without an advance loop the queue estimate already runs on the learnt arrival rate, and no
        // loop confirms the stream: predicting it again would count those vehicles twice.
        arrivalVps: u.arrivalsVeh === null ? 0 : (u.arrivalVph ?? 0) / 3600,
        dischargeVps:
          this.#saturationVps(u) * this.dischargeShare(u.unit) * (o.spillback === 'duration' ? room : 1),
      },
      o,
    );
    if (o.spillback !== 'weight' || room === 1) return clusters;
    return clusters.map((c) => ({ ...c, vehicles: c.vehicles * room }));
  }

  #phase(g: PhaseGroup, maxClusters: number): SchedulePhase {
    const o = this.#options;
    return {
      clusters: mergeParallel(
        g.units.map((u) => this.clustersOf(u)),
        maxClusters,
      ),
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
  ] as const;
  for (const key of positive)
    if (!(o[key] > 0)) throw new ConfigError(`scheduleDriven.${key}`, `must be positive, got ${o[key]}`);
  for (const key of nonNegative)
    if (!(o[key] >= 0)) throw new ConfigError(`scheduleDriven.${key}`, `must be >= 0, got ${o[key]}`);
  if (!['weight', 'duration', 'none'].includes(o.spillback))
    throw new ConfigError('scheduleDriven.spillback', `must be weight, duration or none, got ${o.spillback}`);
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
