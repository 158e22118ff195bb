/**
 * @module center/node/openapi-websocket.test
 * The document's `x-websocket` extension against a running center (in-process store, port 0): every
 * frame the server sends is a documented `WsServerFrame`, each channel's snapshot and deltas carry the
 * data its entry documents, and the frames a client sends are documented `WsClientFrame`s.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, SystemClock, type UplinkItem } from '../../core/index.ts';
import { checkJsonSchema, openApiDocument } from '../http/openapi/index.ts';
import { connectWsClient, type TestWsClient } from '../http/testing/index.ts';
import { busProgressItem, linkStateItem, sampleBatch } from '../ingest/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';

type Json = Record<string, unknown>;
const OPERATOR = 'operator-token-0123456789';
const doc = openApiDocument() as Json;
const ws = doc['x-websocket'] as {
  channels: Record<string, { snapshot: Json; delta: Json }>;
  [k: string]: unknown;
};
const schemas = (doc['components'] as Record<string, Record<string, Json>>)['schemas'] ?? {};

let node: CenterNode;
let client: TestWsClient;
let seq = 0;

beforeAll(async () => {
  node = await startCenterNode({
    scenario: loadScenario(MINI_SCENARIO_PATH),
    clock: new SystemClock(),
    httpPort: 0,
    engine: 'node',
    tokens: [{ name: 'ops-kim', role: 'operator', token: OPERATOR }],
    log: () => {},
  });
  client = await connectWsClient(node.port);
});
afterAll(async () => {
  await client?.close();
  await node?.close();
});

const ingest = (items: UplinkItem[]): Promise<unknown> =>
  node.ingest.handle(
    'its/v1/gangnam/edge/edge-gangnam/up',
    JSON.stringify(sampleBatch({ region: 'gangnam', edgeId: 'edge-gangnam', seq: seq++, items })),
  );

/** Send a client frame, checking it against the documented client frame schema first. */
function send(frame: Json): void {
  expect(checkJsonSchema(frame, ws['clientFrame'] as Json, doc), JSON.stringify(frame)).toEqual([]);
  client.send(frame);
}

/** The channel entry of the extension a concrete channel name belongs to. */
const entryOf = (channel: string): { snapshot: Json; delta: Json } => {
  const kind = channel.includes(':') ? `${channel.slice(0, channel.indexOf(':'))}:` : channel;
  const key = Object.keys(ws.channels).find((k) => k === kind || k.startsWith(kind));
  const entry = key === undefined ? undefined : ws.channels[key];
  if (entry === undefined) throw new Error(`channel ${channel} is not documented`);
  return entry;
};

function conforms(frame: Json): void {
  expect(checkJsonSchema(frame, schemas['WsServerFrame'] ?? false, doc), JSON.stringify(frame)).toEqual([]);
  if (frame['type'] !== 'snapshot' && frame['type'] !== 'delta') return;
  const entry = entryOf(String(frame['channel']));
  const schema = frame['type'] === 'snapshot' ? entry.snapshot : entry.delta;
  expect(
    checkJsonSchema(frame['data'], schema, doc),
    `${String(frame['type'])} ${String(frame['channel'])}`,
  ).toEqual([]);
}

const CHANNELS = ['stop:22-202', 'region:gangnam', 'vehicles', 'signals', 'incidents', 'sign:vms-L-n-in'];

test('each documented channel answers a subscription with a snapshot of its documented shape', async () => {
  expect(Object.keys(ws.channels)).toHaveLength(CHANNELS.length);
  await ingest([linkStateItem('L-n-in', 20, Date.now())]);
  for (const channel of CHANNELS) {
    send({ op: 'subscribe', channel });
    conforms(await client.next((f) => f['type'] === 'snapshot' && f['channel'] === channel));
  }
});

test('deltas on every channel carry their documented data', async () => {
  const now = Date.now();
  await ingest([
    busProgressItem('bus-9', now, {
      routeId: '140',
      tripId: '140-0-0700',
      lon: 127.0277,
      lat: 37.4979,
      lastStopId: '22-201',
      nextStopId: '22-202',
    } as Partial<UplinkItem>),
  ]);
  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`http://127.0.0.1:${node.port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR}` },
      body: JSON.stringify(body),
    });
  expect((await post('/api/v1/incidents', { linkId: 'L-e-in', lanes: [0] })).status).toBe(201);
  expect((await post('/api/v1/signs/vms-L-n-in/messages', { textKo: '서행' })).status).toBe(201);
  await ingest([
    {
      type: 'signal-state',
      intersectionId: 'gangnam-stn',
      mode: 'fixed',
      strategy: 'static',
      planId: 'am-peak',
      cycleS: 120,
      lastSplitsS: { '2': 40 },
      greenGroups: [2],
      fault: null,
      online: true,
    },
  ]);
  for (const channel of CHANNELS) {
    conforms(await client.next((f) => f['type'] === 'delta' && f['channel'] === channel));
  }
});

test('ping, unsubscribe, unknown ids and bad frames answer documented frames', async () => {
  send({ op: 'ping' });
  conforms(await client.next((f) => f['type'] === 'pong'));
  send({ op: 'unsubscribe', channel: 'vehicles' });
  conforms(await client.next((f) => f['type'] === 'unsubscribed'));
  send({ op: 'subscribe', channel: 'stop:nope' });
  conforms(await client.next((f) => f['type'] === 'error' && f['code'] === 'not-found'));
  client.send({ op: 'dance' });
  conforms(await client.next((f) => f['type'] === 'error' && f['code'] === 'bad-frame'));
  expect(checkJsonSchema({ op: 'dance' }, ws['clientFrame'] as Json, doc)).not.toEqual([]);
});
