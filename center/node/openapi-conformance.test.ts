/**
 * @module center/node/openapi-conformance.test
 * The OpenAPI document against a running center (in-process store, embedded broker, operator
 * accounts, clearing house; HTTP on port 0): its operations are exactly the routes the router
 * registers, and what the center really answers — every GET route, each write, and each documented
 * error — has a documented status, media type and a body that validates against the documented schema.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmbeddedBroker, type MessageBroker } from '../../broker/index.ts';
import { loadScenario, MINI_SCENARIO_PATH, SystemClock, type UplinkItem } from '../../core/index.ts';
import { OperatorAuth } from '../../core/security/index.ts';
import { checkJsonSchema, OPERATIONS, openApiPath, resolvePointer } from '../http/openapi/index.ts';
import { busProgressItem, linkStateItem, sampleBatch } from '../ingest/index.ts';
import { FileOperatorStore, operatorRoutes, SessionApiTokens } from '../operators/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';

const VIEWER = 'viewer-token-0123456789ab';
const OPERATOR = 'operator-token-0123456789';
const ADMIN = 'admin-token-0123456789abc';
const FAST_SCRYPT = { N: 1 << 10, r: 8, p: 1 };
const scenario = loadScenario(MINI_SCENARIO_PATH);

type Json = Record<string, unknown>;
type Exchange = { status: number; media: string; headers: Headers; body: unknown };

let broker: MessageBroker;
let node: CenterNode;
let base: string;
let doc: Json;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ port: 0 });
  const accounts = new FileOperatorStore(join(mkdtempSync(join(tmpdir(), 'its-oas-')), 'operators.json'), {
    scrypt: FAST_SCRYPT,
  });
  await accounts.set('ops-kim', 'operator', 'kim-password-123');
  const auth = new OperatorAuth({
    clock: new SystemClock(),
    findAccount: (u) => accounts.find(u),
    sessionTtlMs: 60_000,
    maxFailures: 3,
    decoyParams: FAST_SCRYPT,
  });
  node = await startCenterNode({
    scenario,
    clock: new SystemClock(),
    mqttUrl: broker.url,
    httpPort: 0,
    engine: 'node',
    maxBodyBytes: 4096,
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    tokens: new SessionApiTokens(auth, [
      { name: 'view-lee', role: 'viewer', token: VIEWER },
      { name: 'ops-kim', role: 'operator', token: OPERATOR },
      { name: 'admin-park', role: 'admin', token: ADMIN },
    ]),
    extraRoutes: [operatorRoutes(auth)],
    log: () => {},
  });
  base = `http://127.0.0.1:${node.port}`;
  doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Json;
  const now = Date.now();
  const items: UplinkItem[] = [
    linkStateItem('L-n-in', 12, now),
    busProgressItem('bus-77', now, {
      routeId: '140',
      tripId: '140-0-0700',
      lon: 127.0277,
      lat: 37.4979,
      lastStopId: '22-201',
      nextStopId: '22-202',
    } as Partial<UplinkItem>),
    { type: 'detector-health', detectorId: 'det-n-sb-0', health: 'stuck-on', since: now - 60_000 },
    {
      type: 'alarm',
      alarmId: 'det-n-sb-0/stuck-on',
      state: 'raised',
      severity: 'warning',
      sourceId: 'det-n-sb-0',
      code: 'stuck-on',
      message: 'detector det-n-sb-0 stuck on',
      at: now,
    },
  ];
  await node.ingest.handle(
    'its/v1/gangnam/edge/edge-gangnam/up',
    JSON.stringify(sampleBatch({ region: 'gangnam', edgeId: 'edge-gangnam', items })),
  );
});
afterAll(async () => {
  await node?.close();
  await broker?.close();
});

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Exchange> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const r = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const media = (r.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const raw = Buffer.from(await r.arrayBuffer());
  const body_ = media.endsWith('json') ? (JSON.parse(raw.toString('utf8')) as unknown) : raw;
  return { status: r.status, media, headers: r.headers, body: body_ };
}

const deref = (o: Json): Json =>
  typeof o['$ref'] === 'string' ? (resolvePointer(doc, o['$ref']) as Json) : o;

/**
 * Check one real exchange against the document: the operation exists, the status is documented, the
 * media type is one documented for it, and a JSON body validates against its schema.
 */
