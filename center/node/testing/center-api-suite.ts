/**
 * @module center/node/testing/center-api-suite
 * What every center answers, however it is fed and wherever its state lives: each `/api/v1` read
 * route reflects the batches its edge delivered, each WebSocket channel gives a snapshot on subscribe
 * and a delta after a change, writes need an operator and are audited. Run by center-api.test.ts
 * (in-process store, batches handed to the ingest) and center-redis.int.test.ts (Redis, batches
 * published over the real broker). Test-only.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { UplinkItem } from '../../../core/index.ts';
import { connectWsClient } from '../../http/testing/index.ts';
import { linkStateItem } from '../../ingest/index.ts';
import {
  ADMIN,
  deltaWith,
  eventuallyGet,
  frame,
  getJson,
  OPERATOR,
  PATIENCE_MS,
  sendJson,
  subscribe,
  SUITE_TOKENS,
  VIEWER,
  type CenterUnderTest,
  type StartCenter,
} from './center-under-test.ts';
import { busOn140, detectorHealthItem, gangnamSignal } from './mini-items.ts';

/** A link's last six 30 s intervals, all at `speedKmh`, the newest ending at `nowMs`. */
function sustained(linkId: string, speedKmh: number, nowMs: number): UplinkItem[] {
  return [5, 4, 3, 2, 1, 0].map((k) => linkStateItem(linkId, speedKmh, nowMs - k * 30_000));
}

type AuditRow = { at: number; actor: string; role: string; action: string; target: string };

