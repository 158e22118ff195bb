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
 * phase of the same side that has some. Spillback (occupied links downstream) weighs an approach's
 * vehicles down (`spillback`); its discharge rate can be learnt from stop-bar counts (off by default).
 *
 * Its demand estimates are its own where an approach has advance and stop-bar loops: the queue counts
 * every stop-bar count as a departure whatever the signal shows (`ownQueue`; the unit tracker's counts
 * only those in green and drifts up), and the predicted stream runs at the advance-loop count over a
 * decaying 120 s window (`rateMemoryS`) rather than the tracker's per-cycle estimate.
 *
 * Pieces: options and defaults (`schedule-driven-options.ts`), per-approach memory
 * (`-approaches.ts`), clusters (`-clusters.ts`), phases (`-phases.ts`), the search (`-search.ts`) and
 * the neighbour board's side (`-neighbours.ts`).
 *
 * With a {@link NeighbourBoard} (the edge passes one per region) and `shareOutflows`, each
 * intersection publishes, per exit link, the outflow its schedule projects, and an approach fed by a
 * neighbour of the same board takes its predicted arrivals from that outflow (delayed by the link's
 * travel time, scaled by the turning share) instead of from its learnt arrival rate.
 */
import { blind, greenDirectives, unitsWithDemand } from './directives.ts';
import type { NeighbourBoard, OutflowInterval } from './neighbour-board.ts';
import { projectOutflow } from './neighbour-board.ts';
import { ApproachMemory, roomShare } from './schedule-driven-approaches.ts';
import type { Cluster } from './schedule-driven-clusters.ts';
import { approachClusters, mergeParallel } from './schedule-driven-clusters.ts';
import { fedArrivals, greenWindows, publishOutflows } from './schedule-driven-neighbours.ts';
import type { ScheduleDrivenOptions } from './schedule-driven-options.ts';
import { DEFAULT_SCHEDULE_DRIVEN_OPTIONS, validatedScheduleOptions } from './schedule-driven-options.ts';
import type { PhaseGroup } from './schedule-driven-phases.ts';
import { clusterBudget, phaseGroups } from './schedule-driven-phases.ts';
import type { Schedule, SchedulePhase } from './schedule-driven-search.ts';
import { searchSchedule } from './schedule-driven-search.ts';
import type { ControlDecision, ControlInput, SignalStrategy, UnitState } from './types.ts';

/** Arrival rate assumed on a unit without detectors, veh/h per lane. */
const UNDETECTED_VPHPL = 300;

/** SURTRAC-like schedule-driven strategy for one intersection. */
export class ScheduleDrivenStrategy implements SignalStrategy {
  readonly name = 'schedule-driven';
  /**
   * Transit priority leaves a cross street whose queue reaches back to its advance loops (8 cars a
   * lane) its green and its turn. This strategy plans its greens around those queues; cutting them
   * for a bus cost the general traffic most here: demo city, four seeds, bus cut 19.3% -> 21.0%,
   * general rise +5.3% -> +1.7% (evaluation README, session 7).
   */
  readonly priorityQueueVehPerLane = 8;
  readonly #options: ScheduleDrivenOptions;
  readonly #approaches: ApproachMemory;
  #lastMs: number | null = null;
  /** Units per approach link at this intersection (a link served by one unit sends it everything). */
  #servingUnits = new Map<string, number>();
  /** Clusters of each unit at this decision, as scheduled. */
  readonly #clusters = new Map<string, Cluster[]>();

  constructor(options: Partial<ScheduleDrivenOptions> = {}) {
    this.#options = validatedScheduleOptions(
      Object.freeze({ ...DEFAULT_SCHEDULE_DRIVEN_OPTIONS, ...options }),
    );
    this.#approaches = new ApproachMemory(this.#options);
  }

  decide(input: ControlInput): ControlDecision {
    const dtS = this.#lastMs === null ? 0 : Math.max(0, (input.nowMs - this.#lastMs) / 1000);
    this.#lastMs = input.nowMs;
    for (const u of input.units) this.#approaches.observe(u, dtS);
    // Every decision below sees the strategy's own queue estimate (`ownQueue`).
    const units = input.units.map((u) => ({ ...u, queueVeh: this.#approaches.queueVeh(u) }));
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
    return this.#approaches.dischargeShare(unit);
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
        outflows.set(u, projectOutflow(clusters, windows.get(phase) ?? [], this.#approaches.dischargeVps(u)));
      }
    });
    publishOutflows(board, nowS, dtS, units, outflows);
  }

  /** Counted over predicted vehicles at a neighbour-fed unit's advance loop (1 until learnt). */
  neighbourScale(unit: UnitState['unit']): number {
    return this.#approaches.neighbourScale(unit);
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
    const predicted = crossing.reduce((sum, c) => sum + c.vehicles, 0);
    this.#approaches.countFed(u, predicted, u.arrivalsVeh, dtS);
  }

  /** Arrivals the board predicts for a unit fed by a neighbour, or null when none feeds it. */
  #neighbourArrivals(u: UnitState, nowS: number): Cluster[] | null {
    const o = this.#options;
    if (o.neighbours === null) return null;
    return fedArrivals(o.neighbours, u, this.#servingUnits, nowS, {
      fromS: o.neighbourStream === 'beyond' ? Math.max(o.advanceTravelS, o.predictS) : o.advanceTravelS,
      horizonS: o.neighbourHorizonS,
      chunkS: o.predictChunkS,
      dischargeVps: this.#approaches.dischargeVps(u),
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
    const room = roomShare(u, o);
    // Without an advance loop the queue estimate already runs on the learnt arrival rate, and no
    // loop confirms the stream: predicting it again would count those vehicles twice.
    let fed = u.arrivalsVeh === null || nowS === null ? null : this.#neighbourArrivals(u, nowS);
    let rateVps = u.arrivalsVeh === null ? 0 : this.#approaches.arrivalVps(u);
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
        recent: this.#approaches.recent(u),
        arrivalVps: rateVps,
        dischargeVps: this.#approaches.dischargeVps(u),
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
