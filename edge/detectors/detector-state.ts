/**
 * @module edge/detectors/detector-state
 * What the detector processor keeps of one detector: its aggregator of actuation edges, the reports
 * waiting for their interval to close, the intervals closed so far (the history health and control
 * read), when it was last heard, and its health.
 */
import type { Detector, DetectorHealth } from '../../core/index.ts';
import type { LaneAggregate } from './lane-aggregator.ts';
import { LaneAggregator } from './lane-aggregator.ts';

/** Closed intervals kept per detector: 20 minutes of 30 s intervals, more than any health test looks back. */
export const HISTORY_LENGTH = 40;

/** The processor's state of one detector. */
export type DetectorState = {
  readonly detector: Detector;
  readonly aggregator: LaneAggregator;
  /** The device's own reports by interval start, until their interval closes. */
  readonly reports: Map<number, LaneAggregate>;
  /** Closed intervals, oldest first, at most {@link HISTORY_LENGTH}. */
  history: LaneAggregate[];
  usesActuations: boolean;
  lastHeardMs: number | null;
  lastOnMs: number | null;
  health: DetectorHealth;
  healthSince: number;
};

/** A detector's state before anything was heard of it: healthy since `sinceMs`. */
export function newDetectorState(detector: Detector, intervalS: number, sinceMs: number): DetectorState {
  return {
    detector,
    aggregator: new LaneAggregator({
      detectorId: detector.id,
      intervalS,
      effectiveLengthM: detector.lengthM + 5,
    }),
    reports: new Map(),
    history: [],
    usesActuations: false,
    lastHeardMs: null,
    lastOnMs: null,
    health: 'ok',
    healthSince: sinceMs,
  };
}
