/**
 * @module edge/bus-tracking
 * Bus tracking: map matching of AVL fixes to route shapes, stop events, segment travel times and
 * schedule deviation, or headway lateness on headway-based (GTFS frequencies) trips.
 */
export { BusTracker, DEFAULT_BUS_TRACKER_OPTIONS } from './bus-tracker.ts';
export type { BusTrackerOptions, FixOutcome, FixRejectReason } from './bus-tracker.ts';
export { BusTrace, headwayLatenessS, scheduledHeadwayS } from './headway.ts';
export type { HeadwayInput } from './headway.ts';
export { RouteCatalog } from './route-catalog.ts';
export type { HeadwayPeriod, PatternStop, TripPattern } from './route-catalog.ts';
export { RouteShape } from './route-shape.ts';
export type { ShapeMatch } from './route-shape.ts';
export { scheduledTimeAt, scheduleDeviationS, serviceSeconds } from './schedule.ts';
