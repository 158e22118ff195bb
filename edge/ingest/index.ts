/**
 * @module edge/ingest
 * Field-message ingest: validate once, drop and count bad input by reason, detect duplicates and
 * sequence gaps per device, turn settled gaps into alarms for the uplink, and tell when the backlog a
 * field session resumed with has drained.
 */
export { Ingest } from './ingest.ts';
export type { DropReason, IngestOptions, IngestResult, IngestStats, SequenceEvent } from './ingest.ts';
export { DuplicateWindow } from './duplicate-window.ts';
export type { DuplicateWindowOptions } from './duplicate-window.ts';
export { SequenceTracker } from './sequence-tracker.ts';
export type { SequenceVerdict, DeviceSequenceStats } from './sequence-tracker.ts';
export { GapAlarms, DEFAULT_GAP_ALARM_OPTIONS, SEQUENCE_GAP_CODE } from './gap-alarms.ts';
export type { GapAlarmOptions } from './gap-alarms.ts';
export { SessionBacklog, DEFAULT_SESSION_BACKLOG } from './session-backlog.ts';
export type { SessionBacklogOptions, SessionBacklogStats } from './session-backlog.ts';
