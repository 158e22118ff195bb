/**
 * @module edge/detectors/standing-queue
 * A loop standing in a queue: occupied for most of the interval while (almost) no vehicle crosses it.
 * Its spot speeds say nothing then: a loop times the vehicles that cross it, and in a standing queue
 * none or a few do, each after standing on it (with none, the lane had no speed at all, and a jammed
 * link read as missing data). Such a lane reads the g-factor speed of its count and occupancy,
 * v = q (L_vehicle + L_loop) / occ (Athol 1965; May 1990, Traffic Flow Fundamentals §6, as the
 * link's density), never below {@link JAM_SPEED_KMH}; an empty loop (no count, no occupancy) is no
 * queue and still reads nothing.
 *
 * The same rule keeps a queue from passing for a fault (health.ts): a loop occupied for minutes is
 * stuck-on unless another healthy loop of its station (same link and role: the other lanes at the
 * same place) stood in the queue over the same time. One loop reading ~100% while the lanes beside
 * it flow is a fault; the whole station standing is a queue.
 */
import type { LaneAggregate } from './lane-aggregator.ts';

/**
 * Occupancy at or above which an interval is a standing queue, %. Critical occupancy on single loops
 * is 15-25% (May 1990 §6); 70% is a loop covered by stopped vehicles for most of the interval, which
 * moving traffic never does.
 */
export const STANDING_QUEUE_OCCUPANCY_PCT = 70;

/**
 * Speed a standing queue reads at least, km/h: the speed a queue moves up at when a signal downstream
 * discharges it, 1,800 veh/h a lane of saturation flow (HCM 6th ed. base 1,900) times a green share
 * of 0.4 times the 7 m a stopped vehicle takes: 5.0 km/h. A loop cannot time a queue that does not
 * move at all; this keeps a closure's link time long but finite (the center clamps at 3 km/h) and
 * its level of service F on any street (HCM: under 30% of the free-flow speed).
 */
export const JAM_SPEED_KMH = 5;

/** Whether an interval's occupancy is a standing queue over the loop. */
export function isStandingQueue(occupancyPct: number): boolean {
  return occupancyPct >= STANDING_QUEUE_OCCUPANCY_PCT;
}

/**
 * The speed of a loop's interval standing in a queue: the g-factor speed of its count and occupancy
 * (`effectiveLengthM`: vehicle plus loop length), at least {@link JAM_SPEED_KMH}. Null when the
 * interval is no standing queue (the loop's spot speed stands).
 */
export function standingQueueSpeedKmh(a: LaneAggregate, effectiveLengthM: number): number | null {
  if (!isStandingQueue(a.occupancyPct)) return null;
  const flowVph = (a.volume * 3600) / a.intervalS;
  const densityVpkm = ((a.occupancyPct / 100) * 1000) / effectiveLengthM;
  return Math.max(JAM_SPEED_KMH, flowVph / densityVpkm);
}

/**
 * Whether a loop's recent intervals covering `seconds` (oldest first, the newest last) stood in a
 * queue: their mean occupancy at or above {@link STANDING_QUEUE_OCCUPANCY_PCT}. False when the history
 * covers less.
 */
export function stoodInQueue(history: readonly LaneAggregate[], seconds: number): boolean {
  let covered = 0;
  let occupiedS = 0;
  for (let i = history.length - 1; i >= 0 && covered < seconds; i--) {
    const a = history[i];
    if (a === undefined) break;
    covered += a.intervalS;
    occupiedS += (a.occupancyPct / 100) * a.intervalS;
  }
  return covered >= seconds && isStandingQueue((100 * occupiedS) / covered);
}
