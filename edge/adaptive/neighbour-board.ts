/**
 * @module edge/adaptive/neighbour-board
 * What schedule-driven intersections tell their downstream neighbours (Xie, Smith & Barlow 2012,
 * "Schedule-driven intersection control", Transp. Res. C 24, §5; Smith et al. 2013, "SURTRAC", ICAPS):
 * each one projects, from its current schedule, when and at what rate vehicles leave onto each exit
 * link, and the intersection at that link's far end adds them to its own prediction as arrival
 * clusters, delayed by the link's free-flow travel time and scaled by its turning share. This extends
 * the prediction beyond what its own loops and learnt arrival rate can see, and coordinates neighbours.
 *
 * The board is plain data held by the edge for one region (the intersections of one edge share
 * through it; links from another region's intersections carry nothing, their approaches keep the
 * learnt-rate stream). Times are in the strategies' clock, seconds: a projection published at `nowS`
 * is stored from `nowS` on; what an older projection said about the seconds before it is kept, as the
 * vehicles released then may still be on the link.
 */
import type { Scenario } from '../../core/index.ts';
import { linkLengthM } from '../../core/index.ts';
import type { Cluster } from './schedule-driven-clusters.ts';

/** Vehicles leaving (or arriving) at `flowVps` from `startS` for `durationS`. */
export type OutflowInterval = {
  readonly startS: number;
  readonly durationS: number;
  readonly flowVps: number;
};

/** A green interval of one unit in a schedule, s from now. */
export type GreenWindow = { readonly startS: number; readonly endS: number };

/** One link between two intersections as the board knows it. */
export type BoardLink = {
  readonly linkId: string;
  /** Intersection at the link's start (the one that releases vehicles onto it), if signalized. */
  readonly fromIntersection: string | null;
  /**
   * Travel time from the upstream stop line to the link's end, s: free flow at the speed limit plus
   * the time a vehicle starting from the stop line loses reaching it.
   */
  readonly travelS: number;
};

/** Turning shares from one link to the links it feeds, summing to 1. */
export type TurningShares = ReadonlyMap<string, number>;

type Stored = { startS: number; endS: number; flowVps: number };

const EPS = 1e-9;

/**
 * Projected outflows of a region's intersections, one timeline per link. Plain data plus the
 * region's link table; no clock of its own (the strategies pass theirs).
 */
export class NeighbourBoard {
  readonly #links: ReadonlyMap<string, BoardLink>;
  readonly #shares: ReadonlyMap<string, TurningShares>;
  readonly #timelines = new Map<string, Stored[]>();
  readonly #keepS: number;

  constructor(links: readonly BoardLink[], shares: ReadonlyMap<string, TurningShares>) {
    this.#links = new Map(links.map((l) => [l.linkId, l]));
    this.#shares = shares;
    this.#keepS = Math.max(0, ...links.map((l) => l.travelS)) + 10;
  }

  /** The link, if the board knows it. */
  link(linkId: string): BoardLink | undefined {
    return this.#links.get(linkId);
  }

  /** Turning shares out of `fromLink` (empty when unknown). */
  sharesFrom(fromLink: string): TurningShares {
    return this.#shares.get(fromLink) ?? new Map();
  }

