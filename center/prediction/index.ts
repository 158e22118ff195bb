/**
 * @module center/prediction
 * Bus arrival prediction: smoothed segment times, dwell model, per-bus predictions, timetable
 * fallback, Seoul-style arrival texts, and the service that keeps it all current.
 */
export { SegmentSmoother } from './segment-smoother.ts';
export type { SegmentEstimate, SegmentSmootherOptions } from './segment-smoother.ts';
export { DwellModel } from './dwell-model.ts';
export type { DwellModelOptions, DwellQuery } from './dwell-model.ts';
export { predictVehicle, placeOnSegment } from './predict-vehicle.ts';
export { SegmentProfile } from './segment-profile.ts';
export type { SegmentProfileOptions, SegmentPlace, ProfileEstimate } from './segment-profile.ts';
export type { ArrivalPrediction, PredictContext } from './predict-vehicle.ts';
export { scheduledArrivals, serviceDayStartMs, utcOffsetOf } from './schedule.ts';
export type { ScheduledArrival } from './schedule.ts';
export { arrivalText, SERVICE_ENDED, NO_DATA, ARRIVING_WITHIN_S } from './arrival-text.ts';
export type { ArrivalText } from './arrival-text.ts';
export { ArrivalService } from './arrival-service.ts';
export type { StopBoard, RouteBoard, BoardArrival } from './arrival-service.ts';
export type { ArrivalServiceOptions } from './arrival-options.ts';
