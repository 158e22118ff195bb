/**
 * @module center/http/testing
 * Test support: the web-server contract suite and a WebSocket test client.
 */
export { runWebServerContract } from './web-server-contract.ts';
export { connectWsClient, rawWsClose, refusedUpgrade } from './ws-client.ts';
export type { TestWsClient } from './ws-client.ts';
