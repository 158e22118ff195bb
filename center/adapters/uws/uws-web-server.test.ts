/**
 * @module center/adapters/uws/uws-web-server.test
 * The uWebSockets.js server passes the web-server contract, and frees its port on close.
 */
import { request, Agent } from 'node:http';
import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import type { WebHandlers } from '../../http/index.ts';
import { runWebServerContract } from '../../http/testing/index.ts';
import { startUwsWebServer } from './index.ts';

runWebServerContract({ start: startUwsWebServer });

test('a server started on port 0 frees its port at close, even with a keep-alive client', async () => {
  const handlers: WebHandlers = {
    request: () => Promise.resolve({ status: 200, body: 'ok' }),
    wsOpen: () => undefined,
    wsMessage: () => undefined,
    wsClose: () => undefined,
  };
  const server = await startUwsWebServer(handlers, { port: 0, host: '127.0.0.1', maxBodyBytes: 1024 });
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.port, path: '/', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
    })
      .on('error', reject)
      .end();
  });
  await server.close();
  agent.destroy();
  const rebound = await new Promise<boolean>((resolve) => {
    const again = createServer();
    again.once('error', () => resolve(false));
    again.listen(server.port, '127.0.0.1', () => again.close(() => resolve(true)));
  });
  expect(rebound).toBe(true);
});
