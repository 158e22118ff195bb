/**
 * @module controllers/adapters/opcua
 * OPC UA server adapter of signal controllers (node-opcua).
 */
export { startOpcuaServer } from './server.ts';
export type { OpcuaServerOptions, OpcuaServerHandle } from './server.ts';
export type { OpcuaUser } from './users.ts';
