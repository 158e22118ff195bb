/**
 * @module firmware-bridge/adapters/runtime
 * Door of the bridge wiring.
 */
export { runFixStream } from './gps-runtime.ts';
export type { FixDecoder, FixStreamOptions } from './gps-runtime.ts';
export { startGpsBridge } from './start-gps-bridge.ts';
export type { GpsBridgeRun, StartGpsBridgeOptions } from './start-gps-bridge.ts';
export { startNtcipBridge } from './start-ntcip-bridge.ts';
export type { NtcipBridgeRun, StartNtcipBridgeOptions } from './start-ntcip-bridge.ts';
