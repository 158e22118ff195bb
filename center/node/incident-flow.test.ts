/**
 * @module center/node/incident-flow.test
 * On the demo city: a blockage seen in link states is detected automatically and produces a detour,
 * automatic sign texts and a GTFS-realtime DETOUR alert; drivers get a route with the time saved.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario, type UplinkItem } from '../../core/index.ts';
import { downstreamLinks } from '../incidents/index.ts';
import { linkStateItem, sampleBatch } from '../ingest/index.ts';
import { eventually } from '../state/testing/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';
import { expectDetourSignsAndAlert } from './testing/incident-response.ts';

const OPERATOR = 'operator-token-0123456789';
const scenario = loadScenario('scenarios/demo-city');
// The demo city is a corridor: the Seocho interchange is where a detour exists (route 9409 uses it).
const LINK = 'EXICS-SC04';
let node: CenterNode;
let base: string;
let seq = 0;

beforeAll(async () => {
  node = await startCenterNode({
    scenario,
    httpPort: 0,
    tokens: [{ name: 'ops', role: 'operator', token: OPERATOR }],
  });
  base = `http://127.0.0.1:${node.port}`;
});
afterAll(() => node.close());

async function linkStates(items: UplinkItem[]): Promise<void> {
  const region = node.network.links.get(LINK)?.region ?? 'gangnam';
  const b = sampleBatch({ region, edgeId: `edge-${region}`, seq: seq++, items });
  const outcome = await node.ingest.handle(`its/v1/${region}/edge/edge-${region}/up`, JSON.stringify(b));
  expect(outcome.status).toBe('accepted');
}

const state = (linkId: string, startMs: number, occupancyPct: number, speedKmh: number): UplinkItem => ({
  ...(linkStateItem(linkId, speedKmh, startMs + 30_000) as Extract<UplinkItem, { type: 'link-state' }>),
  intervalStart: startMs,
  occupancyPct,
});

test('a blockage is detected, gets a detour, sign texts and a DETOUR alert; it clears when traffic recovers', async () => {
  const down = downstreamLinks(scenario.network.movements, LINK);
  expect(down.length).toBeGreaterThan(0);
  const t0 = Date.now() - 10 * 30_000;
  for (let i = 0; i < 4; i++) {
    const t = t0 + i * 30_000;
    await linkStates([state(LINK, t, 48, 8), ...down.map((d) => state(d, t, 3, 50))]);
  }
  await eventually(() => node.incidents.response(`auto-${LINK}-${t0}`) !== undefined, 'detected incident');
  await node.incidents.settled();
  const incidents = (await (await fetch(`${base}/api/v1/incidents`)).json()) as {
    id: string;
    source: string;
  }[];
  expect(incidents).toContainEqual(expect.objectContaining({ id: `auto-${LINK}-${t0}`, source: 'detected' }));
  const signIds = await expectDetourSignsAndAlert(node, `auto-${LINK}-${t0}`, LINK, '9409');
  for (let i = 4; i < 8; i++) {
    const t = t0 + i * 30_000;
    await linkStates([state(LINK, t, 10, 50), ...down.map((d) => state(d, t, 10, 50))]);
  }
  await eventually(() => node.incidents.response(`auto-${LINK}-${t0}`) === undefined, 'cleared incident');
  await node.incidents.settled();
  const after = (await (await fetch(`${base}/api/v1/signs/${signIds[0]}`)).json()) as {
    displayed: unknown;
  };
  expect(after.displayed).toBeNull();
});

test('drivers get the fastest route as GeoJSON with the time saved against the usual route', async () => {
  const link = node.network.links.get(LINK);
  const from = link?.coordinates[0] ?? [0, 0];
  const to = link?.coordinates[link.coordinates.length - 1] ?? [0, 0];
  const q = `from=${from[0]},${from[1]}&to=${to[0]},${to[1]}`;
  const before = (await (await fetch(`${base}/api/v1/route?${q}`)).json()) as Record<string, unknown>;
  expect(before).toMatchObject({
    type: 'FeatureCollection',
    features: [{ properties: { role: 'fastest' } }, {}],
  });
  expect(typeof before['timeSavedS']).toBe('number');
  const declared = await fetch(`${base}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      linkId: LINK,
      lanes: Array.from({ length: link?.lanes ?? 1 }, (_, i) => i),
      kind: 'crash',
      severity: 'critical',
    }),
  });
  expect(declared.status).toBe(201);
  await node.incidents.settled();
  const during = (await (await fetch(`${base}/api/v1/route?${q}`)).json()) as {
    features: { properties: { role: string; links: string[] } }[];
    timeSavedS: number | null;
  };
  expect(during.features[0]?.properties.links).not.toContain(LINK);
  expect(during.features[1]?.properties).toMatchObject({ role: 'usual', links: [LINK] });
  expect(during.timeSavedS === null || during.timeSavedS > 0).toBe(true);
  const bad = await fetch(`${base}/api/v1/route?from=1,2`);
  expect(bad.status).toBe(400);
});
