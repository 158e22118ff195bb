/**
 * @module edge/adapters/mqtt/uplink-acks.int.test
 * End-to-end acknowledgement over a real broker: the broker restarts in memory (sessions lost) while a
 * center with a clean session is slow to come back. Batches the new broker took before the center
 * re-subscribed reached nobody; without the center's `uplink.ack` they were deleted on PUBACK and
 * lost. With it, the edge resends them after its acknowledgement timeout and nothing is lost.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { test, expect } from 'vitest';
import {
  encodeMessage,
  newId,
  parseMessage,
  SystemClock,
  uplinkAckTopic,
  type UplinkAck,
} from '../../../core/index.ts';
import { UplinkForwarder } from '../../uplink/index.ts';
import { sampleItem } from '../../uplink/uplink-store.contract.ts';
import { SqliteUplinkStore } from '../sqlite/index.ts';
import { MqttUplinkTransport } from './index.ts';
import { startTestBroker } from './test-broker.ts';

type AckedRef = {
  readonly batchId: string;
  readonly batchSeq: number;
  readonly status: 'accepted' | 'duplicate';
};

/** The center's acknowledgement of `own` (and of `more`), as a test center sends it. */
function ackOf(seq: number, edgeId: string, own: AckedRef, more?: AckedRef[]): UplinkAck {
  return {
    kind: 'uplink.ack',
    id: newId(Date.now()),
    deviceId: 'center-test',
    seq,
    ts: Date.now(),
    edgeId,
    batchId: own.batchId,
    batchSeq: own.batchSeq,
    status: own.status,
    ...(more === undefined ? {} : { more }),
  };
}

/** Edge `edge1` of region `r1`: SQLite store, MQTT transport waiting for acks, forwarder started. */
function startEdge(
  url: string,
  tag: string,
  options: { reconnectPeriodMs?: number; maxItemsPerBatch: number; ackTimeoutMs?: number },
) {
  const store = new SqliteUplinkStore(join(mkdtempSync(join(tmpdir(), 'edge-acks-')), 'uplink.db'));
  const transport = new MqttUplinkTransport({
    url,
    clientId: `edge-${tag}`,
    ...(options.reconnectPeriodMs === undefined ? {} : { reconnectPeriodMs: options.reconnectPeriodMs }),
    acks: { region: 'r1', edgeId: 'edge1' },
  });
  const forwarder = new UplinkForwarder({
    store,
    transport,
    clock: new SystemClock(),
    edgeId: 'edge1',
    region: 'r1',
    flushIntervalMs: 20,
    maxItemsPerBatch: options.maxItemsPerBatch,
    ...(options.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: options.ackTimeoutMs }),
  });
  forwarder.start();
  const stop = async (): Promise<void> => {
    forwarder.stop();
    await transport.close();
    store.close();
  };
  return { store, transport, forwarder, stop };
}

test('broker restarted while the center is away: unanswered batches are resent until the center stores them', async () => {
  const broker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const stored = new Set<number>();
  const batchIds = new Set<string>();
  let acksSent = 0;
  // A minimal center: clean session (as the real one), stores the alarm ids of each batch, answers.
  const center = await mqtt.connectAsync(broker.url, {
    clientId: `center-${tag}`,
    clean: true,
    reconnectPeriod: 4000,
    resubscribe: true,
  });
  center.on('error', () => {});
  center.on('message', (_topic, payload) => {
    const parsed = parseMessage(payload);
    if (!parsed.ok || parsed.message.kind !== 'edge.batch') return;
    const b = parsed.message;
    for (const i of b.items) if (i.type === 'alarm') stored.add(Number(i.alarmId.slice(1)));
    const status = batchIds.has(b.id) ? 'duplicate' : 'accepted';
    batchIds.add(b.id);
    const ack = ackOf(acksSent++, b.deviceId, { batchId: b.id, batchSeq: b.seq, status });
    center.publish(uplinkAckTopic(b.region, b.deviceId), encodeMessage(ack), { qos: 1 });
  });
  await center.subscribeAsync('its/v1/+/edge/+/up', { qos: 1 });

  const edge = startEdge(broker.url, tag, {
    reconnectPeriodMs: 100,
    maxItemsPerBatch: 5,
    ackTimeoutMs: 1500,
  });
  const { store, transport, forwarder } = edge;
  try {
    for (let n = 1; n <= 50; n++) forwarder.enqueue([sampleItem(n)]);
    await expect.poll(() => stored.size, { timeout: 10_000 }).toBe(50);
    await expect.poll(() => store.batchCount(), { timeout: 10_000 }).toBe(0);

    await broker.restart();
    // The edge is back within 100 ms and its batches are taken by the new broker; the center is not.
    await expect.poll(() => transport.connected, { timeout: 10_000 }).toBe(true);
    for (let n = 51; n <= 100; n++) forwarder.enqueue([sampleItem(n)]);
    await expect.poll(() => forwarder.stats().sent, { timeout: 10_000 }).toBeGreaterThanOrEqual(20);
    expect(center.connected).toBe(false);
    expect(store.batchCount()).toBeGreaterThan(0);

    await expect.poll(() => stored.size, { timeout: 30_000 }).toBe(100);
    expect([...stored].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    await expect.poll(() => store.batchCount(), { timeout: 10_000 }).toBe(0);
    expect(forwarder.stats().ackTimeouts).toBeGreaterThan(0);
    expect(transport.badAcks).toBe(0);
  } finally {
    await edge.stop();
    await center.endAsync(true);
    await broker.stop();
  }
});

test('one acknowledgement naming several batches deletes each of them', async () => {
  const broker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  let acksSent = 0;
  let held: { region: string; edgeId: string; batchId: string; batchSeq: number }[] = [];
  // A center that answers four batches at a time in one `uplink.ack` (`more` names the other three).
  const center = await mqtt.connectAsync(broker.url, { clientId: `center-${tag}`, clean: true });
  center.on('message', (_topic, payload) => {
    const parsed = parseMessage(payload);
    if (!parsed.ok || parsed.message.kind !== 'edge.batch') return;
    const b = parsed.message;
    held.push({ region: b.region, edgeId: b.deviceId, batchId: b.id, batchSeq: b.seq });
    if (held.length < 4) return;
    const [first, ...more] = held.map((h) => ({ ...h, status: 'accepted' as const }));
    held = [];
    if (first === undefined) return;
    const named = more.map(({ batchId, batchSeq, status }) => ({ batchId, batchSeq, status }));
    const ack = ackOf(acksSent++, first.edgeId, first, named);
    center.publish(uplinkAckTopic(first.region, first.edgeId), encodeMessage(ack), { qos: 1 });
  });
  await center.subscribeAsync('its/v1/+/edge/+/up', { qos: 1 });
  const edge = startEdge(broker.url, tag, { maxItemsPerBatch: 1 });
  const { store, transport, forwarder } = edge;
  try {
    for (let n = 1; n <= 20; n++) forwarder.enqueue([sampleItem(n)]);
    await expect.poll(() => forwarder.stats().acknowledged, { timeout: 10_000 }).toBe(20);
    expect(store.batchCount()).toBe(0);
    expect(acksSent).toBe(5);
    expect(transport.badAcks).toBe(0);
  } finally {
    await edge.stop();
    await center.endAsync(true);
    await broker.stop();
  }
});
