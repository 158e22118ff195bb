/**
 * @module edge/adaptive/schedule-driven-neighbours
 * The schedule-driven strategy's side of the neighbour board (Xie, Smith & Barlow 2012, §5): green
 * windows of a schedule, where an approach's vehicles go, publishing an intersection's projected
 * outflows, and reading the arrivals a neighbour's outflow predicts for an approach.
 */
import type { GreenWindow, NeighbourBoard, OutflowInterval } from './neighbour-board.ts';
import { arrivalClusters } from './neighbour-board.ts';
import type { Cluster } from './schedule-driven-clusters.ts';
import type { Schedule } from './schedule-driven-search.ts';
import type { UnitState } from './types.ts';

/**
 * Green windows of each phase in a schedule, s from now: runs of its clusters under one green, from
 * the green's start (plus the start-up loss unless it is the green running now) to the last one's end.
 */
export function greenWindows(schedule: Schedule, startupLostS: number): Map<number, GreenWindow[]> {
  const out = new Map<number, GreenWindow[]>();
  let run: { phase: number; greenStartS: number; startS: number; endS: number } | null = null;
  const close = (): void => {
    if (run === null) return;
    const list = out.get(run.phase) ?? [];
    list.push({ startS: run.startS, endS: run.endS });
    out.set(run.phase, list);
  };
  for (const e of schedule.entries) {
    if (run !== null && run.phase === e.phase && run.greenStartS === e.greenStartS) {
      run.endS = Math.max(run.endS, e.endS);
      continue;
    }
    close();
    const startS = e.greenStartS < 0 ? 0 : e.greenStartS + startupLostS;
    run = { phase: e.phase, greenStartS: e.greenStartS, startS: Math.min(startS, e.startS), endS: e.endS };
  }
  close();
  return out;
}

/**
 * Where a unit's vehicles go: the turning shares of its approach link over the links its movements
 * reach plus those no other unit here serves (permissive turns), renormalised.
 */
export function exitShares(
  board: NeighbourBoard,
  u: UnitState,
  units: readonly UnitState[],
): Map<string, number> {
  const out = new Map<string, number>();
  const weight = 1 / Math.max(1, u.fromLinks.length);
  for (const l of u.fromLinks) {
    const others = new Set(units.filter((w) => w !== u && w.fromLinks.includes(l)).flatMap((w) => w.toLinks));
    const kept = [...board.sharesFrom(l)].filter(([t]) => u.toLinks.includes(t) || !others.has(t));
    const total = kept.reduce((a, [, v]) => a + v, 0);
    if (!(total > 0)) continue;
    for (const [t, v] of kept) out.set(t, (out.get(t) ?? 0) + (weight * v) / total);
  }
  return out;
}

/**
 * Publish an intersection's projected outflows (per unit, s from now) onto its exit links, split by
 * turning shares; the vehicles its stop-bar loops counted over the last `dtS` replace what the last
 * projection said of that time.
 */
export function publishOutflows(
  board: NeighbourBoard,
  nowS: number,
  dtS: number,
  units: readonly UnitState[],
  outflows: ReadonlyMap<UnitState, readonly OutflowInterval[]>,
): void {
  const byLink = new Map<string, { outflows: OutflowInterval[]; released: number | null }>();
  for (const [u, out] of outflows) {
    for (const [toLink, share] of exitShares(board, u, units)) {
      if (board.link(toLink) === undefined) continue;
      const e = byLink.get(toLink) ?? { outflows: [], released: null };
      byLink.set(toLink, e);
      for (const o of out) e.outflows.push({ ...o, flowVps: o.flowVps * share });
      if (u.departuresVeh !== null) e.released = (e.released ?? 0) + u.departuresVeh * share;
    }
  }
  for (const [link, e] of byLink)
    board.publish(
      link,
      nowS,
      e.outflows,
      e.released === null || !(dtS > 0) ? undefined : { sinceS: nowS - dtS, vehicles: e.released },
    );
}

/** Window and rates of {@link fedArrivals}. */
export type FedWindow = {
  readonly fromS: number;
  readonly horizonS: number;
  readonly chunkS: number;
  readonly dischargeVps: number;
  /** Factor on the turning share (learnt from counts). */
  readonly scale: number;
};

/**
 * Arrival clusters the board predicts for a unit from the links feeding it, or null when no board
 * intersection feeds it. A link served by this unit alone sends it everything; otherwise the turning
 * shares of the unit's movements.
 */
export function fedArrivals(
  board: NeighbourBoard,
  u: UnitState,
  servingUnits: ReadonlyMap<string, number>,
  nowS: number,
  w: FedWindow,
): Cluster[] | null {
  const fed = u.fromLinks.filter((l) => board.fed(l));
  if (fed.length === 0) return null;
  const out: Cluster[] = [];
  for (const l of fed) {
    const shares = board.sharesFrom(l);
    const only = (servingUnits.get(l) ?? 0) <= 1;
    const share = only ? 1 : u.toLinks.reduce((a, t) => a + (shares.get(t) ?? 0), 0);
    out.push(
      ...arrivalClusters(board.outflowsOn(l, nowS), {
        travelS: board.link(l)?.travelS ?? 0,
        share: share * w.scale,
        fromS: w.fromS,
        horizonS: w.horizonS,
        chunkS: w.chunkS,
        dischargeVps: w.dischargeVps,
      }),
    );
  }
  return out.sort((a, b) => a.arrivalS - b.arrivalS);
}
