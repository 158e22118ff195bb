/**
 * @module edge/ingest
 * Field-message ingest: validate once, drop and count bad input by reason, detect duplicates and
 * sequence gaps per device.
 */
export { Ingest } from './ingest.ts';
export type { DropReason, IngestOptions, IngestResult, IngestStats, SequenceEvent } from './ingest.ts';
export { DuplicateWindow } from './duplicate-window.ts';
export type { DuplicateWindowOptions } from './duplicate-window.ts';
export { SequenceTracker } from './sequence-tracker.ts';
export type { SequenceVerdict, DeviceSequenceStats } from './sequence-tracker.ts';
