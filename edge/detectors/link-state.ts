/**
 * @module edge/detectors/link-state
 * Link flow, occupancy, density and speed from the lane aggregates of one interval. Density from
 * occupancy: k = occ / (L_vehicle + L_loop) per lane (May 1990, Traffic Flow Fundamentals §6), speed
 * as the volume-weighted mean of lane speeds, else q / k; a loop standing in a queue (occupied most of
 * the interval, few or no vehicles crossing) reads the queue's speed, not its few spot speeds or none
 * (standing-queue.ts), while an empty loop reads nothing. Only healthy detectors count; lanes without
 * one are scaled from the others, and a link with none gets no estimate at all (no guesswork). A link
 * measured only at its stop line gets no speed from it (control-delay.ts): its speed is free-flow
 * running plus each lane's control delay from the green its phase got, or none when the edge does
 * not know that green (controller unreachable, a loop no phase calls). The
 * item also carries each measured lane of the chosen station (its own flow and occupancy, unscaled), so
 * the center can see one lane lose its share of the flow while the link's totals hardly move.
 */
import type { Detector, Link, UplinkItem } from '../../core/index.ts';
import { controlDelayS, speedWithDelayKmh, type StopLineTiming } from './control-delay.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
import { standingQueueSpeedKmh } from './standing-queue.ts';

/** The link-state uplink item. */
export type LinkStateItem = Extract<UplinkItem, { type: 'link-state' }>;

const ROLE_RANK: Readonly<Record<Detector['role'], number>> = { count: 0, advance: 1, stopbar: 2 };

/** Mean vehicle length for density, metres. */
export const MEAN_VEHICLE_LENGTH_M = 5;

/** The recent green and cycle of the phase a stop-bar loop calls, or null when the edge does not know it. */
export type StopLineTimingOf = (detectorId: string) => StopLineTiming | null;

/** What the edge knows of a stop line beyond one interval's counts. */
export type StopLineData = {
  readonly timingOf: StopLineTimingOf;
  /**
   * A loop's flow over its last minutes, veh/h (departures come in bursts at each green, so one
   * 30 s count is no rate), or null when unknown (the interval's own count is used).
   */
  readonly flowOf?: (detectorId: string) => number | null;
};

/**
 * Estimate one link's state over one interval. `aggregates` holds the interval's aggregates of
 * healthy detectors on the link (others must be left out); `stopLine` gives the green of a stop-bar
 * loop's phase and its recent flow (absent: none known). Returns null when there is nothing to go by.
 */
