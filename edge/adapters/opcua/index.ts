/**
 * @module edge/adapters/opcua
 * node-opcua wiring of the edge: the client of the controllers' OPC UA servers.
 */
export { connectControllerClient } from './controller-client.ts';
export type { ControllerClient, ControllerClientOptions } from './controller-client.ts';
