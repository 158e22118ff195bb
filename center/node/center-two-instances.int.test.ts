/**
 * @module center/node/center-two-instances.int.test
 * Two center instances, A and B, on the machine's Redis and Mosquitto act as one, checked strictly:
 * the edge learns from each `uplink.ack` which instance stored each batch, both must have stored some
 * (per-instance counts agree with the acks), and every batch A stored reaches B's WebSocket client on
 * `vehicles`, `region:` and `signals`, the last one also on `stop:`. An operator's incident and sign
 * message written on A reach B's API, channels and GTFS-realtime alerts, and the audit log is one:
 * each instance's `GET /api/v1/audit` shows the other's writes. Own Redis prefix and share group,
 * deleted afterwards.
 */
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { UplinkItem } from '../../core/index.ts';
import { connectWsClient, type TestWsClient } from '../http/testing/index.ts';
import type { CenterNode } from './index.ts';
import {
  ADMIN,
  busOn140,
  deltaWith,
  eventuallyGet,
  frame,
  gangnamSignal,
  IsolatedRun,
  OPERATOR,
  PATIENCE_MS,
  sendJson,
  subscribe,
  SUITE_TOKENS,
  type TestEdge,
} from './testing/index.ts';

const CHANNELS = ['vehicles', 'signals', 'incidents', 'region:gangnam', 'stop:22-202', 'sign:vms-L-n-in'];
const run = new IsolatedRun();
let a: CenterNode;
let b: CenterNode;
let edge: TestEdge;
let wsA: TestWsClient;
let wsB: TestWsClient;
const baseOf = (n: CenterNode): string => `http://127.0.0.1:${n.port}`;

beforeAll(async () => {
  a = await run.center('center-a', SUITE_TOKENS);
  b = await run.center('center-b', SUITE_TOKENS);
  edge = await run.edge();
  wsA = await connectWsClient(a.port);
  wsB = await connectWsClient(b.port);
  for (const channel of CHANNELS) {
    await subscribe(wsA, channel);
    await subscribe(wsB, channel);
  }
});
afterAll(async () => {
  await Promise.all([wsA?.close(), wsB?.close()]);
  await run.close();
});

/** One batch: the moving bus `bus-x` reporting at `at`, and the intersection with cycle `cycleS`. */
const batch = (at: number, cycleS: number): UplinkItem[] => [
  busOn140('bus-x', at),
  gangnamSignal([2, 6], cycleS),
];

test('the share group splits the batches, and each instance relays what the other stored to its clients', async () => {
  const stored: { at: number; cycleS: number; by: string }[] = [];
  const count = (by: string): number => stored.filter((s) => s.by === by).length;
  let at = Date.now();
  // Enough batches that both instances store some (Mosquitto hands a shared subscription's messages
  // round robin), then on until A stored the last one, so no later update hides it on B's stop board.
  for (let i = 0; i < 300; i++) {
    const enough = i >= 20 && count('center-a') > 0 && count('center-b') > 0;
    if (enough && stored.at(-1)?.by === 'center-a') break;
    at = Math.max(Date.now(), at + 1);
    const cycleS = 60 + i;
    stored.push({ at, cycleS, by: await edge.publish(batch(at, cycleS)) });
  }
  expect(count('center-a')).toBeGreaterThan(0);
  expect(count('center-b')).toBeGreaterThan(0);
  expect(count('center-a') + count('center-b')).toBe(stored.length);
  await expect
    .poll(() => [a.ingest.stats().accepted, b.ingest.stats().accepted], { timeout: PATIENCE_MS })
    .toEqual([count('center-a'), count('center-b')]);

  for (const s of stored) {
    // Each instance's client sees every batch: those the other stored came through Redis.
    // The bus record's own `at` (a signal record has an `at` too, the batch's time).
    const bus = `"tripId":"140-0-0700","at":${s.at}`;
    for (const ws of [wsA, wsB]) {
      await frame(ws, deltaWith('vehicles', bus));
      await frame(ws, deltaWith('region:gangnam', bus));
      // An edge's signal-state update, not an operator command's record.
      await frame(ws, deltaWith('signals', `"cycleS":${s.cycleS}`));
    }
  }
  const last = stored.at(-1);
  expect(last?.by).toBe('center-a');
  const board = await frame(wsB, deltaWith('stop:22-202', `"asOf":${last?.at}`));
  expect(board['data']).toMatchObject({ routes: [{ routeId: '140', status: 'live' }] });
  // B answers over HTTP with what A stored last, too.
  await eventuallyGet(baseOf(b), '/api/v1/vehicles/bus-x', (v) => expect(v['at']).toBe(last?.at));
});

