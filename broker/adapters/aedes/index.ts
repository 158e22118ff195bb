/**
 * @module broker/adapters/aedes
 * The embedded aedes broker.
 */
export { startEmbeddedBroker } from './aedes-broker.ts';