/** Define the shared API tests; `start` gives each run of the suite a fresh center. */
export function runCenterApiSuite(options: { readonly start: StartCenter }): void {
  let c: CenterUnderTest;
  beforeAll(async () => {
    c = await options.start(SUITE_TOKENS);
  });
  afterAll(() => c?.close());
  const get = (path: string, token?: string) => getJson(c.base, path, token);
  const send = (method: string, path: string, token: string | null, body?: unknown) =>
    sendJson(c.base, method, path, token, body);
  const audit = async (): Promise<AuditRow[]> => {
    const r = await get('/api/v1/audit?limit=10000', ADMIN);
    expect(r.status).toBe(200);
    return r.body as unknown as AuditRow[];
  };

  test('serves regions, links as GeoJSON with live speed and LOS, detectors with health, and stops', async () => {
    const now = Date.now();
    // Six 30 s intervals: the published time is filtered over intervals (center/traffic), so one
    // reading alone would be taken as a spike.
    await c.publish([
      ...sustained('L-n-in', 12, now),
      detectorHealthItem('det-n-sb-0', 'stuck-on', now - 60_000),
    ]);
    expect((await get('/api/v1/regions')).body[0]).toMatchObject({ id: 'gangnam', links: 8 });
    const links = await get('/api/v1/links');
    expect(links.body['type']).toBe('FeatureCollection');
    const feature = (links.body['features'] as { id: string; properties: Record<string, unknown> }[]).find(
      (f) => f.id === 'L-n-in',
    );
    expect(feature?.properties).toMatchObject({ los: 'F', source: 'live' });
    expect(feature?.properties['speedKmh']).toBeGreaterThan(12);
    expect(feature?.properties['speedKmh']).toBeLessThan(14);
    expect((await get('/api/v1/links/L-n-in')).body).toMatchObject({
      id: 'L-n-in',
      traffic: { source: 'live', measuredSpeedKmh: 12 },
    });
    const detectors = (await get('/api/v1/detectors')).body as unknown as { id: string; health: string }[];
    expect(detectors.find((d) => d.id === 'det-n-sb-0')).toMatchObject({
      health: 'stuck-on',
      since: now - 60_000,
    });
    expect(detectors.find((d) => d.id === 'det-n-sb-1')).toMatchObject({ health: 'unknown' });
    expect((await get('/api/v1/stops')).body).toHaveLength(4);
    expect((await get('/api/v1/stops/22-202')).body).toMatchObject({ id: '22-202', linkId: 'L-n-out' });
    const near = await get('/api/v1/stops?near=127.02718,37.498961&radiusM=50');
    expect(near.body[0]).toMatchObject({ id: '22-202' });
    const region = (await get('/api/v1/regions/gangnam')).body;
    expect(region['links']).toContainEqual(expect.objectContaining({ linkId: 'L-n-in', speedKmh: 12 }));
    expect(region['detectors']).toContainEqual(
      expect.objectContaining({ detectorId: 'det-n-sb-0', health: 'stuck-on' }),
    );
  });

  test('serves vehicles, signals and a stop arrival board', async () => {
    await c.publish([busOn140('bus-77'), gangnamSignal([2, 6])]);
    expect((await get('/api/v1/vehicles?route=140')).body).toContainEqual(
      expect.objectContaining({ vehicleId: 'bus-77', nextStopId: '22-202', region: 'gangnam' }),
    );
    expect((await get('/api/v1/vehicles/bus-77')).body).toMatchObject({
      vehicleId: 'bus-77',
      passengers: 40,
    });
    expect((await get('/api/v1/vehicles?near=127.0277,37.4979&radiusM=100')).body).toContainEqual(
      expect.objectContaining({ vehicleId: 'bus-77' }),
    );
    expect((await get('/api/v1/vehicles?route=999')).body).toEqual([]);
    await eventuallyGet(c.base, '/api/v1/stops/22-202/arrivals', (board) => {
      expect(board['routes']).toMatchObject([{ routeId: '140', status: 'live' }]);
      expect(JSON.stringify(board)).toContain('bus-77');
    });
    expect((await get('/api/v1/signals')).body).toContainEqual(
      expect.objectContaining({
        intersectionId: 'gangnam-stn',
        strategy: 'max-pressure',
        greenGroups: [2, 6],
      }),
    );
    expect((await get('/api/v1/signals/gangnam-stn')).body).toMatchObject({
      online: true,
      region: 'gangnam',
    });
  });

  test('drivers get the fastest route as GeoJSON, its travel time following the published link speeds', async () => {
    const from = c.node.network.links.get('L-s-in')?.coordinates[0] ?? [0, 0];
    const last = c.node.network.links.get('L-n-out')?.coordinates ?? [];
    const to = last[last.length - 1] ?? [0, 0];
    const path = `/api/v1/route?from=${from[0]},${from[1]}&to=${to[0]},${to[1]}`;
    const before = (await get(path)).body;
    expect(before).toMatchObject({
      type: 'FeatureCollection',
      features: [
        { properties: { role: 'fastest', links: ['L-s-in', 'L-n-out'] } },
        { properties: { role: 'usual' } },
      ],
    });
    const freeFlowS = before['travelTimeS'] as number;
    await c.publish(sustained('L-s-in', 5, Date.now()));
    // 400 m at 5 km/h is nearly 5 minutes.
    await eventuallyGet(c.base, path, (r) => expect(r['travelTimeS']).toBeGreaterThan(freeFlowS + 120));
    expect((await get('/api/v1/route?from=1,2')).status).toBe(400);
  });

  test('health, readiness (store and ingest), and metrics counting the batches stored', async () => {
    expect((await get('/healthz')).body).toMatchObject({ status: 'ok' });
    expect((await get('/readyz')).body).toMatchObject({ status: 'ready', store: true, ingest: true });
    const storedBatches = async (): Promise<number> => {
      const metrics = await (await fetch(`${c.base}/metrics`)).text();
      return Number(/^its_center_ingest_batches_total(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
    };
    // Three tests above published one batch each; an ingest worker posts its figures every 200 ms.
    await expect.poll(storedBatches, { timeout: PATIENCE_MS, interval: 100 }).toBeGreaterThanOrEqual(3);
  });

  test('unknown ids give 404 and bad queries 400, as JSON errors', async () => {
    expect((await get('/api/v1/stops/nope/arrivals')).status).toBe(404);
    expect((await get('/api/v1/links/nope')).status).toBe(404);
    expect((await get('/api/v1/vehicles/nope')).status).toBe(404);
    expect((await get('/api/v1/regions/nope')).status).toBe(404);
    expect((await get('/api/v1/nowhere')).status).toBe(404);
    const bad = await get('/api/v1/stops?near=banana');
    expect(bad.status).toBe(400);
    expect(bad.body['error']).toMatchObject({ code: 'invalid-input' });
  });

  test('an operator declares, edits and clears an incident; each write is audited with who and when', async () => {
    const t0 = Date.now();
    const declared = await send('POST', '/api/v1/incidents', OPERATOR, {
      linkId: 'L-e-in',
      lanes: [0, 1],
      kind: 'crash',
    });
    expect(declared.status).toBe(201);
    const id = declared.body['id'] as string;
    const edited = await send('PATCH', `/api/v1/incidents/${id}`, OPERATOR, { severity: 'critical' });
    expect(edited.body).toMatchObject({ severity: 'critical', lanes: [0, 1] });
    expect((await get('/api/v1/incidents')).body).toContainEqual(
      expect.objectContaining({ id, source: 'operator' }),
    );
    expect((await get(`/api/v1/incidents/${id}`)).body).toMatchObject({ id, linkId: 'L-e-in' });
    expect((await send('DELETE', `/api/v1/incidents/${id}`, OPERATOR)).body).toMatchObject({
      status: 'cleared',
    });
    const mine = (await audit()).filter((e) => e.target === `incident/${id}`);
    expect(mine.map((e) => e.action)).toEqual(['incident.declare', 'incident.edit', 'incident.clear']);
    for (const e of mine) {
      expect(e).toMatchObject({ actor: 'ops-kim', role: 'operator' });
      expect(e.at).toBeGreaterThanOrEqual(t0 - 1000);
      expect(e.at).toBeLessThanOrEqual(Date.now() + 1000);
    }
  });

  test('a second incident declared on a link with an active one is 409 naming it; detected ones do not block', async () => {
    const first = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-e-out', kind: 'breakdown' });
    expect(first.status).toBe(201);
    const id = first.body['id'] as string;
    const before = (await audit()).length;
    const again = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-e-out', kind: 'crash' });
    expect(again.status).toBe(409);
    expect(again.body['error']).toMatchObject({ code: 'conflict', existingId: id });
    expect(JSON.stringify(again.body)).toContain(`PATCH /api/v1/incidents/${id}`);
    expect(await audit()).toHaveLength(before);
    const onLink = ((await get('/api/v1/incidents')).body as unknown as { linkId: string }[]).filter(
      (i) => i.linkId === 'L-e-out',
    );
    expect(onLink).toHaveLength(1);
    // A detector's incident on a link does not block an operator declaring (confirming) one there.
    const detected = {
      id: 'auto-L-s-out-1',
      region: 'gangnam',
      linkId: 'L-s-out',
      lanes: [],
      positionM: null,
      lon: null,
      lat: null,
      kind: 'other' as const,
      severity: 'major' as const,
      description: 'detected: occupancy-jump (test)',
      source: 'detected' as const,
      status: 'active' as const,
      startedAt: Date.now(),
      clearedAt: null,
      updatedAt: Date.now(),
    };
    await c.node.store.put('incident', [detected]);
    const confirmed = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-s-out', kind: 'crash' });
    expect(confirmed.status).toBe(201);
    // Cleared, the link takes a new declaration.
    expect((await send('DELETE', `/api/v1/incidents/${id}`, OPERATOR)).status).toBe(200);
    const next = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-e-out', kind: 'crash' });
    expect(next.status).toBe(201);
    for (const done of [next.body['id'], confirmed.body['id']])
      expect((await send('DELETE', `/api/v1/incidents/${String(done)}`, OPERATOR)).status).toBe(200);
    await c.node.store.put('incident', [{ ...detected, status: 'cleared', clearedAt: Date.now() }]);
  });

  test('two incidents far apart on one link are both declared; an edit onto the other is 409, a position past the end 400; none audited', async () => {
    // L-w-out is 360.6 m long (360.5 in a refusal, rounded down).
    const first = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-w-out', positionM: 20 });
    const second = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-w-out', positionM: 340 });
    const declared = [first, second].filter((r) => r.status === 201).map((r) => r.body['id'] as string);
    try {
      expect([first.status, second.status]).toEqual([201, 201]);
      const [firstId, secondId] = declared;
      const before = (await audit()).length;
      const near = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-w-out', positionM: 300 });
      expect(near.status).toBe(409);
      expect(near.body['error']).toMatchObject({ code: 'conflict', existingId: secondId });
      const moved = await send('PATCH', `/api/v1/incidents/${secondId}`, OPERATOR, { positionM: 150 });
      expect(moved.status).toBe(409);
      expect(moved.body['error']).toMatchObject({ code: 'conflict', existingId: firstId });
      const beyond = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-w-out', positionM: 361 });
      expect(beyond.status).toBe(400);
      expect(JSON.stringify(beyond.body)).toContain(
        'positionM: 361 m is beyond the end of link L-w-out, which is 360.5 m long',
      );
      const editBeyond = await send('PATCH', `/api/v1/incidents/${firstId}`, OPERATOR, { positionM: 400 });
      expect(editBeyond.status).toBe(400);
      expect(JSON.stringify(editBeyond.body)).toContain('360.5 m long');
      expect(await audit()).toHaveLength(before);
      expect((await get(`/api/v1/incidents/${secondId}`)).body).toMatchObject({ positionM: 340 });
    } finally {
      // Cleared whatever happened, so the tests after start from a road without incidents.
      for (const id of declared) await send('DELETE', `/api/v1/incidents/${id}`, OPERATOR);
    }
  });

  test('a viewer token is refused a write (403), a missing token is 401, and neither is audited', async () => {
    const before = (await audit()).length;
    expect((await send('POST', '/api/v1/incidents', VIEWER, { linkId: 'L-e-in' })).status).toBe(403);
    expect(
      (await send('POST', '/api/v1/signs/vms-L-n-in/messages', VIEWER, { textKo: '가', textEn: 'a' })).status,
    ).toBe(403);
    const planId = c.node.network.scenario.intersections[0]?.plans[0]?.id;
    expect((await send('POST', '/api/v1/signals/gangnam-stn/commands', VIEWER, { planId })).status).toBe(403);
    expect((await send('POST', '/api/v1/incidents', null, { linkId: 'L-e-in' })).status).toBe(401);
    expect(
      (await send('POST', '/api/v1/incidents', 'wrong-token-00000000000', { linkId: 'L-e-in' })).status,
    ).toBe(401);
    const bad = await send('POST', '/api/v1/incidents', OPERATOR, { linkId: 'L-e-in', lanes: [7] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('lanes.0');
    expect((await get('/api/v1/audit', OPERATOR)).status).toBe(403);
    expect((await get('/api/v1/audit')).status).toBe(401);
    expect(await audit()).toHaveLength(before);
  });

  test('sign messages: an operator publishes, the sign shows it, its channel gets the change, the write is audited', async () => {
    const signs = (await get('/api/v1/signs')).body as unknown as { id: string }[];
    expect(signs.map((s) => s.id)).toContain('vms-L-n-in');
    const ws = await connectWsClient(c.node.port);
    try {
      expect(await subscribe(ws, 'sign:vms-L-n-in')).toMatchObject({ id: 'vms-L-n-in', displayed: null });
      const published = await send('POST', '/api/v1/signs/vms-L-n-in/messages', OPERATOR, {
        textKo: '전방 사고',
        textEn: 'Crash ahead',
      });
      expect(published.status).toBe(201);
      const delta = await frame(ws, (f) => f['type'] === 'delta' && f['channel'] === 'sign:vms-L-n-in');
      expect(delta['data']).toMatchObject({ displayed: { textKo: '전방 사고' } });
      expect((await get('/api/v1/signs/vms-L-n-in')).body['displayed']).toMatchObject({
        textEn: 'Crash ahead',
      });
      expect((await audit()).at(-1)).toMatchObject({
        actor: 'ops-kim',
        action: 'sign.publish',
        target: 'sign/vms-L-n-in',
      });
    } finally {
      await ws.close();
    }
  });

  test('every WebSocket channel gives a snapshot of what was published and a delta after a change', async () => {
    await c.publish([busOn140('bus-87'), gangnamSignal([1, 5])]);
    const declared = await send('POST', '/api/v1/incidents', OPERATOR, {
      linkId: 'L-w-in',
      lanes: [0],
      kind: 'breakdown',
    });
    const incidentId = declared.body['id'] as string;
    await send('POST', '/api/v1/signs/vms-L-w-in/messages', OPERATOR, {
      textKo: '서행',
      textEn: 'Slow down',
    });
    await eventuallyGet(c.base, '/api/v1/stops/22-202/arrivals', (b) =>
      expect(JSON.stringify(b)).toContain('bus-87'),
    );
    const ws = await connectWsClient(c.node.port);
    try {
      const snapshot = async (channel: string) => JSON.stringify(await subscribe(ws, channel));
      expect(await snapshot('vehicles')).toContain('"bus-87"');
      expect(await snapshot('signals')).toContain('"greenGroups":[1,5]');
      expect(await snapshot('incidents')).toContain(incidentId);
      const region = await snapshot('region:gangnam');
      expect(region).toContain('"bus-87"');
      expect(region).toContain('gangnam-stn');
      expect(await snapshot('stop:22-202')).toContain('"bus-87"');
      expect(await snapshot('sign:vms-L-w-in')).toContain('Slow down');
      ws.send({ op: 'subscribe', channel: 'stop:nope' });
      expect(await frame(ws, (f) => f['type'] === 'error')).toMatchObject({ code: 'not-found' });
      ws.send('not json');
      await frame(ws, (f) => f['code'] === 'not-json');

      // The board lists the next two buses only, and is sent when what it shows changes: bus-88, where
      // bus-77 and bus-87 are, may change nothing shown; bus-87's new report does (its asOf, or who is
      // shown). So the delta is asked for by route, after this publish.
      const stopDelta = deltaWith('stop:22-202', '"routeId":"140"', ws);
      await c.publish([busOn140('bus-88'), busOn140('bus-87'), gangnamSignal([4, 8])]);
      await frame(ws, deltaWith('vehicles', '"bus-88"'));
      await frame(ws, deltaWith('region:gangnam', '"bus-88"'));
      await frame(ws, stopDelta);
      // A signal-state update from the edge, not an operator command's record.
      const signal = await frame(ws, deltaWith('signals', '"greenGroups":[4,8]'));
      expect(signal['data']).toContainEqual(
        expect.objectContaining({ op: 'put', collection: 'signal', id: 'gangnam-stn' }),
      );
      await send('PATCH', `/api/v1/incidents/${incidentId}`, OPERATOR, { severity: 'critical' });
      const incident = await frame(ws, deltaWith('incidents', '"critical"'));
      expect(JSON.stringify(incident['data'])).toContain(incidentId);
      await send('POST', '/api/v1/signs/vms-L-w-in/messages', OPERATOR, {
        textKo: '우회',
        textEn: 'Detour',
        priority: 900,
      });
      await frame(ws, deltaWith('sign:vms-L-w-in', 'Detour'));
    } finally {
      await ws.close();
    }
  });
}
