/**
 * @module core/transit
 * GTFS-shaped transit model.
 */
export * from './transit.ts';
export { shiftTimetable } from './timetable-shift.ts';
