/**
 * @module core/api
 * Contracts of the center's HTTP/WebSocket API shared with its clients (the display pages). Apart
 * from the WebSocket frame schema, type-only: the browser build imports these types and nothing else.
 */
export { CHANNEL_PATTERN, clientFrameSchema } from './ws-frames.ts';
export type { ClientFrame, ServerFrame } from './ws-frames.ts';
export type { BilingualText, BoardArrival, RouteBoard, StopBoard } from './stop-board.ts';
export type { RouteAnswer, RouteFeature } from './route-answer.ts';
export type {
  AlarmView,
  DetectorHealthState,
  DetectorHealthView,
  DetectorView,
  DeviceView,
  EdgeAlarmCode,
  IncidentView,
  LinkStateView,
  RecordDelta,
  RegionSnapshot,
  SignalStateView,
  SignalTimingView,
  UnitTimingView,
  SignMessageView,
  SignView,
  VehicleView,
} from './records.ts';
