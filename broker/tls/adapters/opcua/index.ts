/**
 * @module broker/tls/adapters/opcua
 * OPC UA certificates for controllers and edges (node-opcua's certificate manager).
 */
export type { OpcuaPki, OpcuaPkiOptions } from './opcua-pki.ts';
export {
  controllerApplicationUri,
  createOpcuaPki,
  edgeApplicationUri,
  trustOpcuaClient,
  trustOpcuaServer,
} from './opcua-pki.ts';
