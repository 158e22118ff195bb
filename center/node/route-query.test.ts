/**
 * @module center/node/route-query.test
 * `GET /api/v1/route` on the demo city, from what a driver or a tester may send: points off the
 * network, the same place twice, coordinates Number() reads but nobody writes, and a road closed on
 * every lane with no way round.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';

const OPERATOR = 'operator-token-0123456789';
const scenario = loadScenario('scenarios/demo-city');
// West end of Seocho-daero to the east end of Teheran-ro: the corridor, with no parallel road.
const WEST = '127.004,37.491012';
const EAST = '127.068,37.510337';
let node: CenterNode;
let base: string;

beforeAll(async () => {
  node = await startCenterNode({
    scenario,
    httpPort: 0,
    tokens: [{ name: 'ops', role: 'operator', token: OPERATOR }],
  });
  base = `http://127.0.0.1:${node.port}`;
});
afterAll(() => node.close());

type ErrorBody = { error: { code: string; message: string } };
async function route(query: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${base}/api/v1/route?${query}`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

test('a point far from every road is refused with 400 off-network naming it, not routed from the nearest junction', async () => {
  // Busan, 300 km away, and 0,0 in the Gulf of Guinea were answered 200 with a route in Gangnam.
  for (const [q, name] of [
    [`from=129.07,35.17&to=${EAST}`, 'from'],
    [`from=${WEST}&to=0,0`, 'to'],
  ] as const) {
    const r = await route(q);
    expect(r.status).toBe(400);
    const e = (r.body as ErrorBody).error;
    expect(e.code).toBe('off-network');
    expect(e.message.startsWith(`${name}: no road within 1000 m`)).toBe(true);
  }
  // Within a few hundred metres of a junction is on the network.
  expect((await route(`from=127.006,37.4935&to=${EAST}`)).status).toBe(200);
});

test('coordinates are decimal degrees: empty parts and hexadecimal are 400, not 0 and 16', async () => {
  for (const q of [`from=,&to=${EAST}`, `from=${WEST}&to=127.068, `, `from=127.004,0x25&to=${EAST}`]) {
    const r = await route(q);
    expect(r.status, q).toBe(400);
    expect((r.body as ErrorBody).error.code).toBe('invalid-input');
  }
  // A sign is allowed (%2B: a bare + in a query string is a space).
  expect((await route(`from=%2B127.004,37.491012&to=${EAST}`)).status).toBe(200);
});

test('start and destination at the same junction are 400 same-place, not a route of empty LineStrings', async () => {
  for (const q of [`from=${WEST}&to=${WEST}`, 'from=127.0300,37.4990&to=127.0302,37.4991']) {
    const r = await route(q);
    expect(r.status, q).toBe(400);
    expect((r.body as ErrorBody).error.code).toBe('same-place');
  }
  // Every route answered is valid GeoJSON: a LineString has two positions or more (RFC 7946 3.1.4).
  const ok = await route(`from=${WEST}&to=127.0195,37.495115`);
  const features = ok.body['features'] as { geometry: { coordinates: unknown[] } }[];
  for (const f of features) expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
});

test('with the corridor closed on every lane there is no route: 404 naming the closed link', async () => {
  const declared = await fetch(`${base}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: JSON.stringify({ linkId: 'GN03-GN04', lanes: [0, 1, 2, 3], kind: 'crash' }),
  });
  expect(declared.status).toBe(201);
  await node.incidents.settled();
  const r = await route(`from=${WEST}&to=${EAST}`);
  expect(r.status).toBe(404);
  expect((r.body as ErrorBody).error).toMatchObject({ code: 'not-found' });
  expect((r.body as ErrorBody).error.message).toContain('closed on the usual route: GN03-GN04');
});
