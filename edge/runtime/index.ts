/**
 * @module edge/runtime
 * The edge composed from its parts (MQTT, OPC UA, SQLite, the node): what `its edge` and the demo run.
 */
export { startEdgeRuntime } from './edge-runtime.ts';
export { FieldInbox, journaled } from './field-inbox.ts';
export type { InboxJournal, InboxNode } from './field-inbox.ts';
export type { EdgeRuntime, EdgeRuntimeOptions } from './edge-runtime-options.ts';
export type { MetricsEndpointOptions } from './metrics-endpoint.ts';
