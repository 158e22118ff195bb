/**
 * @module edge/adapters/mqtt/end-client.int.test
 * Closing an MQTT client never hangs: MQTT.js's graceful end waits for every QoS 1 publish in flight
 * to be acknowledged, for ever when the broker is gone (an edge stopped during a center outage hung).
 * `endClient` ends gracefully while connected and at once otherwise.
 */
import { expect, test } from 'vitest';
import mqtt from 'mqtt';
import { startEmbeddedBroker } from '../../../broker/index.ts';
import { connectEdgeClient, endClient } from './tcp.ts';

const connected = (c: mqtt.MqttClient): Promise<void> => new Promise((r) => c.once('connect', () => r()));

test('a client with a QoS 1 publish in flight and its broker gone closes at once', async () => {
  const broker = await startEmbeddedBroker({ port: 0 });
  const client = connectEdgeClient(broker.url, { clientId: 'end-offline', clean: true });
  await connected(client);
  await broker.close();
  await expect.poll(() => client.connected).toBe(false);
  client.publish('its/v1/r/edge/e/settle', 'batch', { qos: 1 });
  // client.endAsync() would never return here (the test would time out).
  await endClient(client);
  expect(client.connected).toBe(false);
});

test('a connected client ends gracefully: its in-flight QoS 1 publish reaches the broker first', async () => {
  const broker = await startEmbeddedBroker({ port: 0 });
  try {
    const watcher = await mqtt.connectAsync(broker.url, { clientId: 'end-watcher' });
    const got: string[] = [];
    watcher.on('message', (_t, p) => got.push(p.toString()));
    await watcher.subscribeAsync('its/#', { qos: 1 });
    const client = connectEdgeClient(broker.url, { clientId: 'end-online', clean: true });
    await connected(client);
    client.publish('its/v1/r/edge/e/settle', 'last words', { qos: 1 });
    await endClient(client);
    await expect.poll(() => got).toEqual(['last words']);
    await watcher.endAsync();
  } finally {
    await broker.close();
  }
});
