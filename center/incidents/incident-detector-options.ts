/**
 * @module center/incidents/incident-detector-options
 * The incident detector's thresholds and their defaults, each with the measurement that set it
 * (incident-detector.ts has the tests they feed).
 */

/** Thresholds of the detector. */
export type IncidentDetectorOptions = {
  /**
   * OCCDF threshold, percentage points. Default 25: at 20 a recurrent queue at the expressway diverge
   * (20-29% at 65-80 km/h, the bench's second seed) alarmed; blockages there gave 30-55%.
   */
  readonly occDiffPct?: number;
  /** OCCRDF threshold, 0-1. Default 0.5. */
  readonly occRelDiff?: number;
  /** Downstream occupancy at most this, percent. Default 15. */
  readonly downstreamMaxOccPct?: number;
  /** Speed below this share of the link's usual speed counts as a drop. Default 0.5. */
  readonly speedDropShare?: number;
  /** ... and below this share of the speed limit. Default 0.5. */
  readonly speedLimitShare?: number;
  /** Intervals an alarm must persist at a plain station. Default 2. */
  readonly persistIntervals?: number;
  /** Intervals an alarm must persist at a signal (with the window, more than a cycle). Default 4. */
  readonly signalPersistIntervals?: number;
  /** Normal intervals that clear an incident. Default 3. */
  readonly clearIntervals?: number;
  /** Window of the means at a signal, seconds: at least the longest cycle. Default 180. */
  readonly windowS?: number;
  /** Windows learnt before a link's usual values are used. Default 20 (10 min of 30 s intervals). */
  readonly learnIntervals?: number;
  /** Smoothing rate of the usual values per interval. Default 0.05 (about 7 min half-life). */
  readonly learnRate?: number;
  /** A queue counts as far above usual when its occupancy exceeds usual by this, points. Default 25. */
  readonly queueRisePct?: number;
  /** ... and by this many mean absolute deviations. Default 4. */
  readonly queueRiseSpreads?: number;
  /** A queue is an incident only if a link downstream flows below this share of its usual. Default 0.7. */
  readonly downstreamStarvedShare?: number;
  /** A flow below this share of the usual flow counts as starved. Default 0.35. */
  readonly flowDropShare?: number;
  /** Flow drops are judged only where the usual flow is at least this, veh/h. Default 300. */
  readonly minUsualFlowVph?: number;
  /** A downstream state older than this (relative to the upstream one) is ignored, ms. Default 120 s. */
  readonly maxSkewMs?: number;
  /**
   * A lane is starved when its flow over the window is at most this share of the flow its usual share
   * predicts from the other lanes. Default 0.3: on the bench's recorded runs (demo city and grid, seeds
   * 1-2) 0.25-0.35 raised no false alarm and 0.4 raised 8 (lanes of links after a busy diverge);
   * blocked lanes read 0-0.2 where traffic does not move back into them before the loops.
   */
  readonly laneDropShare?: number;
  /**
   * Lanes are judged only where that predicted flow is at least this, veh/h. Default 160 (8 vehicles
   * per 180 s window): on the bench's recorded runs 160-240 raised no false alarm and 100 raised 11
   * (lanes of quiet approaches emptied by chance while the shares were young); at 240 a blocked lane
   * of the two-lane Seocho interchange ramp (about 200 veh/h a lane) went unseen.
   */
  readonly laneMinExpectedVph?: number;
  /** ... and while the other lanes flow at least this share of their usual flow. Default 0.5. */
  readonly laneOthersFlowingShare?: number;
  /** ... and the lane's occupancy is at most the others' mean plus this, points. Default 15. */
  readonly laneMaxOccupancyOverOthersPct?: number;
  /**
   * ... and its count over the window is at most this likely for the lane flowing as usual (Poisson,
   * mean the smaller of the predicted and the lane's own usual flow). Default 0.01: the bench's one
   * false alarm (demo city seed 1, GN06S-GN06 lane 0, a quiet stop-line-only cross street: 40 veh/h
   * against 179 predicted and 123 usual, chance 0.055) went at 0.005-0.04, no detection was lost or
   * delayed there, and at 0.002 seed 2's Seocho-daero two-lane blockage went unseen (lane 0 at
   * 80 veh/h against 294 usual, chance 0.0011). It costs the grid's one-lane blockage (seed 2, a lane
   * of 238 veh/h usual) 60 s (450 → 510 s; 30 s at 0.03-0.08, none at 0.1, which is no test of
   * chance). A lane of 120 veh/h counts nothing in a 180 s window by chance once in 400 windows; one of
   * 60 veh/h once in 20.
   */
  readonly laneMaxChance?: number;
  /** Intervals a lane alarm must persist (with the window, more than a cycle). Default 4. */
  readonly lanePersistIntervals?: number;
};

/** Every threshold's default (each option's comment says why). */
export const INCIDENT_DETECTOR_DEFAULTS: Readonly<Required<IncidentDetectorOptions>> = Object.freeze({
  occDiffPct: 25,
  occRelDiff: 0.5,
  downstreamMaxOccPct: 15,
  speedDropShare: 0.5,
  speedLimitShare: 0.5,
  persistIntervals: 2,
  signalPersistIntervals: 4,
  clearIntervals: 3,
  windowS: 180,
  learnIntervals: 20,
  learnRate: 0.05,
  queueRisePct: 25,
  queueRiseSpreads: 4,
  downstreamStarvedShare: 0.7,
  flowDropShare: 0.35,
  minUsualFlowVph: 300,
  maxSkewMs: 120_000,
  laneDropShare: 0.3,
  laneMinExpectedVph: 160,
  laneOthersFlowingShare: 0.5,
  laneMaxOccupancyOverOthersPct: 15,
  laneMaxChance: 0.01,
  lanePersistIntervals: 4,
});