  /** Whether an intersection of this board feeds `linkId` (its projections arrive there). */
  fed(linkId: string): boolean {
    return (this.#links.get(linkId)?.fromIntersection ?? null) !== null;
  }

  /**
   * Replace what `linkId` will receive from `nowS` on with `outflows` (s from now). With `released`,
   * the vehicles counted onto the link since `sinceS` replace what the last projection said of them.
   */
  publish(
    linkId: string,
    nowS: number,
    outflows: readonly OutflowInterval[],
    released?: { readonly sinceS: number; readonly vehicles: number },
  ): void {
    const until = released !== undefined && released.sinceS < nowS ? released.sinceS : nowS;
    const kept = (this.#timelines.get(linkId) ?? [])
      .filter((s) => s.startS < until && s.endS > nowS - this.#keepS)
      .map((s) => ({ ...s, endS: Math.min(s.endS, until) }));
    if (until < nowS && released!.vehicles > 0)
      kept.push({ startS: until, endS: nowS, flowVps: released!.vehicles / (nowS - until) });
    for (const o of outflows) {
      if (!(o.durationS > EPS) || !(o.flowVps > 0)) continue;
      kept.push({ startS: nowS + o.startS, endS: nowS + o.startS + o.durationS, flowVps: o.flowVps });
    }
    this.#timelines.set(linkId, kept);
  }

  /** Vehicles leaving the upstream stop line onto `linkId`, as intervals in s from `nowS`. */
  outflowsOn(linkId: string, nowS: number): OutflowInterval[] {
    return (this.#timelines.get(linkId) ?? []).map((s) => ({
      startS: s.startS - nowS,
      durationS: s.endS - s.startS,
      flowVps: s.flowVps,
    }));
  }
}

/** Acceleration of a car starting from the stop line, m/s² (SUMO's passenger car default). */
export const START_ACCEL_MPS2 = 2.6;

/** The board of one region: its links with travel times, and turning shares. */
export function neighbourBoard(scenario: Scenario, region: string): NeighbourBoard {
  const nodes = new Map(scenario.network.nodes.map((n) => [n.id, n]));
  const atNode = new Map(
    scenario.intersections.filter((x) => x.region === region).map((x) => [x.nodeId, x.id]),
  );
  const links: BoardLink[] = scenario.network.links.map((l) => ({
    linkId: l.id,
    fromIntersection: atNode.get(l.from) ?? null,
    // Accelerating to v at a loses v / 2a against travelling at v throughout (2.7 s at 50 km/h).
    travelS: linkLengthM(l, nodes) / (l.speedLimitKmh / 3.6) + l.speedLimitKmh / 3.6 / (2 * START_ACCEL_MPS2),
  }));
  return new NeighbourBoard(links, turningShares(scenario));
}

/**
 * Turning shares per approach link: the scenario's turning ratios where it gives them (design demand,
 * as Webster's splits use), else from the layout — each movement's share of the approach's lanes.
 */
export function turningShares(scenario: Scenario): Map<string, TurningShares> {
  const out = new Map<string, TurningShares>();
  const byFrom = new Map<string, { toLink: string; lanes: number }[]>();
  for (const m of scenario.network.movements) {
    const list = byFrom.get(m.fromLink) ?? [];
    list.push({ toLink: m.toLink, lanes: m.fromLanes.length });
    byFrom.set(m.fromLink, list);
  }
  for (const [fromLink, list] of byFrom) {
    const total = list.reduce((a, m) => a + m.lanes, 0);
    const shares = new Map<string, number>();
    for (const m of list) shares.set(m.toLink, (shares.get(m.toLink) ?? 0) + m.lanes / total);
    out.set(fromLink, shares);
  }
  for (const r of scenario.demand.turningRatios) {
    const entries = Object.entries(r.ratios).filter(([, v]) => v > 0);
    const total = entries.reduce((a, [, v]) => a + v, 0);
    if (total > 0) out.set(r.fromLink, new Map(entries.map(([k, v]) => [k, v / total])));
  }
  return out;
}

/**
 * Outflow of one approach under a schedule: its clusters discharge in order at `dischargeVps` during
 * its green windows (each vehicle no earlier than its cluster's arrival); what the windows cannot
 * hold is not projected. Hand-worked: a 10-vehicle queue served at 0.5 veh/s from 5 s leaves 5-25 s.
 */
export function projectOutflow(
  clusters: readonly Cluster[],
  windows: readonly GreenWindow[],
  dischargeVps: number,
): OutflowInterval[] {
  const out: OutflowInterval[] = [];
  if (!(dischargeVps > 0)) return out;
  const greens = [...windows].filter((w) => w.endS > w.startS + EPS).sort((a, b) => a.startS - b.startS);
  let w = 0;
  let t = -Infinity;
  for (const c of [...clusters].sort((a, b) => a.arrivalS - b.arrivalS)) {
    let left = c.vehicles;
    while (left > EPS && w < greens.length) {
      const g = greens[w]!;
      const begin = Math.max(t, g.startS, c.arrivalS);
      if (begin >= g.endS - EPS) {
        w++;
        continue;
      }
      const served = Math.min(left, (g.endS - begin) * dischargeVps);
      const durationS = served / dischargeVps;
      const last = out[out.length - 1];
      if (last !== undefined && Math.abs(last.startS + last.durationS - begin) < EPS)
        out[out.length - 1] = { ...last, durationS: last.durationS + durationS };
      else out.push({ startS: begin, durationS, flowVps: dischargeVps });
      t = begin + durationS;
      left -= served;
    }
  }
  return out;
}

/** Options of {@link arrivalClusters}. */
export type ArrivalClusterOptions = {
  /** Free-flow travel time of the link, s. */
  readonly travelS: number;
  /** Share of the link's vehicles that the receiving approach serves. */
  readonly share: number;
  /** Arrivals at the stop line before this (s from now) are already seen by the loops. */
  readonly fromS: number;
  /** Arrivals after this are left out, s from now. */
  readonly horizonS: number;
  /** Length of one cluster, s. */
  readonly chunkS: number;
  /** Discharge rate of the receiving approach, veh/s (the clusters' green needed). */
  readonly dischargeVps: number;
};

/**
 * Arrival clusters at a stop line from the upstream's outflows onto its link (s from now): each
 * interval delayed by the travel time, scaled by the share, cut to [fromS, horizonS) and into chunks.
 */
export function arrivalClusters(outflows: readonly OutflowInterval[], o: ArrivalClusterOptions): Cluster[] {
  const out: Cluster[] = [];
  if (!(o.share > 0) || !(o.dischargeVps > 0) || !(o.chunkS > 0)) return out;
  for (const f of outflows) {
    const from = Math.max(o.fromS, f.startS + o.travelS);
    const to = Math.min(o.horizonS, f.startS + f.durationS + o.travelS);
    for (let t = from; t < to - EPS; t += o.chunkS) {
      const vehicles = f.flowVps * o.share * Math.min(o.chunkS, to - t);
      if (vehicles > EPS) out.push({ arrivalS: t, durationS: vehicles / o.dischargeVps, vehicles });
    }
  }
  return out.sort((a, b) => a.arrivalS - b.arrivalS);
}
