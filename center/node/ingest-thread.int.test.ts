/**
 * @module center/node/ingest-thread.int.test
 * A center on Redis with its ingest in a worker thread (`ingestThread`) keeps the
 * ingest's guarantees, on the real Mosquitto and Redis: an `uplink.ack` names a batch only once its
 * writes are in Redis, a batch sent twice is stored once and acknowledged twice, a sequence gap of
 * the edge is counted, and the worker's writes reach this thread's WebSocket clients and metrics.
 */
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import { loadScenario, topicForMessage, uplinkAckTopic, type UplinkAck } from '../../core/index.ts';
import { RedisStateStore } from '../adapters/redis/index.ts';
import { TestPrefixes } from '../adapters/redis/testing.ts';
import { connectWsClient } from '../http/testing/index.ts';
import { busProgressItem, sampleBatch } from '../ingest/index.ts';
import { startCenterNode } from './index.ts';
import { isolatedCenterOptions } from './testing/isolated-center.ts';

const MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const prefixes = new TestPrefixes();
const prefix = prefixes.fresh();
const group = `g${randomUUID().slice(0, 8)}`;
afterAll(() => prefixes.purge());

test('acks after the Redis write, once stored per id, gaps counted, updates fanned out here', async () => {
  const node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    ...isolatedCenterOptions(group, prefix),
    ingestThread: true,
    httpPort: 0,
    tokens: [],
    log: () => undefined,
  });
  const reader = await RedisStateStore.connect({ url: prefixes.url, prefix });
  const edge = await mqtt.connectAsync(MQTT_URL);
  const ws = await connectWsClient(node.port);
  try {
    ws.send({ op: 'subscribe', channel: 'vehicles' });
    await ws.next((f) => f['type'] === 'snapshot');
    // On each ack, every batch it names must already be readable in Redis.
    const acked: { batchId: string; status: string; stored: boolean }[] = [];
    const vehicleOf = new Map<string, string>();
    edge.on('message', (_topic, payload) => {
      const ack = JSON.parse(payload.toString()) as UplinkAck;
      const named = [{ batchId: ack.batchId, status: ack.status }, ...(ack.more ?? [])];
      void Promise.all(
        named.map(async (b) => {
          const stored = (await reader.get('vehicle', vehicleOf.get(b.batchId) ?? '')) !== null;
          acked.push({ batchId: b.batchId, status: b.status, stored });
        }),
      );
    });
    await edge.subscribeAsync(uplinkAckTopic('gangnam', group), { qos: 1 });
    const batches = [0, 1, 3].map((seq) =>
      sampleBatch({
        region: 'gangnam',
        edgeId: group,
        seq,
        items: [busProgressItem(`bus-${seq}`, Date.now(), { routeId: '140', nextStopId: '22-202' } as never)],
      }),
    );
    for (const b of batches) vehicleOf.set(b.id, `bus-${b.seq}`);
    for (const b of [...batches, batches[1]]) {
      if (b === undefined) continue;
      await edge.publishAsync(topicForMessage('gangnam', b), JSON.stringify(b), { qos: 1 });
    }
    await expect.poll(() => acked.length, { timeout: 10_000 }).toBe(4);
    expect(acked.every((a) => a.stored)).toBe(true);
    expect(acked.filter((a) => a.status === 'duplicate').map((a) => a.batchId)).toEqual([batches[1]?.id]);
    expect(node.ingest.stats()).toMatchObject({ accepted: 3, duplicates: 1 });
    await expect
      .poll(() => node.ingest.stats().edges.find((e) => e.sourceId === group))
      .toMatchObject({ missing: 1, highestSeq: 3 });
    for (const seq of [0, 1, 3]) {
      await ws.next((f) => f['channel'] === 'vehicles' && JSON.stringify(f['data']).includes(`"bus-${seq}"`));
    }
    // A message handed to the node directly goes through the worker too.
    const refused = await node.ingest.handle(`its/v1/gangnam/edge/${group}/up`, '{not json');
    expect(refused).toMatchObject({ status: 'rejected', reason: 'not-json' });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${node.port}/metrics`)).text(), { timeout: 5_000 })
      .toMatch(/its_center_ingest_batches_total\{region="gangnam"\} 3/);
  } finally {
    await ws.close();
    await edge.endAsync();
    await reader.close();
    await node.close();
  }
});

test('the ingest thread refuses an injected clock', async () => {
  await expect(
    startCenterNode({
      scenario: loadScenario('core/scenario/fixtures/mini.json'),
      redisUrl: prefixes.url,
      mqttUrl: MQTT_URL,
      ingestThread: true,
      clock: { now: () => 0 } as never,
      httpPort: 0,
      tokens: [],
    }),
  ).rejects.toThrow(/system clock/);
});
