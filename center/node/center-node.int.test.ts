/**
 * @module center/node/center-node.int.test
 * Two center instances on one real Redis and the real Mosquitto behave as one: a batch published by an
 * edge is ingested by whichever instance the shared subscription picks, and reaches a WebSocket client
 * of the other. Each run uses its own Redis prefix, region and share group.
 */
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import { loadScenario, topicForMessage } from '../../core/index.ts';
import { RedisStateStore } from '../adapters/redis/index.ts';
import { connectWsClient } from '../http/testing/index.ts';
import { busProgressItem, linkStateItem, sampleBatch } from '../ingest/index.ts';
import { startCenterNode, type CenterNode } from './index.ts';
import { isolatedCenterOptions } from './testing/isolated-center.ts';

const MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `its-test:${randomUUID()}`;
const group = `g${randomUUID().slice(0, 8)}`;
const nodes: CenterNode[] = [];
const OPERATOR = 'operator-token-0123456789';

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.close()));
  const s = await RedisStateStore.connect({ url: REDIS_URL, prefix });
  await s.purge();
  await s.close();
});

async function instance(): Promise<CenterNode> {
  const n = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    // gangnam is the fixture's region; the edge id is unique per run so parallel runs never share topics.
    ...isolatedCenterOptions(group, prefix),
    httpPort: 0,
    tokens: [{ name: 'ops', role: 'operator', token: OPERATOR }],
  });
  nodes.push(n);
  return n;
}

test('an update ingested by one instance reaches a WebSocket client of the other', async () => {
  const a = await instance();
  const b = await instance();
  expect(a.mqtt?.protocolVersion).toBe(5);
  const ws = await connectWsClient(b.port);
  ws.send({ op: 'subscribe', channel: 'vehicles' });
  ws.send({ op: 'subscribe', channel: 'stop:22-202' });
  await ws.next((f) => f['type'] === 'snapshot' && f['channel'] === 'stop:22-202');
  const pub = await mqtt.connectAsync(MQTT_URL);
  try {
    for (let seq = 0; seq < 10; seq++) {
      const now = Date.now();
      const batch = sampleBatch({
        region: 'gangnam',
        edgeId: group,
        seq,
        items: [
          linkStateItem('L-n-in', 20 + seq, now),
          busProgressItem(`bus-${seq}`, now, {
            routeId: '140',
            tripId: '140-0-0700',
            lastStopId: '22-201',
            nextStopId: '22-202',
          } as never),
        ],
      });
      await pub.publishAsync(topicForMessage('gangnam', batch), JSON.stringify(batch), { qos: 1 });
    }
    for (let seq = 0; seq < 10; seq++) {
      await ws.next((f) => f['channel'] === 'vehicles' && JSON.stringify(f['data']).includes(`"bus-${seq}"`));
    }
    await ws.next((f) => f['type'] === 'delta' && f['channel'] === 'stop:22-202');
  } finally {
    await pub.endAsync();
  }
  expect(a.ingest.stats().accepted + b.ingest.stats().accepted).toBe(10);
  const links = await (await fetch(`http://127.0.0.1:${a.port}/api/v1/links/L-n-in`)).json();
  expect(links).toMatchObject({ traffic: { source: 'live' } });
  const vehiclesAtB = (await (await fetch(`http://127.0.0.1:${b.port}/api/v1/vehicles`)).json()) as unknown[];
  expect(vehiclesAtB).toHaveLength(10);
  await ws.close();
});

test('an operator signal command is published to the edge over MQTT', async () => {
  const a = nodes[0] ?? (await instance());
  const ix = a.network.scenario.intersections[0];
  const sub = await mqtt.connectAsync(MQTT_URL);
  try {
    const got = new Promise<string>((resolve) => sub.on('message', (_t, p) => resolve(p.toString())));
    await sub.subscribeAsync(`its/v1/${ix?.region}/cmd/${ix?.id}`, { qos: 1 });
    const r = await fetch(`http://127.0.0.1:${a.port}/api/v1/signals/${ix?.id}/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      body: JSON.stringify({ planId: ix?.plans[0]?.id }),
    });
    expect(r.status).toBe(202);
    expect(await r.json()).toMatchObject({ delivered: true });
    expect(JSON.parse(await got)).toMatchObject({ kind: 'signal.command', intersectionId: ix?.id });
  } finally {
    await sub.endAsync();
  }
});
