/**
 * @module edge/adapters/mqtt
 * MQTT.js wiring of the edge: field subscriber and uplink transport.
 */
export {
  connectFieldSubscriber,
  EDGE_FIELD_KINDS,
  EDGE_NODE_KINDS,
  SETTLEMENT_FIELD_KINDS,
} from './field-subscriber.ts';
export type { FieldSubscriber, FieldSubscriberOptions, MqttAuth } from './field-subscriber.ts';
export { connectCommandSubscriber } from './command-subscriber.ts';
export type { CommandSubscriber, CommandSubscriberOptions } from './command-subscriber.ts';
export { keepNoDelay } from './tcp.ts';
export { MqttUplinkTransport } from './uplink-transport.ts';
export type { UplinkTransportOptions } from './uplink-transport.ts';
