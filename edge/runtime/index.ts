/**
 * @module edge/runtime
 * The edge composed from its parts (MQTT, OPC UA, SQLite, the node): what `its edge` and the demo run.
 */
export { startEdgeRuntime, journaled } from './edge-runtime.ts';
export type { EdgeRuntime, EdgeRuntimeOptions } from './edge-runtime.ts';
