/**
 * @module broker/broker.int.test
 * The embedded broker over real TCP: delivery, surviving a subscriber that leaves during a flood (aedes
 * 1.2 once overflowed its stack there; BRIEF), refusing a taken port, and enforcing auth hooks.
 */
import { afterEach, expect, test } from 'vitest';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { PortTakenError, startEmbeddedBroker } from './index.ts';
import type { MessageBroker } from './index.ts';

const open: Array<MessageBroker | MqttClient> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) {
    if ('end' in o) await o.endAsync(true);
    else await o.close();
  }
});

async function client(url: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...opts });
  open.push(c);
  return c;
}

test('delivers a QoS 1 message between two clients', async () => {
  const broker = await startEmbeddedBroker({ port: 0 });
  open.push(broker);
  const sub = await client(broker.url);
  await sub.subscribeAsync('its/v1/r1/tap/#', { qos: 1 });
  const got = new Promise<string>((resolve) => sub.on('message', (_t, p) => resolve(p.toString())));
  const pub = await client(broker.url);
  await pub.publishAsync('its/v1/r1/tap/reader-1', 'hello', { qos: 1 });
  expect(await got).toBe('hello');
});

test('survives a subscriber that vanishes during a flood', async () => {
  const broker = await startEmbeddedBroker({ port: 0 });
  open.push(broker);
  const leaver = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
  await leaver.subscribeAsync('flood/#', { qos: 1 });
  const pub = await client(broker.url);
  const payload = Buffer.alloc(512, 1);
  let sent = 0;
  for (let burst = 0; burst < 20; burst++) {
    for (let i = 0; i < 1000; i++) {
      pub.publish(`flood/${i % 10}`, payload, { qos: (i % 2) as 0 | 1 });
      sent++;
    }
    if (burst === 5) leaver.stream.destroy();
    await new Promise((r) => setImmediate(r));
  }
  expect(sent).toBe(20_000);
  // The broker still works for newcomers afterwards.
  const late = await client(broker.url);
  await late.subscribeAsync('after/flood', { qos: 1 });
  const got = new Promise<string>((resolve) => late.on('message', (_t, p) => resolve(p.toString())));
  await pub.publishAsync('after/flood', 'still here', { qos: 1 });
  expect(await got).toBe('still here');
});

test('refuses a taken port when asked to fail, and moves when asked to', async () => {
  const first = await startEmbeddedBroker({ port: 0 });
  open.push(first);
  await expect(startEmbeddedBroker({ port: first.port })).rejects.toBeInstanceOf(PortTakenError);
  const moved = await startEmbeddedBroker({ port: first.port, whenPortTaken: 'any' });
  open.push(moved);
  expect(moved.port).not.toBe(first.port);
});

test('enforces authentication and topic authorization hooks', async () => {
  const broker = await startEmbeddedBroker({
    port: 0,
    auth: {
      authenticate: (_id, user, pass) => user === 'det-1' && pass === 'secret',
      authorizePublish: (_id, user, topic) => topic === `its/v1/r1/det/${user}`,
      authorizeSubscribe: (_id, _user, filter) => filter !== 'its/#',
    },
  });
  open.push(broker);
  await expect(
    mqtt.connectAsync(broker.url, { reconnectPeriod: 0, username: 'x', password: 'y' }),
  ).rejects.toThrow();
  const dev = await client(broker.url, { username: 'det-1', password: 'secret' });
  // MQTT 3.1.1 §3.9.3: SUBACK return code 0x80 = failure; MQTT.js rejects the promise on it.
  await expect(dev.subscribeAsync('its/#', { qos: 0 })).rejects.toThrow(/Subscribe error/);
  await dev.subscribeAsync('its/v1/r1/cmd/det-1', { qos: 0 });
  // A refused publish makes aedes close the connection (3.1.1 has no negative PUBACK).
  dev.publish('its/v1/r1/det/det-2', 'spoof', { qos: 1 });
  await new Promise<void>((resolve) => dev.once('close', () => resolve()));
  expect(broker.stats().refusedPublishes).toBe(1);
  expect(broker.stats().refusedSubscriptions).toBe(1);
  expect(broker.stats().refusedConnections).toBe(1);
});