export function estimateLinkState(
  link: Link,
  detectors: readonly Detector[],
  aggregates: ReadonlyMap<string, LaneAggregate>,
  stopLine: StopLineData = { timingOf: () => null },
): LinkStateItem | null {
  const usable = detectors.filter((d) => d.linkId === link.id && aggregates.has(d.id));
  if (usable.length === 0) return null;
  // Flow is measured best away from the stop line: prefer count stations, then advance loops.
  const bestRank = Math.min(...usable.map((d) => ROLE_RANK[d.role]));
  const chosen = usable.filter((d) => ROLE_RANK[d.role] === bestRank);
  const byLane = new Map<number, { volume: number; occ: number; n: number; lengthM: number }>();
  let speedSum = 0;
  let speedWeight = 0;
  let intervalStart = 0;
  let intervalS = 30;
  for (const d of chosen) {
    const a = aggregates.get(d.id);
    if (a === undefined) continue;
    intervalStart = a.intervalStart;
    intervalS = a.intervalS;
    const lane = byLane.get(d.lane) ?? { volume: 0, occ: 0, n: 0, lengthM: 0 };
    lane.volume += a.volume;
    lane.occ += a.occupancyPct;
    lane.lengthM += d.lengthM;
    lane.n++;
    byLane.set(d.lane, lane);
    const queuedKmh = standingQueueSpeedKmh(a, MEAN_VEHICLE_LENGTH_M + d.lengthM);
    if (queuedKmh !== null) {
      // Weighted by its count, at least the vehicle standing on the loop: a link whose lanes all
      // stand reads the queue's speed, one standing lane beside flowing ones hardly moves it.
      const weight = Math.max(1, a.volume);
      speedSum += queuedKmh * weight;
      speedWeight += weight;
    } else if (a.speedKmh !== null && a.volume > 0) {
      speedSum += a.speedKmh * a.volume;
      speedWeight += a.volume;
    }
  }
  const laneScale = link.lanes / byLane.size;
  const lanes = [...byLane]
    .sort(([a], [b]) => a - b)
    .map(([lane, l]) => ({
      lane,
      flowVph: Math.min(10_000, (l.volume / l.n) * (3600 / intervalS)),
      occupancyPct: Math.min(100, l.occ / l.n),
    }));
  let volume = 0;
  let occSum = 0;
  let density = 0;
  for (const lane of byLane.values()) {
    const occ = lane.occ / lane.n;
    volume += lane.volume / lane.n;
    occSum += occ;
    density += ((occ / 100) * 1000) / (MEAN_VEHICLE_LENGTH_M + lane.lengthM / lane.n);
  }
  const flowVph = (volume * laneScale * 3600) / intervalS;
  const densityVpkm = density * laneScale;
  let speedKmh: number | null = speedWeight > 0 ? speedSum / speedWeight : null;
  if (speedKmh === null && densityVpkm > 0 && flowVph > 0) speedKmh = flowVph / densityVpkm;
  if (bestRank === ROLE_RANK.stopbar) speedKmh = stopLineSpeedKmh(link, chosen, aggregates, stopLine);
  return {
    type: 'link-state',
    linkId: link.id,
    intervalStart,
    intervalS,
    flowVph: Math.min(20_000, flowVph),
    densityVpkm: Math.min(1000, densityVpkm),
    speedKmh: speedKmh === null ? null : Math.min(300, speedKmh),
    occupancyPct: Math.min(100, occSum / byLane.size),
    source: 'detector',
    lanes,
  };
}

/**
 * Speed of a link measured at its stop line only: free-flow running plus the flow-weighted control
 * delay of its measured lanes (a lane's recent flow, its loops' mean, against the green of the phase
 * its first loop with a known timing calls). Null when no lane's timing is known.
 */
function stopLineSpeedKmh(
  link: Link,
  loops: readonly Detector[],
  aggregates: ReadonlyMap<string, LaneAggregate>,
  stopLine: StopLineData,
): number | null {
  const lanes = new Map<number, { flowVph: number; n: number; timing: StopLineTiming | null }>();
  for (const d of loops) {
    const a = aggregates.get(d.id);
    if (a === undefined) continue;
    const lane = lanes.get(d.lane) ?? { flowVph: 0, n: 0, timing: null };
    lane.flowVph += stopLine.flowOf?.(d.id) ?? (a.volume * 3600) / a.intervalS;
    lane.n++;
    lane.timing ??= stopLine.timingOf(d.id);
    lanes.set(d.lane, lane);
  }
  let delaySum = 0;
  let weightSum = 0;
  let timed = 0;
  for (const lane of lanes.values()) {
    if (lane.timing === null) continue;
    const flowVph = lane.flowVph / lane.n;
    // Flow-weighted, with a vehicle's worth of weight so an empty interval still averages its lanes.
    const weight = flowVph + 1;
    delaySum += controlDelayS(flowVph, lane.timing) * weight;
    weightSum += weight;
    timed++;
  }
  if (timed === 0) return null;
  // A stop-bar loop lies at the end of its link: its far edge stands for a length the link lacks.
  const lengthM = link.lengthM ?? Math.max(...loops.map((d) => d.positionM + d.lengthM));
  return speedWithDelayKmh(lengthM, link.speedLimitKmh, delaySum / weightSum);
}
