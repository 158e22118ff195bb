/**
 * @module edge/ingest
 * Field-message ingest: validate once, drop and count bad input by reason, detect duplicates and
 * sequence gaps per device, and turn settled gaps into alarms for the uplink.
 */
export { Ingest } from './ingest.ts';
export type { DropReason, IngestOptions, IngestResult, IngestStats, SequenceEvent } from './ingest.ts';
export { DuplicateWindow } from './duplicate-window.ts';
export type { DuplicateWindowOptions } from './duplicate-window.ts';
export { SequenceTracker } from './sequence-tracker.ts';
export type { SequenceVerdict, DeviceSequenceStats } from './sequence-tracker.ts';
export { GapAlarms, DEFAULT_GAP_ALARM_OPTIONS, SEQUENCE_GAP_CODE } from './gap-alarms.ts';
export type { GapAlarmOptions } from './gap-alarms.ts';
