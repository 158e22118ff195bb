/**
 * @module edge/detectors
 * Detector processing: per-lane interval aggregates, link flow/density/speed (a standing queue read
 * at the jam speed), detector health and alarms.
 */
export { DetectorProcessor } from './detector-processor.ts';
export type {
  DetectorDropReason,
  DetectorProcessorOptions,
  DetectorStats,
  DetectorTickOutput,
  DetectorView,
} from './detector-processor.ts';
export { LaneAggregator } from './lane-aggregator.ts';
export type { LaneAggregate, LaneAggregatorOptions } from './lane-aggregator.ts';
export { diagnose, DEFAULT_HEALTH_OPTIONS } from './health.ts';
export type { HealthInput, HealthOptions } from './health.ts';
export { estimateLinkState, MEAN_VEHICLE_LENGTH_M } from './link-state.ts';
export type { LinkStateItem } from './link-state.ts';
export { JAM_SPEED_KMH, STANDING_QUEUE_OCCUPANCY_PCT } from './standing-queue.ts';
