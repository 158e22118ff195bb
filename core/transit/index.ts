/**
 * @module core/transit
 * GTFS-shaped transit model.
 */
export * from './transit.ts';
export { secondsToGtfsTime, shiftTimetable } from './timetable-shift.ts';
