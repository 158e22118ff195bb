/**
 * @module edge/adaptive/schedule-driven-search
 * The schedule search of schedule-driven control (Xie, Smith & Barlow 2012, "Schedule-driven
 * intersection control", Transp. Res. C 24, §4): a forward-recursion dynamic programme over the order in
 * which the phases' clusters are served. A state is how many clusters of each phase have been served
 * and which phase served the last one; of the partial schedules reaching a state only the one with the
 * least cumulative delay is kept (ties: the one that finishes first). Serving the next cluster of
 * the phase in green continues it (within its maximum green); serving another phase's first ends the
 * green once its minimum is met, costs the clearance and a start-up lost time for a standing queue,
 * and must respect the cyclic phase order: a phase in between that has vehicles by then would be
 * served first. Every cluster's vehicles wait from their arrival to the cluster's start.
 */
import type { Cluster } from './schedule-driven-clusters.ts';

/** One phase of the cyclic sequence (a stage, or a NEMA barrier side). */
export type SchedulePhase = {
  readonly clusters: readonly Cluster[];
  readonly minGreenS: number;
  readonly maxGreenS: number;
  /** Yellow plus red clearance after the green, s. */
  readonly clearanceS: number;
};

/** The problem at one decision point. */
export type ScheduleProblem = {
  /** Phases in their cyclic service order. */
  readonly phases: readonly SchedulePhase[];
  /** Index of the phase now green. */
  readonly currentPhase: number;
  /** Seconds of green it has had. */
  readonly currentGreenS: number;
  /** Lost at the start of a green that finds a queue, s. */
  readonly startupLostS: number;
};

/** One cluster's place in the schedule. */
export type ScheduledCluster = {
  readonly phase: number;
  readonly cluster: number;
  readonly startS: number;
  readonly endS: number;
  /** Green of its phase began at (negative: before now), s. */
  readonly greenStartS: number;
};

/** The best schedule found. */
export type Schedule = {
  /** Cumulative delay of every cluster's vehicles, veh·s. */
  readonly delayVehS: number;
  /** Clusters in service order. */
  readonly entries: readonly ScheduledCluster[];
};

/** Above this many states the caller must pass fewer clusters. */
export const MAX_SCHEDULE_STATES = 500_000;

const EPS = 1e-9;

/** The schedule of least cumulative delay that serves every cluster. */
export function searchSchedule(problem: ScheduleProblem): Schedule {
  const phases = problem.phases;
  const m = phases.length;
  const cur = problem.currentPhase;
  if (!Number.isInteger(cur) || cur < 0 || cur >= m) throw new RangeError(`no phase ${cur} of ${m}`);
  const counts = phases.map((p) => p.clusters.length);
  const strides: number[] = [];
  let combos = 1;
  for (const n of counts) {
    strides.push(combos);
    combos *= n + 1;
  }
  const size = combos * m;
  if (size > MAX_SCHEDULE_STATES) throw new RangeError(`${size} schedule states; pass fewer clusters`);
  const delay = new Float64Array(size).fill(Infinity);
  const finish = new Float64Array(size);
  const greenStart = new Float64Array(size);
  const start = new Float64Array(size);
  const parent = new Int32Array(size).fill(-1);
  // Going round the cycle back to the same phase passes at least the shortest other phase.
  const detour = phases.map((_, j) =>
    Math.min(Infinity, ...phases.filter((_, k) => k !== j).map((p) => p.minGreenS + p.clearanceS)),
  );
  const root = cur;
  delay[root] = 0;
  finish[root] = 0;
  greenStart[root] = -problem.currentGreenS;
  const x = new Array<number>(m).fill(0);
  for (let key = 0; key < combos; key++) {
    let rest = key;
    for (let i = m - 1; i >= 0; i--) {
      x[i] = Math.floor(rest / strides[i]!);
      rest -= x[i]! * strides[i]!;
    }
    for (let last = 0; last < m; last++) {
      const s = key * m + last;
      const d = delay[s]!;
      if (d === Infinity) continue;
      const lastPhase = phases[last]!;
      const switchAt = Math.max(finish[s]!, greenStart[s]! + lastPhase.minGreenS);
      for (let j = 0; j < m; j++) {
        const c = phases[j]!.clusters[x[j]!];
        if (c === undefined) continue;
        let begin: number;
        let green: number;
        if (j === last) {
          begin = Math.max(finish[s]!, c.arrivalS);
          green = greenStart[s]!;
          if (begin + c.durationS - green > phases[j]!.maxGreenS + EPS && detour[j]! < Infinity) {
            green = switchAt + lastPhase.clearanceS + detour[j]!;
            begin = Math.max(c.arrivalS, green + problem.startupLostS);
          }
        } else {
          if (!inOrder(phases, x, last, j, switchAt)) continue;
          green = switchAt + lastPhase.clearanceS;
          begin = Math.max(c.arrivalS, green + problem.startupLostS);
        }
        const nd = d + c.vehicles * (begin - c.arrivalS);
        const nf = begin + c.durationS;
        const t = (key + strides[j]!) * m + j;
        const better = nd < delay[t]! - EPS || (nd <= delay[t]! + EPS && nf < finish[t]! - EPS);
        if (!better) continue;
        delay[t] = nd;
        finish[t] = nf;
        greenStart[t] = green;
        start[t] = begin;
        parent[t] = s;
      }
    }
  }
  let best = -1;
  for (let last = 0; last < m; last++) {
    const s = (combos - 1) * m + last;
    if (delay[s]! === Infinity) continue;
    if (best < 0 || delay[s]! < delay[best]! - EPS) best = s;
  }
  if (best < 0) throw new Error('schedule search found no complete schedule');
  const entries: ScheduledCluster[] = [];
  for (let s = best; s !== root && s >= 0; s = parent[s]!) {
    const p = parent[s]!;
    const phase = s % m;
    const pkey = Math.floor(p / m);
    entries.push({
      phase,
      cluster: Math.floor(pkey / strides[phase]!) % (counts[phase]! + 1),
      startS: start[s]!,
      endS: finish[s]!,
      greenStartS: greenStart[s]!,
    });
  }
  entries.reverse();
  return { delayVehS: delay[best]!, entries };
}

/**
 * Whether going from `last` to `j` keeps the cyclic order: no phase strictly between them may have a
 * cluster arriving by the switch (the controller would serve its call first).
 */
function inOrder(
  phases: readonly SchedulePhase[],
  x: readonly number[],
  last: number,
  j: number,
  switchAt: number,
): boolean {
  const m = phases.length;
  for (let k = (last + 1) % m; k !== j; k = (k + 1) % m) {
    const next = phases[k]!.clusters[x[k]!];
    if (next !== undefined && next.arrivalS <= switchAt) return false;
  }
  return true;
}
