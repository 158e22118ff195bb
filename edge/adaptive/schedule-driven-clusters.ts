/**
 * @module edge/adaptive/schedule-driven-clusters
 * The schedule-driven strategy's view of demand (Xie, Smith & Barlow 2012, "Schedule-driven
 * intersection control", Transp. Res. C 24, §3): each approach's vehicles as an ordered list of
 * clusters — when they reach the stop line and how much green they need to pass it.
 *
 * - the **queue cluster**: vehicles already at the stop line, arriving now;
 * - **approach clusters**: vehicles counted on the advance loop less than its travel time ago, which
 *   reach the stop line that much later;
 * - **predicted clusters**: beyond what the loops can see, the approach's learnt arrival rate in chunks
 *   (the neighbours' outflows of the paper, estimated locally).
 * Clusters closer than a threshold to the one before are joined ("anticipated queue"), and units served
 * together (NEMA rings on one barrier side) are merged as parallel intervals.
 */

/** Vehicles reaching the stop line from `arrivalS` (s from now) and needing `durationS` of green. */
export type Cluster = {
  readonly arrivalS: number;
  readonly durationS: number;
  readonly vehicles: number;
};

/** Vehicles that passed an advance loop `ageS` ago. */
export type AdvanceArrival = { readonly ageS: number; readonly vehicles: number };

/** What is known of one approach (unit). */
export type ApproachDemand = {
  /** Vehicles between the advance loop and the stop line (the input-output queue estimate). */
  readonly queueVeh: number;
  /** Advance-loop arrivals of the last `advanceTravelS`, newest first or in any order. */
  readonly recent: readonly AdvanceArrival[];
  /** Expected arrivals beyond the loops, veh/s. */
  readonly arrivalVps: number;
  /** Rate the approach discharges at while green with a queue, veh/s (> 0). */
  readonly dischargeVps: number;
  /** Arrivals predicted otherwise (an upstream neighbour's projected outflow), joined like the rest. */
  readonly predicted?: readonly Cluster[];
};

/** Options of {@link approachClusters}. */
export type ClusterOptions = {
  /** Travel time from the advance loop to the stop line, s (60 m at 50 km/h is about 4.3 s). */
  readonly advanceTravelS: number;
  /** A cluster arriving at most this long after the previous one's end joins it, s. */
  readonly joinGapS: number;
  /** Arrivals are predicted from the arrival rate up to this many seconds ahead (0: none). */
  readonly predictS: number;
  /** Length of one predicted cluster, s. */
  readonly predictChunkS: number;
  /** At most this many clusters per approach (the closest ones are joined first). */
  readonly maxClusters: number;
};

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = Object.freeze({
  advanceTravelS: 4,
  joinGapS: 2,
  predictS: 30,
  predictChunkS: 5,
  maxClusters: 6,
});

const end = (c: Cluster): number => c.arrivalS + c.durationS;

/** The clusters of one approach, ordered by arrival. */
export function approachClusters(
  demand: ApproachDemand,
  options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
): Cluster[] {
  const rate = demand.dischargeVps;
  if (!(rate > 0)) throw new RangeError(`dischargeVps must be positive, got ${demand.dischargeVps}`);
  const queue = Math.max(0, demand.queueVeh);
  // The queue estimate counts a vehicle from the advance loop on, so the newest arrivals are the part
  // of it still moving; older ones (and those beyond the estimate) have reached the stop line or left.
  const recent = demand.recent
    .filter((a) => a.ageS >= 0 && a.ageS < options.advanceTravelS && a.vehicles > 0)
    .sort((a, b) => a.ageS - b.ageS);
  let moving = 0;
  const raw: Cluster[] = [];
  for (const a of recent) {
    const vehicles = Math.min(a.vehicles, queue - moving);
    if (vehicles <= 0) break;
    moving += vehicles;
    raw.push({ arrivalS: options.advanceTravelS - a.ageS, durationS: vehicles / rate, vehicles });
  }
  const queued = queue - moving;
  if (queued > 1e-9) raw.push({ arrivalS: 0, durationS: queued / rate, vehicles: queued });
  if (demand.arrivalVps > 0 && options.predictChunkS > 0) {
    for (let t = options.advanceTravelS; t < options.predictS - 1e-9; t += options.predictChunkS) {
      const vehicles = demand.arrivalVps * Math.min(options.predictChunkS, options.predictS - t);
      raw.push({ arrivalS: t, durationS: vehicles / rate, vehicles });
    }
  }
  for (const c of demand.predicted ?? []) if (c.vehicles > 0) raw.push(c);
  raw.sort((a, b) => a.arrivalS - b.arrivalS);
  const joined: Cluster[] = [];
  for (const c of raw) {
    const last = joined[joined.length - 1];
    if (last !== undefined && c.arrivalS <= end(last) + options.joinGapS) {
      // Served back to back: the later vehicles queue behind the earlier ones.
      const finish = Math.max(end(last), c.arrivalS) + c.durationS;
      joined[joined.length - 1] = {
        arrivalS: last.arrivalS,
        durationS: finish - last.arrivalS,
        vehicles: last.vehicles + c.vehicles,
      };
    } else joined.push(c);
  }
  return capClusters(joined, options.maxClusters);
}

/**
 * Clusters of units served at the same time (NEMA rings on one barrier side): overlapping intervals
 * pass together, so they merge into one cluster spanning both; the rest keep their order.
 */
export function mergeParallel(lists: readonly (readonly Cluster[])[], maxClusters: number): Cluster[] {
  const all = lists.flat().sort((a, b) => a.arrivalS - b.arrivalS);
  const merged: Cluster[] = [];
  for (const c of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && c.arrivalS <= end(last)) {
      merged[merged.length - 1] = {
        arrivalS: last.arrivalS,
        durationS: Math.max(end(last), end(c)) - last.arrivalS,
        vehicles: last.vehicles + c.vehicles,
      };
    } else merged.push(c);
  }
  return capClusters(merged, maxClusters);
}

/** Join the two neighbours with the smallest gap until at most `maxClusters` remain. */
export function capClusters(clusters: readonly Cluster[], maxClusters: number): Cluster[] {
  const out = [...clusters];
  const limit = Math.max(1, maxClusters);
  while (out.length > limit) {
    let best = 0;
    for (let i = 1; i + 1 < out.length; i++) {
      if (out[i + 1]!.arrivalS - end(out[i]!) < out[best + 1]!.arrivalS - end(out[best]!)) best = i;
    }
    const a = out[best]!;
    const b = out[best + 1]!;
    out.splice(best, 2, {
      arrivalS: a.arrivalS,
      durationS: Math.max(end(a), b.arrivalS) + b.durationS - a.arrivalS,
      vehicles: a.vehicles + b.vehicles,
    });
  }
  return out;
}
