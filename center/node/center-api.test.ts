/**
 * @module center/node/center-api.test
 * The HTTP API and WebSocket channels of one center instance over the in-process store, batches handed
 * to its ingest: the shared API suite (run on Redis and the real broker by center-redis.int.test.ts),
 * then what only this setup checks (413 from the node engine, 429, metrics, commands, clearing).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STRATEGY_NAMES, SystemClock, loadScenario } from '../../core/index.ts';
import { linkStateItem, sampleBatch } from '../ingest/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';
import {
  ADMIN,
  getJson,
  OPERATOR,
  runCenterApiSuite,
  sendJson,
  startInProcessCenter,
  SUITE_TOKENS,
  VIEWER,
} from './testing/index.ts';

describe('shared API suite, in-process store', () => runCenterApiSuite({ start: startInProcessCenter }));

let node: CenterNode;
let base: string;

beforeAll(async () => {
  node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    clock: new SystemClock(),
    httpPort: 0,
    engine: 'node',
    maxBodyBytes: 4096,
    tokens: SUITE_TOKENS,
  });
  base = `http://127.0.0.1:${node.port}`;
});
afterAll(() => node.close());

const get = (path: string) => getJson(base, path);
const send = (method: string, path: string, token: string | null, body?: unknown) =>
  sendJson(base, method, path, token, body);

test('oversized bodies get 413 as a JSON error, counted by status', async () => {
  const big = await send('POST', '/api/v1/incidents', OPERATOR, { description: 'x'.repeat(10_000) });
  expect(big.status).toBe(413);
  // The server answers 413 itself; the request is still counted by status.
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toMatch(/its_center_http_requests_total\{status="413"\} [1-9]/);
});

test('metrics, health, readiness and the OpenAPI document', async () => {
  const batch = sampleBatch({
    region: 'gangnam',
    edgeId: 'edge-gangnam',
    items: [linkStateItem('L-n-in', 30, Date.now())],
  });
  expect(
    (await node.ingest.handle('its/v1/gangnam/edge/edge-gangnam/up', JSON.stringify(batch))).status,
  ).toBe('accepted');
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toContain('its_center_http_requests_total');
  expect(metrics).toContain('its_center_ingest_batches_total');
  expect((await get('/healthz')).status).toBe(200);
  expect((await get('/readyz')).body).toMatchObject({ status: 'ready' });
  expect((await get('/api/v1/openapi.json')).body['openapi']).toBe('3.1.0');
});

test('too many requests from one client get 429 with retry-after', async () => {
  const limited = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    httpPort: 0,
    engine: 'uws',
    tokens: [],
    rateLimit: { perSecond: 0.1, burst: 2 },
  });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fetch(`http://127.0.0.1:${limited.port}/api/v1/regions`)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const r = await fetch(`http://127.0.0.1:${limited.port}/api/v1/regions`);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${limited.port}/healthz`)).status).toBe(200);
  } finally {
    await limited.close();
  }
});

test('made-up bearer tokens share the bucket of their address; a known token has its own', async () => {
  const limited = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    httpPort: 0,
    engine: 'uws',
    tokens: SUITE_TOKENS,
    rateLimit: { perSecond: 0.1, burst: 2 },
  });
  const status = async (authorization?: string): Promise<number> =>
    (
      await fetch(`http://127.0.0.1:${limited.port}/api/v1/regions`, {
        headers: authorization === undefined ? {} : { authorization },
      })
    ).status;
  try {
    const junk: number[] = [];
    // Each request another token nobody issued: before, each got a fresh bucket and none was limited.
    for (let i = 0; i < 4; i++) junk.push(await status(`Bearer junk-token-${i}-xxxxxxxxxxxx`));
    expect(junk).toEqual([200, 200, 429, 429]);
    expect(await status('Basic Zm9vOmJhcg==')).toBe(429);
    expect(await status()).toBe(429);
    // An operator's own token is not held back by what its address sent.
    expect([await status(`Bearer ${OPERATOR}`), await status(`Bearer ${OPERATOR}`)]).toEqual([200, 200]);
    expect(await status(`Bearer ${OPERATOR}`)).toBe(429);
  } finally {
    await limited.close();
  }
});

test('a documented operation this center does not mount is a 404 that says when it is mounted', async () => {
  // Login is in the API index and the OpenAPI document; this center has no operator accounts.
  const login = await send('POST', '/api/v1/login', null, { username: 'kim', password: 'x' });
  expect(login.status).toBe(404);
  expect(login.body).toEqual({
    error: {
      code: 'not-mounted',
      message:
        'POST /api/v1/login is not served by this center; it is when the center runs with operator accounts (`its center --operators <file>`)',
    },
  });
  expect((await send('POST', '/api/v1/logout', OPERATOR)).body).toMatchObject({
    error: { code: 'not-mounted' },
  });
  expect((await get('/api/v1/nowhere')).body).toEqual({
    error: { code: 'not-found', message: 'no route /api/v1/nowhere' },
  });
});

test('an operator sends a plan to an intersection; unknown plans are refused and the write is audited', async () => {
  const ix = node.network.scenario.intersections[0];
  const planId = ix?.plans[0]?.id ?? '';
  const ok = await send('POST', `/api/v1/signals/${ix?.id}/commands`, OPERATOR, { planId });
  expect(ok.status).toBe(202);
  expect(ok.body).toMatchObject({ intersectionId: ix?.id, planId, delivered: false });
  expect(
    (await send('POST', `/api/v1/signals/${ix?.id}/commands`, OPERATOR, { planId: 'nope' })).status,
  ).toBe(400);
  expect((await send('POST', `/api/v1/signals/${ix?.id}/commands`, VIEWER, { planId })).status).toBe(403);
  expect((await send('POST', '/api/v1/signals/nope/commands', OPERATOR, { planId })).status).toBe(404);
  const audit = await fetch(`${base}/api/v1/audit?limit=1`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  expect(((await audit.json()) as { action: string }[])[0]?.action).toBe('signal.command');
});

test('a strategy no edge runs is refused with 400 naming the allowed ones, counted as a bad request and not audited', async () => {
  const ix = node.network.scenario.intersections[0];
  const count400 = async (): Promise<number> => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    return Number(/its_center_http_requests_total\{status="400"\} (\d+)/.exec(metrics)?.[1] ?? 0);
  };
  const auditLength = async (): Promise<number> => {
    const r = await fetch(`${base}/api/v1/audit?limit=10000`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    return ((await r.json()) as unknown[]).length;
  };
  const [bad400, audited] = [await count400(), await auditLength()];
  const refused = await send('POST', `/api/v1/signals/${ix?.id}/commands`, OPERATOR, { strategy: 'fastest' });
  expect(refused.status).toBe(400);
  expect(refused.body['error']).toMatchObject({
    code: 'invalid-input',
    issues: [
      { path: 'strategy', message: `unknown strategy "fastest"; use one of ${STRATEGY_NAMES.join(', ')}` },
    ],
  });
  expect(await count400()).toBe(bad400 + 1);
  expect(await auditLength()).toBe(audited);
  const ok = await send('POST', `/api/v1/signals/${ix?.id}/commands`, OPERATOR, { strategy: 'max-pressure' });
  expect(ok.status).toBe(202);
  expect(ok.body).toMatchObject({ strategy: 'max-pressure', planId: null });
});

test('an instance started without the clearing house serves no clearing report (another instance runs it)', async () => {
  expect((await get('/api/v1/clearing/days')).status).toBe(200);
  const other = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    httpPort: 0,
    engine: 'node',
    tokens: [],
    clearingHouse: false,
  });
  try {
    expect(other.clearing).toBeNull();
    const r = await fetch(`http://127.0.0.1:${other.port}/api/v1/clearing/days`);
    expect(r.status).toBe(404);
  } finally {
    await other.close();
  }
});
