/**
 * @module edge/adapters/mqtt/uplink-outage.int.test
 * Store-and-forward across a center broker outage: nothing lost, order kept.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from 'vitest';
import mqtt from 'mqtt';
import { SystemClock } from '../../../core/index.ts';
import type { EdgeBatch } from '../../../core/index.ts';
import { UplinkForwarder } from '../../uplink/index.ts';
import { sampleItem } from '../../uplink/uplink-store.contract.ts';
import { SqliteUplinkStore } from '../sqlite/index.ts';
import { MqttUplinkTransport } from './index.ts';
import { startTestBroker } from './test-broker.ts';

test('center broker down for a while: nothing is lost and batches arrive in order', async () => {
  const broker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const batches: EdgeBatch[] = [];
  const center = await mqtt.connectAsync(broker.url, {
    clientId: `center-${tag}`,
    clean: false,
    reconnectPeriod: 100,
  });
  center.on('message', (_topic, payload) => batches.push(JSON.parse(payload.toString()) as EdgeBatch));
  await center.subscribeAsync('its/v1/+/edge/+/up', { qos: 1 });

  const store = new SqliteUplinkStore(join(mkdtempSync(join(tmpdir(), 'edge-outage-')), 'uplink.db'));
  const transport = new MqttUplinkTransport({
    url: broker.url,
    clientId: `edge-${tag}`,
    reconnectPeriodMs: 100,
  });
  const forwarder = new UplinkForwarder({
    store,
    transport,
    clock: new SystemClock(),
    edgeId: 'edge1',
    region: 'r1',
    flushIntervalMs: 20,
    maxItemsPerBatch: 7,
  });
  forwarder.start();
  const ids = (): number[] => [
    ...new Set(
      batches.flatMap((b) => b.items.map((i) => (i.type === 'alarm' ? Number(i.alarmId.slice(1)) : -1))),
    ),
  ];

  for (let n = 1; n <= 50; n++) forwarder.enqueue([sampleItem(n)]);
  await expect.poll(() => ids().length, { timeout: 10_000 }).toBe(50);

  await broker.pause();
  for (let n = 51; n <= 200; n++) {
    forwarder.enqueue([sampleItem(n)]);
    if (n % 50 === 0) await new Promise((r) => setTimeout(r, 30));
  }
  await expect.poll(() => forwarder.stats().queuedBatches, { timeout: 10_000 }).toBeGreaterThan(10);
  await broker.resume();
  await expect.poll(() => ids().length, { timeout: 20_000 }).toBe(200);

  expect(ids()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  const firstSeen = [...new Map(batches.map((b) => [b.seq, b])).keys()];
  expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
  await expect.poll(() => store.batchCount()).toBe(0);

  forwarder.stop();
  await transport.close();
  await center.endAsync(true);
  store.close();
  await broker.stop();
});
