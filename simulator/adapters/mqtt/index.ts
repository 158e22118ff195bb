/**
 * @module simulator/adapters/mqtt
 * MQTT.js publisher of the simulated field devices.
 */
export { connectFieldPublisher } from './publisher.ts';
export type { FieldPublisher } from './publisher.ts';
