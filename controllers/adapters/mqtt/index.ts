/**
 * @module controllers/adapters/mqtt
 * MQTT adapter of the controller process: SPaT and presence publishing (MQTT.js).
 */
export { connectSpatPublisher } from './spat-publisher.ts';
export type { SpatPublisher, SpatPublisherOptions } from './spat-publisher.ts';
export type { SpatPublishersOptions } from './spat-publishers.ts';
export { connectSpatPublishers } from './spat-publishers.ts';
