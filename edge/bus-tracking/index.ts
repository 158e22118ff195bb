/**
 * @module edge/bus-tracking
 * Bus tracking: map matching of AVL fixes to route shapes, stop events, segment travel times and
 * schedule deviation.
 */
export { BusTracker, DEFAULT_BUS_TRACKER_OPTIONS } from './bus-tracker.ts';
export type { BusTrackerOptions, FixOutcome, FixRejectReason } from './bus-tracker.ts';
export { RouteCatalog } from './route-catalog.ts';
export type { PatternStop, TripPattern } from './route-catalog.ts';
export { RouteShape } from './route-shape.ts';
export type { ShapeMatch } from './route-shape.ts';
export { scheduledTimeAt, scheduleDeviationS, serviceSeconds } from './schedule.ts';
