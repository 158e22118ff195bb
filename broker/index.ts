/**
 * @module broker
 * The MQTT broker process (`its broker`) and the embedded broker the demo and tests start.
 */
export type { BrokerAuth, BrokerOptions, BrokerStats, BrokerTlsOptions, MessageBroker } from './broker.ts';
export { PortTakenError } from './broker.ts';
export { startEmbeddedBroker } from './adapters/aedes/index.ts';
export * from './acl/index.ts';
export * from './tls/index.ts';
