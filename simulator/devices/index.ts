/**
 * @module simulator/devices
 * Simulated field devices emitting `core/messages` shapes through a sink callback.
 */
export { Envelopes } from './sink.ts';
export type { FieldMessage, MessageSink } from './sink.ts';
export { LoopDetectors } from './loop-detectors.ts';
export type { LoopTotals } from './loop-detectors.ts';
