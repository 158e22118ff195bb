/**
 * @module edge/detectors/health
 * Detector fault diagnosis from interval aggregates, after the classic loop-detector error tests
 * (Jacobson, Nihan & Bender 1990; FHWA Traffic Detector Handbook ch. 5; Caltrans PeMS diagnostics):
 * stuck-on (occupancy near 100% for minutes), stuck-off (zero counts while neighbours on the same link
 * flow), chattering (implausibly many or very short pulses), silent (no message at all).
 *
 * Three refinements keep the tests from calling ordinary traffic a fault. Stuck-on: a loop a phase
 * calls may stand occupied through a whole red (a car waiting on a side street's stop line through a
 * 160 s cycle), so its threshold is at least its phase's cycle plus 30 s, which always holds a green.
 * And a loop under a standing queue (behind an incident, vehicles stopped on it for minutes) is not
 * stuck-on when another healthy loop of its station stood in the queue over the same time
 * (standing-queue.ts): the lanes beside a stuck loop flow, a queue stands across the road. A loop
 * with no such neighbour (a one-lane station) cannot be told from a stuck one and is still excluded.
 * Stuck-off: a loop counting nothing is a fault only if, by its usual share of the link's flow, it
 * should have counted at least 7 vehicles (Poisson: under 0.1% chance of none); a left-turn pocket at
 * night carries a twentieth of its link and counts nothing for minutes on end.
 */
/** Own vehicles a loop must have been due, by its share of the link, for a zero count to be a fault. */
export const STUCK_OFF_EXPECTED_VEHICLES = 7;
import type { DetectorHealth } from '../../core/index.ts';
import type { LaneAggregate } from './lane-aggregator.ts';

/** Thresholds of the health tests. */
export type HealthOptions = {
  /** Occupancy at or above this counts as "on" for the stuck-on test, %. Default 95. */
  readonly stuckOnOccupancyPct: number;
  /** How long occupancy must stay that high, s. Default 120. */
  readonly stuckOnS: number;
  /** How long a lane must count nothing while neighbours flow, s. Default 240. */
  readonly stuckOffS: number;
  /** Vehicles the neighbours must count in that time for the test to apply. Default 20. */
  readonly stuckOffNeighbourVolume: number;
  /** More vehicles than this per lane per hour is implausible. Default 3000 (saturation ~1900). */
  readonly chatterMaxVph: number;
  /** Short pulses per interval that make a detector chattering. Default 5. */
  readonly chatterShortPulses: number;
  /** No message for this long makes a detector silent, s. Default 120. */
  readonly silentS: number;
};

/** Default thresholds; frozen. */
export const DEFAULT_HEALTH_OPTIONS: HealthOptions = Object.freeze({
  stuckOnOccupancyPct: 95,
  stuckOnS: 120,
  stuckOffS: 240,
  stuckOffNeighbourVolume: 20,
  chatterMaxVph: 3000,
  chatterShortPulses: 5,
  silentS: 120,
});

/** What the health test sees of one detector. */
export type HealthInput = {
  /** Recent closed aggregates, oldest first. */
  readonly history: readonly LaneAggregate[];
  /** Time of the last message of any kind from the detector, or null when never heard. */
  readonly lastHeardMs: number | null;
  /** Since when the loop is continuously occupied (actuation source), or null. */
  readonly occupiedSinceMs: number | null;
  /** Vehicles counted by healthy neighbours on the same link over the stuck-off window. */
  readonly neighbourVolume: number;
  /**
   * The loop's usual share of the vehicles its link's loops count (0-1), or undefined for none known:
   * the stuck-off test then asks only the neighbours' volume.
   */
  readonly linkShare?: number;
  /** This loop's stuck-on threshold, s, when above the options' (its phase's cycle + 30 s). */
  readonly stuckOnS?: number;
  /**
   * Whether another healthy loop of the same station (its link, same role) stood in a queue over
   * the stuck-on window ending now (given that window, s): then this loop's occupancy is the queue,
   * not a fault. Absent: no such loop.
   */
  readonly stationQueued?: (windowS: number) => boolean;
  readonly nowMs: number;
  /** When the edge started watching, so a detector is not "silent" before it had a chance to speak. */
  readonly watchingSinceMs: number;
};

function lastWindow(history: readonly LaneAggregate[], seconds: number): LaneAggregate[] | null {
  const out: LaneAggregate[] = [];
  let covered = 0;
  for (let i = history.length - 1; i >= 0 && covered < seconds; i--) {
    const a = history[i];
    if (a === undefined) break;
    out.push(a);
    covered += a.intervalS;
  }
  return covered >= seconds ? out : null;
}

/** Diagnose one detector. Tests run in severity order; the first that fails names the fault. */
export function diagnose(
  input: HealthInput,
  options: HealthOptions = DEFAULT_HEALTH_OPTIONS,
): DetectorHealth {
  const heardOrStart = input.lastHeardMs ?? input.watchingSinceMs;
  if (input.nowMs - heardOrStart > options.silentS * 1000) return 'silent';
  const stuckOnS = Math.max(options.stuckOnS, input.stuckOnS ?? 0);
  const onWindow = lastWindow(input.history, stuckOnS);
  const occupiedLong =
    (input.occupiedSinceMs !== null && input.nowMs - input.occupiedSinceMs >= stuckOnS * 1000) ||
    (onWindow !== null && onWindow.every((a) => a.occupancyPct >= options.stuckOnOccupancyPct));
  if (occupiedLong && input.stationQueued?.(stuckOnS) !== true) return 'stuck-on';
  const latest = input.history[input.history.length - 1];
  if (latest !== undefined) {
    const vph = (latest.volume * 3600) / latest.intervalS;
    if (vph > options.chatterMaxVph || latest.shortPulses >= options.chatterShortPulses) return 'chattering';
  }
  const offWindow = lastWindow(input.history, options.stuckOffS);
  if (
    offWindow !== null &&
    offWindow.every((a) => a.volume === 0 && a.occupancyPct === 0) &&
    input.neighbourVolume >= options.stuckOffNeighbourVolume &&
    expectedOwnVolume(input) >= STUCK_OFF_EXPECTED_VEHICLES
  ) {
    return 'stuck-off';
  }
  return 'ok';
}

/** Vehicles the loop should have counted beside its neighbours' volume, by its share of the link. */
function expectedOwnVolume(input: HealthInput): number {
  const share = input.linkShare;
  if (share === undefined) return Infinity;
  return share >= 1 ? Infinity : (input.neighbourVolume * share) / (1 - share);
}