function conforms(method: string, pattern: string, ex: Exchange): void {
  const label = `${method} ${pattern} → ${ex.status}`;
  const op = (doc['paths'] as Record<string, Record<string, Json>>)[openApiPath(pattern)]?.[
    method.toLowerCase()
  ];
  expect(op, `${method} ${pattern} is documented`).toBeDefined();
  const documented = (op?.['responses'] as Record<string, Json>)[String(ex.status)];
  expect(documented, `${label}: status documented`).toBeDefined();
  const content = (deref(documented ?? {})['content'] ?? {}) as Record<string, { schema: Json }>;
  const key = Object.keys(content).find((k) => k.split(';')[0]?.trim() === ex.media);
  expect(key, `${label}: media ${ex.media} among ${Object.keys(content).join(', ')}`).toBeDefined();
  if (!ex.media.endsWith('json') || key === undefined) return;
  expect(checkJsonSchema(ex.body, content[key]?.schema ?? false, doc), label).toEqual([]);
}

const state: { incident: string; cleared: string; command: string } = {
  incident: '',
  cleared: '',
  command: '',
};

test('documents exactly the routes the router registers, with their methods', () => {
  const routed = node.api.router.routes().map((r) => `${r.method} ${r.pattern}`);
  const table = OPERATIONS.map((o) => `${o.method} ${o.pattern}`);
  expect([...table].sort()).toEqual([...routed].sort());
  const served = Object.entries(doc['paths'] as Record<string, Json>).flatMap(([path, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
  );
  expect(served.sort()).toEqual(routed.map((r) => r.replace(/:([A-Za-z_]\w*)/g, '{$1}')).sort());
});

test('an intersection no edge has reported answers the documented stand-in', async () => {
  const ex = await call('GET', '/api/v1/signals/gangnam-stn', null);
  expect(ex.body).toMatchObject({ online: false, state: null });
  conforms('GET', '/api/v1/signals/:id', ex);
});

test('each write answers its documented status and body', async () => {
  const signal: UplinkItem = {
    type: 'signal-state',
    intersectionId: 'gangnam-stn',
    mode: 'external',
    strategy: 'webster',
    planId: 'am-peak',
    cycleS: 120,
    lastSplitsS: { '2': 40, '4': 30 },
    greenGroups: [2, 6],
    fault: null,
    online: true,
  };
  await node.ingest.handle(
    'its/v1/gangnam/edge/edge-gangnam/up',
    JSON.stringify(sampleBatch({ region: 'gangnam', edgeId: 'edge-gangnam', seq: 1, items: [signal] })),
  );
  const declared = await call('POST', '/api/v1/incidents', OPERATOR, {
    linkId: 'L-e-in',
    lanes: [0],
    kind: 'crash',
  });
  expect(declared.status).toBe(201);
  expect(declared.headers.get('location')).toMatch(/^\/api\/v1\/incidents\//);
  conforms('POST', '/api/v1/incidents', declared);
  state.incident = (declared.body as { id: string }).id;
  const duplicate = await call('POST', '/api/v1/incidents', OPERATOR, {
    linkId: 'L-e-in',
    kind: 'breakdown',
  });
  expect(duplicate.status).toBe(409);
  expect(duplicate.body).toMatchObject({ error: { code: 'conflict', existingId: state.incident } });
  conforms('POST', '/api/v1/incidents', duplicate);
  const other = await call('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-w-in' });
  state.cleared = (other.body as { id: string }).id;
  const edited = await call('PATCH', `/api/v1/incidents/${state.incident}`, OPERATOR, {
    severity: 'critical',
  });
  expect(edited.status).toBe(200);
  conforms('PATCH', '/api/v1/incidents/:id', edited);
  const cleared = await call('DELETE', `/api/v1/incidents/${state.cleared}`, OPERATOR);
  expect(cleared.status).toBe(200);
  conforms('DELETE', '/api/v1/incidents/:id', cleared);

  const posted = await call('POST', '/api/v1/signs/vms-L-n-in/messages', OPERATOR, {
    textKo: '전방 사고',
    textEn: 'Crash ahead',
  });
  expect(posted.status).toBe(201);
  conforms('POST', '/api/v1/signs/:id/messages', posted);
  await call('POST', '/api/v1/signs/vms-L-n-in/messages', OPERATOR, { textKo: '서행', ttlS: null });
  const mid = (posted.body as { id: string }).id.split('/')[1] ?? '';
  const withdrawn = await call('DELETE', `/api/v1/signs/vms-L-n-in/messages/${mid}`, OPERATOR);
  expect(withdrawn.status).toBe(200);
  conforms('DELETE', '/api/v1/signs/:id/messages/:mid', withdrawn);

  const command = await call('POST', '/api/v1/signals/gangnam-stn/commands', OPERATOR, { planId: 'am-peak' });
  expect(command.status).toBe(202);
  conforms('POST', '/api/v1/signals/:id/commands', command);
  state.command = (command.body as { commandId: string }).commandId;

  const login = await call('POST', '/api/v1/login', null, {
    username: 'ops-kim',
    password: 'kim-password-123',
  });
  expect(login.status).toBe(200);
  conforms('POST', '/api/v1/login', login);
  const logout = await call('POST', '/api/v1/logout', (login.body as { token: string }).token);
  expect(logout.status).toBe(200);
  conforms('POST', '/api/v1/logout', logout);
});

test('every GET route answers as documented', async () => {
  const day = new Date().toISOString().slice(0, 10);
  const gets: [pattern: string, path: string, token?: string][] = [
    ['/healthz', '/healthz'],
    ['/readyz', '/readyz'],
    ['/metrics', '/metrics'],
    ['/api/v1/openapi.json', '/api/v1/openapi.json'],
    ['/api/v1', '/api/v1'],
    ['/api/v1', '/api/v1/'],
    ['/api/v1/regions', '/api/v1/regions'],
    ['/api/v1/regions/:id', '/api/v1/regions/gangnam'],
    ['/api/v1/links', '/api/v1/links'],
    ['/api/v1/links', '/api/v1/links?region=gangnam'],
    ['/api/v1/links/:id', '/api/v1/links/L-n-in'],
    ['/api/v1/links/:id', '/api/v1/links/L-s-out'],
    ['/api/v1/signals', '/api/v1/signals'],
    ['/api/v1/signals/:id', '/api/v1/signals/gangnam-stn'],
    ['/api/v1/detectors', '/api/v1/detectors'],
    ['/api/v1/vehicles', '/api/v1/vehicles'],
    ['/api/v1/vehicles', '/api/v1/vehicles?route=140&near=127.0277,37.4979&radiusM=1000'],
    ['/api/v1/vehicles/:id', '/api/v1/vehicles/bus-77'],
    ['/api/v1/stops', '/api/v1/stops'],
    ['/api/v1/stops', '/api/v1/stops?near=127.02718,37.498961&radiusM=50'],
    ['/api/v1/stops/:id', '/api/v1/stops/22-202'],
    ['/api/v1/stops/:id/arrivals', '/api/v1/stops/22-202/arrivals'],
    ['/api/v1/stops/:id/arrivals', '/api/v1/stops/22-201/arrivals'],
    ['/api/v1/incidents', '/api/v1/incidents'],
    ['/api/v1/incidents', '/api/v1/incidents?status=all'],
    ['/api/v1/incidents/:id', `/api/v1/incidents/${state.incident}`],
    ['/api/v1/incidents/:id', `/api/v1/incidents/${state.cleared}`],
    ['/api/v1/signs', '/api/v1/signs'],
    ['/api/v1/signs/:id', '/api/v1/signs/vms-L-n-in'],
    ['/api/v1/audit', '/api/v1/audit?limit=50', ADMIN],
    ['/api/v1/commands/:id', `/api/v1/commands/${state.command}`],
    ['/api/v1/route', '/api/v1/route?from=127.02615,37.50135&to=127.02905,37.49455'],
    ['/api/v1/clearing/days', '/api/v1/clearing/days'],
    ['/api/v1/clearing/:day', `/api/v1/clearing/${day}`],
    ['/api/v1/clearing/:day', `/api/v1/clearing/${day}?policy=distance`],
    ['/api/v1/clearing/:day/page', `/api/v1/clearing/${day}/page`],
    ['/gtfs-rt/trip-updates', '/gtfs-rt/trip-updates'],
    ['/gtfs-rt/trip-updates', '/gtfs-rt/trip-updates?format=json'],
    ['/gtfs-rt/vehicle-positions', '/gtfs-rt/vehicle-positions'],
    ['/gtfs-rt/vehicle-positions', '/gtfs-rt/vehicle-positions?format=json'],
    ['/gtfs-rt/alerts', '/gtfs-rt/alerts'],
    ['/gtfs-rt/alerts', '/gtfs-rt/alerts?format=json'],
  ];
  const routedGets = node.api.router.routes().filter((r) => r.method === 'GET');
  expect(new Set(gets.map(([p]) => p))).toEqual(new Set(routedGets.map((r) => r.pattern)));
  for (const [pattern, path, token] of gets) {
    const ex = await call('GET', path, token ?? null);
    if (pattern !== '/readyz') expect(ex.status, path).toBe(200);
    conforms('GET', pattern, ex);
  }
  // The answers above were not vacuous: the records ingested and written are in them.
  const snapshot = (await call('GET', '/api/v1/regions/gangnam', null)).body as Record<string, unknown[]>;
  for (const k of ['links', 'signals', 'detectors', 'vehicles', 'incidents', 'alarms']) {
    expect(snapshot[k]?.length, k).toBeGreaterThan(0);
  }
  const board = (await call('GET', '/api/v1/stops/22-202/arrivals', null)).body as { routes: unknown[] };
  expect(board.routes.length).toBeGreaterThan(0);
  const alerts = (await call('GET', '/gtfs-rt/alerts?format=json', null)).body as { entity: unknown[] };
  expect(alerts.entity.length).toBeGreaterThan(0);
});

test('the API root the demo banner prints answers its index, built from the document', async () => {
  // `its demo` prints `API <http>/api/v1/`: that address, with its trailing slash, must answer.
  const root = await call('GET', '/api/v1/', null);
  expect(root.status).toBe(200);
  conforms('GET', '/api/v1', root);
  const index = root.body as { title: string; openapi: string; read: { path: string }[] };
  expect(index.title).toBe((doc['info'] as Json)['title']);
  expect((await call('GET', index.openapi, null)).body).toEqual(doc);
  const documentedGets = Object.entries(doc['paths'] as Record<string, Json>)
    .filter(([, item]) => item['get'] !== undefined)
    .map(([path]) => path);
  expect(index.read.map((r) => r.path).sort()).toEqual(documentedGets.sort());
});

const concrete = (pattern: string, value: string): string => pattern.replace(/:[A-Za-z_]\w*/g, value);

test('unknown ids answer 404 with the JSON error wherever the document says so', async () => {
  const bodies: Record<string, unknown> = {
    'PATCH /api/v1/incidents/:id': { severity: 'minor' },
    'POST /api/v1/signs/:id/messages': { textKo: '서행' },
    'POST /api/v1/signals/:id/commands': { planId: 'am-peak' },
  };
  const checked = OPERATIONS.filter((o) => o.errors.includes(404) && o.params !== undefined);
  expect(checked.length).toBeGreaterThanOrEqual(12);
  for (const o of checked) {
    const token = o.role === 'admin' ? ADMIN : o.role === undefined ? null : OPERATOR;
    const ex = await call(
      o.method,
      concrete(o.pattern, 'nope-404'),
      token,
      bodies[`${o.method} ${o.pattern}`],
    );
    expect(ex.status, `${o.method} ${o.pattern}`).toBe(404);
    conforms(o.method, o.pattern, ex);
  }
  expect((await call('GET', '/api/v1/nowhere', null)).body).toMatchObject({ error: { code: 'not-found' } });
});

test('bad input answers 400 with the JSON error naming the field', async () => {
  const bad: [method: string, pattern: string, path: string, token: string | null, body?: unknown][] = [
    ['GET', '/api/v1/vehicles', '/api/v1/vehicles?near=banana', null],
    ['GET', '/api/v1/stops', '/api/v1/stops?near=127.02,37.49&radiusM=0', null],
    ['GET', '/api/v1/route', '/api/v1/route?from=1,2', null],
    ['GET', '/api/v1/audit', '/api/v1/audit?limit=-1', ADMIN],
    ['GET', '/api/v1/clearing/:day', '/api/v1/clearing/27-11-2026', null],
    ['GET', '/api/v1/clearing/:day', '/api/v1/clearing/2026-11-27?policy=fair', null],
    ['GET', '/api/v1/clearing/:day/page', '/api/v1/clearing/today/page', null],
    ['POST', '/api/v1/incidents', '/api/v1/incidents', OPERATOR, { lanes: [0] }],
    ['POST', '/api/v1/incidents', '/api/v1/incidents', OPERATOR, '{not json'],
    ['PATCH', '/api/v1/incidents/:id', `/api/v1/incidents/${state.incident}`, OPERATOR, {}],
    ['POST', '/api/v1/signs/:id/messages', '/api/v1/signs/vms-L-n-in/messages', OPERATOR, { textKo: '' }],
    ['POST', '/api/v1/signals/:id/commands', '/api/v1/signals/gangnam-stn/commands', OPERATOR, {}],
    [
      'POST',
      '/api/v1/signals/:id/commands',
      '/api/v1/signals/gangnam-stn/commands',
      OPERATOR,
      { planId: 'x' },
    ],
    [
      'POST',
      '/api/v1/signals/:id/commands',
      '/api/v1/signals/gangnam-stn/commands',
      OPERATOR,
      { strategy: 'fastest' },
    ],
    ['POST', '/api/v1/login', '/api/v1/login', null, { username: 'ops-kim' }],
  ];
  for (const [method, pattern, path, token, body] of bad) {
    const ex = await call(method, path, token, body);
    expect(ex.status, `${method} ${path}`).toBe(400);
    conforms(method, pattern, ex);
  }
});

test('writes refuse a missing token (401) and a viewer (403); oversized bodies get 413', async () => {
  const guarded = OPERATIONS.filter((o) => o.role !== undefined);
  for (const o of guarded) {
    const path = concrete(o.pattern, 'x-1');
    const none = await call(o.method, path, null, o.body === undefined ? undefined : {});
    expect(none.status, `${o.method} ${o.pattern} without a token`).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    conforms(o.method, o.pattern, none);
    if (o.role === 'session') continue;
    const viewer = await call(o.method, path, VIEWER, o.body === undefined ? undefined : {});
    expect(viewer.status, `${o.method} ${o.pattern} as a viewer`).toBe(403);
    conforms(o.method, o.pattern, viewer);
  }
  const withBody = OPERATIONS.filter((o) => o.body !== undefined);
  expect(withBody.length).toBe(5);
  for (const o of withBody) {
    const ex = await call(o.method, concrete(o.pattern, 'x-1'), OPERATOR, { description: 'x'.repeat(5000) });
    expect(ex.status, `${o.method} ${o.pattern}`).toBe(413);
    conforms(o.method, o.pattern, ex);
  }
  const login = await call('POST', '/api/v1/login', null, {
    username: 'ops-kim',
    password: 'wrong-password-1',
  });
  expect(login.status).toBe(401);
  conforms('POST', '/api/v1/login', login);
});

test('too many requests answer 429 with retry-after; probes are never limited', async () => {
  const small = await startCenterNode({
    scenario,
    clock: new SystemClock(),
    httpPort: 0,
    engine: 'node',
    rateLimit: { perSecond: 0.01, burst: 1 },
    tokens: [],
    log: () => {},
  });
  try {
    const at = `http://127.0.0.1:${small.port}`;
    expect((await fetch(`${at}/api/v1/regions`)).status).toBe(200);
    const r = await fetch(`${at}/api/v1/regions`);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    conforms('GET', '/api/v1/regions', {
      status: 429,
      media: 'application/json',
      headers: r.headers,
      body: await r.json(),
    });
    for (const probe of ['/healthz', '/readyz', '/metrics']) {
      expect((await fetch(`${at}${probe}`)).status, probe).not.toBe(429);
    }
  } finally {
    await small.close();
  }
  for (let i = 0; i < 3; i++)
    await call('POST', '/api/v1/login', null, { username: 'ops-kim', password: `wrong-${i}-pass` });
  const locked = await call('POST', '/api/v1/login', null, {
    username: 'ops-kim',
    password: 'kim-password-123',
  });
  expect(locked.status).toBe(429);
  conforms('POST', '/api/v1/login', locked);
});

test('a known path with another method answers 405 with the JSON error and allow', async () => {
  const ex = await call('PUT', '/api/v1/incidents', OPERATOR, {});
  expect(ex.status).toBe(405);
  expect(ex.headers.get('allow')).toBe('GET, POST');
  const errorSchema = (doc['components'] as Record<string, Record<string, Json>>)['schemas']?.['Error'] ?? {};
  expect(checkJsonSchema(ex.body, errorSchema, doc)).toEqual([]);
});
