/**
 * @module center/node/center-ws-per-address.int.test
 * A center started with `wsMaxPerAddress: 3`, on each engine: three WebSocket clients from 127.0.0.1
 * connect and subscribe, the fourth is refused at upgrade with 429 and a JSON error, counted in
 * /metrics as `its_center_ws_refused_total{reason="per-address"}`; the three keep their channels,
 * the API still answers, and closing one lets a new client in.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { loadScenario, SystemClock } from '../../core/index.ts';
import { connectWsClient, refusedUpgrade, type TestWsClient } from '../http/testing/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';

const nodes: CenterNode[] = [];
const clients: TestWsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(nodes.splice(0).map((n) => n.close()));
});

const refusedCount = async (base: string): Promise<number> => {
  const metrics = await (await fetch(`${base}/metrics`)).text();
  return Number(/its_center_ws_refused_total\{reason="per-address"\} (\d+)/.exec(metrics)?.[1] ?? 0);
};

const subscribed = async (c: TestWsClient, channel = 'vehicles'): Promise<void> => {
  c.send({ op: 'subscribe', channel });
  await c.next((f) => f['type'] === 'snapshot' && f['channel'] === channel);
};

describe.each(['uws', 'node'] as const)('engine %s', (engine) => {
  test('the connection over the per-address cap gets 429, is counted, and a closed one frees its slot', async () => {
    const node = await startCenterNode({
      scenario: loadScenario('core/scenario/fixtures/mini.json'),
      clock: new SystemClock(),
      httpPort: 0,
      engine,
      tokens: [],
      wsMaxPerAddress: 3,
      log: () => undefined,
    });
    nodes.push(node);
    expect(node.engine).toBe(engine);
    const base = `http://127.0.0.1:${node.port}`;
    for (let i = 0; i < 3; i++) clients.push(await connectWsClient(node.port));
    for (const c of clients) await subscribed(c);
    expect(await refusedCount(base)).toBe(0);

    const refused = await refusedUpgrade(node.port);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        code: 'too-many-connections',
        message: 'more than 3 WebSocket connections open from this address',
      },
    });
    expect(await refusedCount(base)).toBe(1);
    expect((await fetch(`${base}/api/v1/vehicles`)).status).toBe(200);
    for (const c of clients) await subscribed(c, 'signals');

    await clients.shift()?.close();
    let again: TestWsClient | undefined;
    for (let i = 0; i < 100 && again === undefined; i++) {
      // The server may see the close a moment after the client does: until then, a 429 (counted).
      again = await connectWsClient(node.port).catch(() => undefined);
      if (again === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    if (again === undefined) throw new Error('no slot freed');
    clients.push(again);
    await subscribed(again);
  });
});
