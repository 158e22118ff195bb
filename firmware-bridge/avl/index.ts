/**
 * @module firmware-bridge/avl
 * Door of the AVL bridge logic: GPS fixes to `bus.position` and `status` messages.
 */
export { GpsBridge, fixEpochMs } from './gps-bridge.ts';
export type { GpsBridgeOptions, MessageSink, DroppedFixReason } from './gps-bridge.ts';
