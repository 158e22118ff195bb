/**
 * @module center/node/center-trust-proxy.int.test
 * A center behind a reverse proxy, on each engine (the proxy here is the test itself on 127.0.0.1,
 * sending `X-Forwarded-For` as nginx does): with `trustProxy` naming 127.0.0.1, the rate limit and
 * the per-address WebSocket cap count each forwarded client apart, so one busy client behind the
 * proxy does not lock out the others; without it (the default) the header is ignored, so a client
 * cannot pick a fresh address per request to escape either limit.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { loadScenario, SystemClock } from '../../core/index.ts';
import { ProxyTrust } from '../http/index.ts';
import { connectWsClient, refusedUpgrade, type TestWsClient } from '../http/testing/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';

const nodes: CenterNode[] = [];
const clients: TestWsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(nodes.splice(0).map((n) => n.close()));
});

async function center(engine: 'uws' | 'node', trusted: boolean): Promise<CenterNode> {
  const node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    clock: new SystemClock(),
    httpPort: 0,
    engine,
    tokens: [],
    wsMaxPerAddress: 2,
    // Three requests' burst, refilled far slower than the test runs.
    rateLimit: { perSecond: 0.01, burst: 3 },
    ...(trusted ? { trustProxy: ProxyTrust.parse('127.0.0.1') } : {}),
    log: () => undefined,
  });
  nodes.push(node);
  return node;
}

const statuses = async (port: number, forwardedFor: string, n: number): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/regions`, {
      headers: { 'x-forwarded-for': forwardedFor },
    });
    out.push(r.status);
  }
  return out;
};

describe.each(['uws', 'node'] as const)('engine %s', (engine) => {
  test('behind a trusted proxy each forwarded client has its own rate limit and WebSocket slots', async () => {
    const node = await center(engine, true);
    expect(await statuses(node.port, '198.51.100.1', 4)).toEqual([200, 200, 200, 429]);
    // Another client behind the same proxy is not held back by the first one.
    expect(await statuses(node.port, '198.51.100.2', 1)).toEqual([200]);
    // A client's own (spoofed) entry left of the proxy's is not believed: still 198.51.100.1.
    expect(await statuses(node.port, '10.9.9.9, 198.51.100.1', 1)).toEqual([429]);

    const a = { 'x-forwarded-for': '198.51.100.1' };
    for (let i = 0; i < 2; i++) clients.push(await connectWsClient(node.port, '/ws', a));
    expect((await refusedUpgrade(node.port, '/ws', a)).status).toBe(429);
    clients.push(await connectWsClient(node.port, '/ws', { 'x-forwarded-for': '198.51.100.2' }));
  });

  test('without a trusted proxy the header is ignored: every request is its peer', async () => {
    const node = await center(engine, false);
    // A fresh made-up address per request escapes nothing.
    expect(await statuses(node.port, '198.51.100.1', 3)).toEqual([200, 200, 200]);
    expect(await statuses(node.port, '198.51.100.2', 1)).toEqual([429]);

    clients.push(await connectWsClient(node.port, '/ws', { 'x-forwarded-for': '198.51.100.3' }));
    clients.push(await connectWsClient(node.port, '/ws', { 'x-forwarded-for': '198.51.100.4' }));
    const refused = await refusedUpgrade(node.port, '/ws', { 'x-forwarded-for': '198.51.100.5' });
    expect(refused.status).toBe(429);
  });
});
