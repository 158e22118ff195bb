/**
 * @module center/node/center-api.test
 * The HTTP API and WebSocket channels of one center instance over the in-process store (the Redis and
 * MQTT paths are covered by center-node.int.test.ts).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SystemClock, loadScenario, type UplinkItem } from '../../core/index.ts';
import { connectWsClient } from '../http/testing/index.ts';
import { sampleBatch, linkStateItem, busProgressItem } from '../ingest/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';

const OPERATOR = 'operator-token-0123456789';
const VIEWER = 'viewer-token-0123456789ab';
const ADMIN = 'admin-token-0123456789abc';
let node: CenterNode;
let base: string;

beforeAll(async () => {
  node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    clock: new SystemClock(),
    httpPort: 0,
    engine: 'node',
    maxBodyBytes: 4096,
    tokens: [
      { name: 'ops-kim', role: 'operator', token: OPERATOR },
      { name: 'view-lee', role: 'viewer', token: VIEWER },
      { name: 'admin-park', role: 'admin', token: ADMIN },
    ],
  });
  base = `http://127.0.0.1:${node.port}`;
});
afterAll(() => node.close());

const get = async (path: string) => {
  const r = await fetch(`${base}${path}`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & unknown[] };
};
const send = async (method: string, path: string, token: string | null, body?: unknown) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const r = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};
const ingest = async (items: readonly UplinkItem[]) => {
  const b = sampleBatch({ region: 'gangnam', edgeId: 'edge-gangnam', items });
  return node.ingest.handle(`its/v1/gangnam/edge/edge-gangnam/up`, JSON.stringify(b));
};

test('serves regions, links as GeoJSON with live speed and LOS, detectors and stops', async () => {
  await ingest([linkStateItem('L-n-in', 12, Date.now())]);
  expect((await get('/api/v1/regions')).body[0]).toMatchObject({ id: 'gangnam' });
  const links = await get('/api/v1/links');
  expect(links.body['type']).toBe('FeatureCollection');
  const feature = (links.body['features'] as { id: string; properties: Record<string, unknown> }[]).find(
    (f) => f.id === 'L-n-in',
  );
  expect(feature?.properties).toMatchObject({ speedKmh: 12, los: 'F', source: 'live' });
  const detectors = await get('/api/v1/detectors');
  expect(detectors.body[0]).toMatchObject({ health: 'unknown' });
  expect((await get('/api/v1/stops')).body.length).toBeGreaterThan(0);
  const near = await get('/api/v1/stops?near=127.02718,37.498961&radiusM=50');
  expect(near.body[0]).toMatchObject({ id: '22-202' });
  expect((await get('/api/v1/regions/gangnam')).body['links']).toHaveLength(1);
});

test('serves vehicles, signals and a stop arrival board', async () => {
  await ingest([
    busProgressItem('bus-77', Date.now(), {
      routeId: '140',
      tripId: '140-0-0700',
      lon: 127.0277,
      lat: 37.4979,
      lastStopId: '22-201',
      nextStopId: '22-202',
    } as never),
  ]);
  expect((await get('/api/v1/vehicles?route=140')).body[0]).toMatchObject({ vehicleId: 'bus-77' });
  expect((await get('/api/v1/vehicles/bus-77')).status).toBe(200);
  const board = await get('/api/v1/stops/22-202/arrivals');
  expect(board.body['routes']).toMatchObject([{ routeId: '140', status: 'live' }]);
  expect((await get('/api/v1/signals')).status).toBe(200);
});

test('unknown ids give 404, bad queries 400, oversized bodies 413, all as JSON errors', async () => {
  expect((await get('/api/v1/stops/nope/arrivals')).status).toBe(404);
  expect((await get('/api/v1/links/nope')).status).toBe(404);
  expect((await get('/api/v1/nowhere')).status).toBe(404);
  const bad = await get('/api/v1/stops?near=banana');
  expect(bad.status).toBe(400);
  expect(bad.body['error']).toMatchObject({ code: 'invalid-input' });
  const big = await send('POST', '/api/v1/incidents', OPERATOR, { description: 'x'.repeat(10_000) });
  expect(big.status).toBe(413);
  // The server answers 413 itself; the request is still counted by status.
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toMatch(/its_center_http_requests_total\{status="413"\} [1-9]/);
});

test('an operator declares, edits and clears an incident; each write is audited', async () => {
  const declared = await send('POST', '/api/v1/incidents', OPERATOR, {
    linkId: 'L-e-in',
    lanes: [0, 1],
    kind: 'crash',
  });
  expect(declared.status).toBe(201);
  const id = declared.body['id'] as string;
  const edited = await send('PATCH', `/api/v1/incidents/${id}`, OPERATOR, { severity: 'critical' });
  expect(edited.body).toMatchObject({ severity: 'critical', lanes: [0, 1] });
  expect((await get('/api/v1/incidents')).body.map((i) => (i as { id: string }).id)).toContain(id);
  expect((await send('DELETE', `/api/v1/incidents/${id}`, OPERATOR)).body).toMatchObject({
    status: 'cleared',
  });
  const audit = await fetch(`${base}/api/v1/audit`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const entries = (await audit.json()) as { actor: string; action: string }[];
  expect(entries.map((e) => e.action)).toEqual(['incident.declare', 'incident.edit', 'incident.clear']);
  expect(entries[0]?.actor).toBe('ops-kim');
});

test('a viewer token is refused a write, a missing token is 401, and bad fields are named', async () => {
  expect((await send('POST', '/api/v1/incidents', VIEWER, { linkId: 'L-e-in' })).status).toBe(403);
  expect((await send('POST', '/api/v1/incidents', null, { linkId: 'L-e-in' })).status).toBe(401);
  expect(
    (await send('POST', '/api/v1/incidents', 'wrong-token-00000000000', { linkId: 'L-e-in' })).status,
  ).toBe(401);
  const bad = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-e-in', lanes: [7] });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain('lanes.0');
  const audit = await fetch(`${base}/api/v1/audit`, { headers: { authorization: `Bearer ${OPERATOR}` } });
  expect(audit.status).toBe(403);
});

test('sign messages: operator publishes, the sign shows the best one, channel gets the change', async () => {
  const signs = await get('/api/v1/signs');
  const signId = (signs.body[0] as { id: string }).id;
  const ws = await connectWsClient(node.port);
  ws.send({ op: 'subscribe', channel: `sign:${signId}` });
  await ws.next((f) => f['type'] === 'snapshot');
  const published = await send('POST', `/api/v1/signs/${signId}/messages`, OPERATOR, {
    textKo: '전방 사고',
    textEn: 'Crash ahead',
  });
  expect(published.status).toBe(201);
  const delta = await ws.next((f) => f['type'] === 'delta');
  expect(delta['data']).toMatchObject({ displayed: { textKo: '전방 사고' } });
  expect((await get(`/api/v1/signs/${signId}`)).body['displayed']).toMatchObject({ textEn: 'Crash ahead' });
  await ws.close();
});

test('WebSocket channels give a snapshot on subscribe and deltas after', async () => {
  const ws = await connectWsClient(node.port);
  for (const channel of ['vehicles', 'signals', 'incidents', 'region:gangnam', 'stop:22-202']) {
    ws.send({ op: 'subscribe', channel });
    await ws.next((f) => f['type'] === 'snapshot' && f['channel'] === channel);
  }
  ws.send({ op: 'subscribe', channel: 'stop:nope' });
  expect(await ws.next((f) => f['type'] === 'error')).toMatchObject({ code: 'not-found' });
  ws.send('not json');
  expect(await ws.next((f) => f['code'] === 'not-json')).toBeTruthy();
  await ingest([
    busProgressItem('bus-88', Date.now(), {
      routeId: '140',
      tripId: '140-0-0700',
      lastStopId: '22-201',
      nextStopId: '22-202',
    } as never),
  ]);
  const v = await ws.next((f) => f['type'] === 'delta' && f['channel'] === 'vehicles');
  expect(JSON.stringify(v['data'])).toContain('bus-88');
  await ws.next((f) => f['type'] === 'delta' && f['channel'] === 'region:gangnam');
  const stop = await ws.next((f) => f['type'] === 'delta' && f['channel'] === 'stop:22-202');
  expect(JSON.stringify(stop['data'])).toContain('bus-88');
  await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-e-in', lanes: [0] });
  await ws.next((f) => f['type'] === 'delta' && f['channel'] === 'incidents');
  await ws.close();
});

test('metrics, health, readiness and the OpenAPI document', async () => {
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
