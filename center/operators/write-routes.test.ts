/**
 * @module center/operators/write-routes.test
 * Every write route of the center, enumerated from its router so a new route cannot be forgotten:
 * missing, unknown, expired and viewer tokens are refused; an operator's session is accepted and each
 * accepted write is in the audit log. Sign-in itself: login, logout, lockout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, VirtualClock } from '../../core/index.ts';
import { OperatorAuth } from '../../core/security/index.ts';
import { MemoryAuditLog } from '../audit/index.ts';
import { startCenterNode, type CenterNode } from '../node/index.ts';
import { FileOperatorStore, operatorRoutes, SessionApiTokens } from './index.ts';

const FAST = { N: 1 << 10, r: 8, p: 1 };
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes that are how a caller gets or drops a token, so they cannot require one. */
const SIGN_IN = new Set(['POST /api/v1/login', 'POST /api/v1/logout']);

const clock = new VirtualClock(Date.UTC(2026, 2, 2, 8));
const audit = new MemoryAuditLog();
let node: CenterNode;
let store: FileOperatorStore;
let auth: OperatorAuth;
let operator = '';
let viewer = '';
let expired = '';

type Reply = { status: number; body: Record<string, unknown> };

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Reply> {
  const res = await node.api.handlers.request({
    method,
    path,
    query: new URLSearchParams(),
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
    remoteAddress: '127.0.0.1',
  });
  return { status: res.status, body: JSON.parse(res.body.toString() || '{}') as Record<string, unknown> };
}

async function login(username: string, password: string): Promise<string> {
  const r = await call('POST', '/api/v1/login', null, { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return String(r.body['token']);
}

beforeAll(async () => {
  store = new FileOperatorStore(join(mkdtempSync(join(tmpdir(), 'its-ops-')), 'operators.json'), {
    scrypt: FAST,
  });
  await store.set('ops-kim', 'operator', 'kim-password-123');
  await store.set('view-lee', 'viewer', 'lee-password-123');
  auth = new OperatorAuth({
    clock,
    findAccount: (u) => store.find(u),
    sessionTtlMs: 60_000,
    maxFailures: 3,
    decoyParams: FAST,
  });
  node = await startCenterNode({
    scenario: loadScenario(MINI_SCENARIO_PATH),
    clock,
    httpPort: 0,
    engine: 'node',
    tokens: new SessionApiTokens(auth),
    audit,
    extraRoutes: [operatorRoutes(auth)],
    log: () => {},
  });
  expired = await login('ops-kim', 'kim-password-123');
  clock.advance(50_000);
  operator = await login('ops-kim', 'kim-password-123');
  viewer = await login('view-lee', 'lee-password-123');
  clock.advance(20_000);
});
afterAll(() => node.close());

const writeRoutes = (): { method: string; pattern: string }[] =>
  node.api.router
    .routes()
    .filter((r) => WRITE_METHODS.has(r.method) && !SIGN_IN.has(`${r.method} ${r.pattern}`));

const concrete = (pattern: string): string => pattern.replace(/:[^/]+/g, 'x-1');

test('the center has write routes to check', () => {
  expect(writeRoutes().length).toBeGreaterThanOrEqual(5);
});

test('every write route refuses a missing, unknown, expired or viewer token', async () => {
  for (const { method, pattern } of writeRoutes()) {
    const path = concrete(pattern);
    const label = `${method} ${pattern}`;
    expect((await call(method, path, null, {})).status, `${label} without a token`).toBe(401);
    expect((await call(method, path, 'its_not-a-token-at-all', {})).status, `${label} unknown`).toBe(401);
    expect((await call(method, path, expired, {})).status, `${label} expired`).toBe(401);
    expect((await call(method, path, viewer, {})).status, `${label} viewer`).toBe(403);
  }
});

/** A request each write route accepts from an operator. A new route needs an entry here. */
async function acceptedExample(method: string, pattern: string): Promise<Reply> {
  const sign = [...node.network.signs.keys()][0] ?? '';
  const ix = node.network.scenario.intersections[0];
  // Each on a link of its own: a link has at most one active operator incident (a second is 409).
  const declare = async (linkId: string): Promise<string> => {
    const r = await call('POST', '/api/v1/incidents', operator, {
      linkId,
      lanes: [0],
      kind: 'crash',
    });
    return String(r.body['id']);
  };
  switch (`${method} ${pattern}`) {
    case 'POST /api/v1/incidents':
      return call(method, pattern, operator, { linkId: 'L-n-out', lanes: [0], kind: 'crash' });
    case 'PATCH /api/v1/incidents/:id':
      return call(method, `/api/v1/incidents/${await declare('L-e-in')}`, operator, { lanes: [0, 1] });
    case 'DELETE /api/v1/incidents/:id':
      return call(method, `/api/v1/incidents/${await declare('L-w-in')}`, operator);
    case 'POST /api/v1/signs/:id/messages':
      return call(method, `/api/v1/signs/${sign}/messages`, operator, {
        textKo: '전방 사고',
        textEn: 'Crash ahead',
      });
    case 'DELETE /api/v1/signs/:id/messages/:mid': {
      const posted = await call('POST', `/api/v1/signs/${sign}/messages`, operator, { textKo: '서행' });
      const mid = String(posted.body['id']).split('/').pop() ?? '';
      return call(method, `/api/v1/signs/${sign}/messages/${mid}`, operator);
    }
    case 'POST /api/v1/signals/:id/commands':
      return call(method, `/api/v1/signals/${ix?.id ?? ''}/commands`, operator, { planId: ix?.plans[0]?.id });
    default:
      throw new Error(`write route ${method} ${pattern} has no example: add one, with its audit check`);
  }
}

test('an operator session is accepted on every write route and each accepted write is audited', async () => {
  for (const { method, pattern } of writeRoutes()) {
    const before = (await audit.recent(100_000)).length;
    const r = await acceptedExample(method, pattern);
    expect(r.status, `${method} ${pattern}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    const entries = (await audit.recent(100_000)).slice(before);
    expect(entries.at(-1)?.actor, `${method} ${pattern} audited`).toBe('ops-kim');
    expect(entries.every((e) => !JSON.stringify(e).includes('password'))).toBe(true);
  }
});

test('logout ends a session; sign-ins and failures are audited without passwords', async () => {
  const token = await login('view-lee', 'lee-password-123');
  expect((await call('POST', '/api/v1/logout', token)).status).toBe(200);
  expect((await call('POST', '/api/v1/logout', token)).status).toBe(401);
  expect(
    (await call('POST', '/api/v1/login', null, { username: 'view-lee', password: 'wrong-one' })).status,
  ).toBe(401);
  const actions = (await audit.recent(100_000)).map((e) => e.action);
  expect(actions).toEqual(
    expect.arrayContaining(['operator.login', 'operator.logout', 'operator.login-failed']),
  );
  expect(JSON.stringify(await audit.recent(100_000))).not.toMatch(/lee-password|wrong-one/);
});

test('repeated failures lock the account, answered 429 with retry-after', async () => {
  for (let i = 0; i < 3; i++)
    await call('POST', '/api/v1/login', null, { username: 'ops-kim', password: 'nope' });
  const r = await call('POST', '/api/v1/login', null, { username: 'ops-kim', password: 'kim-password-123' });
  expect(r.status).toBe(429);
  expect(r.body).toMatchObject({ error: { code: 'locked' } });
});

test('the audit log has no route that edits or deletes it', () => {
  const auditRoutes = node.api.router.routes().filter((r) => r.pattern.startsWith('/api/v1/audit'));
  expect(auditRoutes.map((r) => r.method)).toEqual(['GET']);
});
