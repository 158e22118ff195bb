/**
 * @module center/ingest
 * Center ingest: validate, deduplicate, track gaps, store. Independent of the MQTT client.
 */
export { CenterIngest } from './center-ingest.ts';
export type {
  BatchRef,
  CenterIngestOptions,
  IngestOutcome,
  IngestRejectReason,
  IngestStats,
} from './center-ingest.ts';
export { SeqTracker } from './seq-tracker.ts';
export type { SeqObservation, SeqStats } from './seq-tracker.ts';
export { batchWrites, batchChange } from './batch-writes.ts';
export type { BatchWrites } from './batch-writes.ts';
export { sampleBatch, linkStateItem, busProgressItem } from './sample-batch.ts';
export type { SampleBatchOptions } from './sample-batch.ts';
export { UplinkAcks } from './uplink-acks.ts';
export type { AckPublisher, UplinkAckStats, UplinkAcksOptions } from './uplink-acks.ts';