test("an operator's incident and sign message on A reach B's API, channels and GTFS-realtime alerts", async () => {
  const declared = await sendJson(baseOf(a), 'POST', '/api/v1/incidents', OPERATOR, {
    linkId: 'L-n-out',
    lanes: [0, 1],
    kind: 'crash',
  });
  expect(declared.status).toBe(201);
  const id = declared.body['id'] as string;
  await frame(wsB, deltaWith('incidents', id));
  await eventuallyGet(baseOf(b), '/api/v1/incidents', (list) =>
    expect(list).toContainEqual(expect.objectContaining({ id, linkId: 'L-n-out', source: 'operator' })),
  );
  // B's incident watch heard it through Redis and built the detour alert itself.
  const { FeedMessage } = GtfsRealtimeBindings.transit_realtime;
  await expect
    .poll(
      async () => {
        const r = await fetch(`${baseOf(b)}/gtfs-rt/alerts`);
        const feed = FeedMessage.toObject(FeedMessage.decode(new Uint8Array(await r.arrayBuffer())), {
          enums: String,
        }) as { entity?: { alert?: { effect?: string; informedEntity?: { routeId?: string }[] } }[] };
        return feed.entity?.map((e) => [e.alert?.effect, e.alert?.informedEntity?.[0]?.routeId]) ?? [];
      },
      { timeout: PATIENCE_MS, interval: 200 },
    )
    .toEqual([['DETOUR', '140']]);

  const sign = await sendJson(baseOf(a), 'POST', '/api/v1/signs/vms-L-n-in/messages', OPERATOR, {
    textKo: '2차로 사고',
    textEn: 'Crash in lane 2',
    priority: 900,
  });
  expect(sign.status).toBe(201);
  const delta = await frame(wsB, deltaWith('sign:vms-L-n-in', 'Crash in lane 2'));
  expect(delta['data']).toMatchObject({ id: 'vms-L-n-in', displayed: { textKo: '2차로 사고' } });
  await eventuallyGet(baseOf(b), '/api/v1/signs/vms-L-n-in', (s) =>
    expect(s['displayed']).toMatchObject({ textEn: 'Crash in lane 2' }),
  );
});

test("the audit log is one: each instance's GET /api/v1/audit shows the writes made on the other", async () => {
  // A's writes from the test before, then one on B.
  const onB = await sendJson(baseOf(b), 'POST', '/api/v1/incidents', OPERATOR, {
    linkId: 'L-w-in',
    lanes: [0],
  });
  expect(onB.status).toBe(201);
  const expected = [
    expect.objectContaining({
      actor: 'ops-kim',
      role: 'operator',
      action: 'incident.declare',
      target: expect.stringMatching(/^incident\//),
    }),
    expect.objectContaining({ actor: 'ops-kim', action: 'sign.publish', target: 'sign/vms-L-n-in' }),
    expect.objectContaining({
      actor: 'ops-kim',
      action: 'incident.declare',
      target: `incident/${onB.body['id'] as string}`,
    }),
  ];
  for (const n of [a, b]) {
    const r = await fetch(`${baseOf(n)}/api/v1/audit`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual(expected);
  }
});

test('two operators declaring on one road at once, one on each instance: one incident, one 409', async () => {
  const body = { linkId: 'L-e-in', lanes: [0], kind: 'crash' };
  const answers = await Promise.all([
    sendJson(baseOf(a), 'POST', '/api/v1/incidents', OPERATOR, body),
    sendJson(baseOf(b), 'POST', '/api/v1/incidents', OPERATOR, body),
  ]);
  expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
  const created = answers.find((r) => r.status === 201)!;
  expect(answers.find((r) => r.status === 409)!.body).toMatchObject({
    error: { code: 'conflict', existingId: created.body['id'] },
  });
  await eventuallyGet(baseOf(a), '/api/v1/incidents', (list) =>
    expect(
      (list as Record<string, unknown>[]).filter((i) => i['linkId'] === 'L-e-in' && i['status'] === 'active'),
    ).toHaveLength(1),
  );
});

test('two operators declaring on one road at once at places 360 m apart, one on each instance: both stored', async () => {
  // L-s-out is 397 m long: a crash near its start, a breakdown near its end.
  const answers = await Promise.all([
    sendJson(baseOf(a), 'POST', '/api/v1/incidents', OPERATOR, {
      linkId: 'L-s-out',
      positionM: 20,
      kind: 'crash',
    }),
    sendJson(baseOf(b), 'POST', '/api/v1/incidents', OPERATOR, {
      linkId: 'L-s-out',
      positionM: 380,
      kind: 'breakdown',
    }),
  ]);
  expect(answers.map((r) => r.status)).toEqual([201, 201]);
  await eventuallyGet(baseOf(b), '/api/v1/incidents', (list) =>
    expect(
      (list as Record<string, unknown>[])
        .filter((i) => i['linkId'] === 'L-s-out' && i['status'] === 'active')
        .map((i) => i['positionM'])
        .sort(),
    ).toEqual([20, 380]),
  );
});
