/**
 * @module center/adapters/ws/node-web-server.test
 * The node:http + ws server passes the web-server contract, and closes a connection that sent a
 * message over the size limit with a close frame (1009). (The uWS engine cuts such a connection
 * without one, 1006: uWS closes it itself once a message passes maxPayloadLength.)
 */
import { afterEach, expect, test } from 'vitest';
import type { WebServer } from '../../http/index.ts';
import { rawWsClose, runWebServerContract } from '../../http/testing/index.ts';
import { startNodeWebServer } from './index.ts';

runWebServerContract({ start: startNodeWebServer });

const servers: WebServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

test('a WebSocket message over the size limit closes the connection with 1009, a close frame', async () => {
  const server = await startNodeWebServer(
    {
      request: async () => ({ status: 200, body: '' }),
      wsOpen: () => undefined,
      wsMessage: () => undefined,
      wsClose: () => undefined,
    },
    { port: 0, maxWsMessageBytes: 1024 },
  );
  servers.push(server);
  expect(await rawWsClose(server.port, 'x'.repeat(1 << 20))).toBe(1009);
});
