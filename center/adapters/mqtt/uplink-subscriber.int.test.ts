/**
 * @module center/adapters/mqtt/uplink-subscriber.int.test
 * Ingest over real brokers: the machine's Mosquitto (MQTT 5, shared subscriptions) and the embedded
 * aedes broker (MQTT 3.1.1, plain subscription). Every run uses its own region and share group, so
 * parallel runs on the same Mosquitto never take each other's messages.
 */
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterEach, expect, test } from 'vitest';
import { startEmbeddedBroker } from '../../../broker/index.ts';
import { SystemClock, topicForMessage } from '../../../core/index.ts';
import { CenterIngest, sampleBatch, linkStateItem } from '../../ingest/index.ts';
import { Metrics } from '../../metrics/index.ts';
import { MemoryStateStore } from '../../state/index.ts';
import { eventually } from '../../state/testing/index.ts';
import { connectUplinkSubscriber, type UplinkSubscriber } from './index.ts';

const MOSQUITTO = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function centerOn(url: string, group: string, region: string) {
  const clock = new SystemClock();
  const store = new MemoryStateStore({ clock });
  const ingest = new CenterIngest({ store, clock, metrics: new Metrics() });
  const sub: UplinkSubscriber = await connectUplinkSubscriber({
    url,
    shareGroup: group,
    uplinkFilter: `its/v1/${region}/edge/+/up`,
    statusFilter: `its/v1/${region}/status/+`,
    handler: (t, p) => ingest.handle(t, p),
  });
  cleanups.push(() => sub.close());
  return { store, ingest, sub };
}

async function publisher(url: string) {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4 });
  cleanups.push(() => client.endAsync());
  return client;
}

test('over Mosquitto, uses a shared subscription and stores published batches', async () => {
  const region = `t${randomUUID().slice(0, 8)}`;
  const a = await centerOn(MOSQUITTO, `g${region}`, region);
  expect(a.sub.protocolVersion).toBe(5);
  expect(a.sub.uplinkSubscription).toBe(`$share/g${region}/its/v1/${region}/edge/+/up`);
  const pub = await publisher(MOSQUITTO);
  for (let seq = 0; seq < 20; seq++) {
    const b = sampleBatch({ region, seq, items: [linkStateItem(`L${seq}`, 30, Date.now())] });
    await pub.publishAsync(topicForMessage(region, b), JSON.stringify(b), { qos: 1 });
  }
  await eventually(() => a.ingest.stats().accepted === 20, '20 batches');
  expect(await a.store.list('link')).toHaveLength(20);
});

test('two instances in one share group split the uplinks between them', async () => {
  const region = `t${randomUUID().slice(0, 8)}`;
  const a = await centerOn(MOSQUITTO, `g${region}`, region);
  const b = await centerOn(MOSQUITTO, `g${region}`, region);
  const pub = await publisher(MOSQUITTO);
  for (let seq = 0; seq < 40; seq++) {
    const batch = sampleBatch({ region, seq });
    await pub.publishAsync(topicForMessage(region, batch), JSON.stringify(batch), { qos: 1 });
  }
  await eventually(() => a.sub.handled() + b.sub.handled() === 40, '40 deliveries');
  expect(a.sub.handled()).toBeGreaterThan(0);
  expect(b.sub.handled()).toBeGreaterThan(0);
});

test('over the embedded MQTT 3.1.1 broker, falls back to a plain subscription', async () => {
  const broker = await startEmbeddedBroker({ port: 0 });
  cleanups.push(() => broker.close());
  const region = 'r1';
  const a = await centerOn(broker.url, 'center', region);
  expect(a.sub.protocolVersion).toBe(4);
  expect(a.sub.uplinkSubscription).toBe('its/v1/r1/edge/+/up');
  const pub = await publisher(broker.url);
  const batch = sampleBatch({ region });
  await pub.publishAsync(topicForMessage(region, batch), JSON.stringify(batch), { qos: 1 });
  await pub.publishAsync('its/v1/r1/edge/edge-r1/up', 'garbage', { qos: 1 });
  await eventually(() => a.sub.handled() === 2, 'two messages');
  expect(a.ingest.stats()).toMatchObject({ accepted: 1, rejected: { 'not-json': 1 } });
});

test('over Mosquitto, a backlog widens the in-flight window and nothing is lost', async () => {
  const region = `t${randomUUID().slice(0, 8)}`;
  let running = 0;
  let mostRunning = 0;
  let handled = 0;
  // A store that answers on the next turn of the event loop, as a Redis reply does, behind a window
  // of 4: the flood fills the window turn after turn.
  const sub = await connectUplinkSubscriber({
    url: MOSQUITTO,
    shareGroup: `g${region}`,
    uplinkFilter: `its/v1/${region}/edge/+/up`,
    statusFilter: `its/v1/${region}/status/+`,
    minInFlight: 4,
    maxInFlight: 32,
    handler: async () => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      await new Promise((r) => setImmediate(r));
      running--;
      handled++;
    },
  });
  cleanups.push(() => sub.close());
  expect(sub.window()).toBe(4);
  const pub = await publisher(MOSQUITTO);
  const batches = Array.from({ length: 600 }, (_, seq) => sampleBatch({ region, seq }));
  await Promise.all(
    batches.map((b) => pub.publishAsync(topicForMessage(region, b), JSON.stringify(b), { qos: 1 })),
  );
  for (let i = 0; i < 3000 && handled < 600; i++) await new Promise((r) => setTimeout(r, 10));
  expect(handled).toBe(600);
  expect(mostRunning).toBe(32);
  expect(sub.handled()).toBe(600);
});
