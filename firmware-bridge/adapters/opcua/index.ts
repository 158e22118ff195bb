/**
 * @module firmware-bridge/adapters/opcua
 * Door of the node-opcua adapter: an NTCIP controller presented in our OPC UA address space.
 */
export { startNtcipOpcuaServer } from './ntcip-opcua-server.ts';
export type { NtcipOpcuaServer, NtcipOpcuaServerOptions, PhaseControlPort } from './ntcip-opcua-server.ts';
