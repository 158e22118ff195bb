/**
 * @module edge/adapters/mqtt/field-subscriber.int.test
 * The field subscriber on a real broker: persistent session, presence and last will.
 */
import { test, expect } from 'vitest';
import mqtt from 'mqtt';
import { connectFieldSubscriber } from './index.ts';
import { startTestBroker } from './test-broker.ts';

test('receives the region device topics and queued QoS 1 messages after a restart', async () => {
  const broker = await startTestBroker();
  const received: string[] = [];
  const clientId = `edge-test-${process.pid}`;
  const sub = await connectFieldSubscriber({
    url: broker.url,
    clientId,
    region: 'r1',
    onMessage: (topic) => received.push(topic),
  });
  const device = await mqtt.connectAsync(broker.url, { clientId: `dev-${process.pid}` });
  await device.publishAsync('its/v1/r1/det/d1', 'a', { qos: 1 });
  await device.publishAsync('its/v1/r2/det/d1', 'other region', { qos: 1 });
  await expect.poll(() => received.length).toBe(1);
  await sub.close();
  await device.publishAsync('its/v1/r1/tap/reader1', 'while edge down', { qos: 1 });
  const again = await connectFieldSubscriber({
    url: broker.url,
    clientId,
    region: 'r1',
    onMessage: (topic) => received.push(topic),
  });
  await expect.poll(() => received).toEqual(['its/v1/r1/det/d1', 'its/v1/r1/tap/reader1']);
  await again.close();
  await device.endAsync();
  await broker.stop();
});

test('announces presence retained and leaves a last will, and does not take its own presence as input', async () => {
  const broker = await startTestBroker();
  const input: string[] = [];
  const sub = await connectFieldSubscriber({
    url: broker.url,
    clientId: `edge-presence-${process.pid}`,
    region: 'r1',
    onMessage: (topic) => input.push(topic),
    reconnectPeriodMs: 0,
    presence: { topic: 'its/v1/r1/status/edge1', online: () => 'online', offline: 'offline' },
  });
  const seen: string[] = [];
  const watcher = await mqtt.connectAsync(broker.url, { clientId: `watch-${process.pid}` });
  watcher.on('message', (_t, payload) => seen.push(payload.toString()));
  await watcher.subscribeAsync('its/v1/r1/status/+', { qos: 1 });
  await expect.poll(() => seen).toEqual(['online']);
  // A controller's status on the same filter is input; the edge's own (delivered to it as well) is not.
  await watcher.publishAsync('its/v1/r1/status/ctl1', 'controller', { qos: 1 });
  await expect.poll(() => input).toEqual(['its/v1/r1/status/ctl1']);
  sub.client.stream.destroy();
  await expect.poll(() => seen).toEqual(['online', 'controller', 'offline']);
  await sub.client.endAsync(true);
  await watcher.endAsync();
  await broker.stop();
});

test("takes a visiting region's bus positions and nothing else of that region", async () => {
  const broker = await startTestBroker();
  const received: string[] = [];
  const sub = await connectFieldSubscriber({
    url: broker.url,
    clientId: `edge-visiting-${process.pid}`,
    region: 'r1',
    kinds: ['det', 'bus'],
    visitingBusRegions: ['r2'],
    onMessage: (topic) => received.push(topic),
  });
  const device = await mqtt.connectAsync(broker.url, { clientId: `dev-visiting-${process.pid}` });
  await device.publishAsync('its/v1/r2/det/d1', 'neighbour loop', { qos: 1 });
  await device.publishAsync('its/v1/r3/bus/gps-3', 'far bus', { qos: 0 });
  await device.publishAsync('its/v1/r2/bus/gps-2', 'neighbour bus', { qos: 0 });
  await device.publishAsync('its/v1/r1/bus/gps-1', 'own bus', { qos: 1 });
  await expect.poll(() => received).toEqual(['its/v1/r2/bus/gps-2', 'its/v1/r1/bus/gps-1']);
  await sub.close();
  await device.endAsync();
  await broker.stop();
});
