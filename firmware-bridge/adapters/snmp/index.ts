/**
 * @module firmware-bridge/adapters/snmp
 * Door of the SNMP (net-snmp) adapter: the NTCIP 1202 poller, its poll loop, and a simulated
 * controller agent for tests.
 */
export { createNtcipPoller } from './ntcip-poller.ts';
export type { NtcipPoller, NtcipPollerOptions, PollFailure, PollResult } from './ntcip-poller.ts';
export { NtcipBridge } from './ntcip-bridge.ts';
export type { NtcipBridgeCounters, NtcipBridgeOptions } from './ntcip-bridge.ts';
export { startSimulatedController } from './simulated-controller-agent.ts';
export type { SimulatedController } from './simulated-controller-agent.ts';
