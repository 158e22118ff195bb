/**
 * @module bench/mqtt-load.test
 * The lean QoS 1 load generator against the embedded broker (aedes on port 0) and against a strict fake
 * broker that parses every byte with mqtt-packet: every publish arrives once and intact, a packet id is
 * never reused while in flight, and a lost PUBACK, a stray PUBACK, a refused CONNECT or a dropped
 * connection fails the run instead of passing as delivered.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import mqtt from 'mqtt';
import mqttPacket from 'mqtt-packet';
import type { IPublishPacket } from 'mqtt-packet';
import { afterEach, expect, test } from 'vitest';
import { startEmbeddedBroker } from '../broker/index.ts';
import type { LoadMessage } from './mqtt-load.ts';
import { Qos1LoadError, encodeQos1Load, runQos1Load } from './mqtt-load.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Messages of varied sizes: remaining lengths of one, two and three bytes. */
function messages(count: number): LoadMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    topic: `load/dev-${i % 7}/tap`,
    payload: i % 500 === 0 ? 'x'.repeat(20_000 + i) : JSON.stringify({ i, pad: 'p'.repeat(i % 300) }),
  }));
}

type FakeBroker = {
  readonly url: string;
  /** Parse errors (malformed packets) and protocol violations seen. */
  readonly faults: string[];
  readonly publishes: IPublishPacket[];
};

/**
 * A broker that parses every packet strictly (MQTT 3.1.1) and answers CONNECT with `returnCode`;
 * `onPublish` decides what to do with each publish (`ack(id)` sends its PUBACK).
 */
async function fakeBroker(
  onPublish: (packet: IPublishPacket, ack: (id: number) => void, socket: Socket) => void,
  returnCode = 0,
): Promise<FakeBroker> {
  const faults: string[] = [];
  const publishes: IPublishPacket[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const inFlight = new Set<number>();
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    const ack = (id: number): void => {
      inFlight.delete(id);
      socket.write(mqttPacket.generate({ cmd: 'puback', messageId: id }));
    };
    parser.on('error', (err) => faults.push(`malformed: ${err.message}`));
    parser.on('packet', (packet) => {
      if (packet.cmd === 'connect')
        socket.write(mqttPacket.generate({ cmd: 'connack', returnCode, sessionPresent: false }));
      else if (packet.cmd === 'pingreq') socket.write(mqttPacket.generate({ cmd: 'pingresp' }));
      else if (packet.cmd === 'publish') {
        const id = packet.messageId ?? 0;
        if (packet.qos !== 1) faults.push(`publish at QoS ${packet.qos}`);
        if (inFlight.has(id)) faults.push(`packet id ${id} reused while in flight`);
        inFlight.add(id);
        publishes.push(packet);
        onPublish(packet, ack, socket);
      } else if (packet.cmd !== 'disconnect') faults.push(`unexpected ${packet.cmd}`);
    });
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`, faults, publishes };
}

test('every publish reaches a QoS 1 subscriber of the embedded broker once, intact, and is acknowledged', async () => {
  const broker = await startEmbeddedBroker({ port: 0 });
  closers.push(() => broker.close());
  const subscriber = await mqtt.connectAsync(broker.url, { clientId: 'load-test-sub' });
  closers.push(() => subscriber.endAsync(true));
  const received: string[] = [];
  subscriber.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
  await subscriber.subscribeAsync('load/#', { qos: 1 });
  const sent = messages(3_000);
  const result = await runQos1Load(encodeQos1Load(sent, 2), {
    url: broker.url,
    clientId: 'load',
    window: 64,
  });
  expect(result.acknowledged).toBe(sent.length);
  await expect.poll(() => received.length, { timeout: 20_000 }).toBe(sent.length);
  const expected = sent.map((m) => `${m.topic} ${m.payload.toString()}`);
  expect([...received].sort()).toEqual([...expected].sort());
  expect(result.writes).toBeLessThan(sent.length / 4);
});

test('packet ids wrap after 65,535 publishes and are never reused in flight, acks out of order', async () => {
  let held: number[] = [];
  const broker = await fakeBroker((packet, ack) => {
    held.push(packet.messageId ?? 0);
    if (held.length === 1)
      setImmediate(() => {
        const ids = held.reverse();
        held = [];
        for (const id of ids) ack(id);
      });
  });
  const sent = Array.from({ length: 70_000 }, (_, i) => ({ topic: 't/x', payload: `${i}` }));
  const result = await runQos1Load(encodeQos1Load(sent), { url: broker.url, clientId: 'wrap', window: 3000 });
  expect(broker.faults).toEqual([]);
  expect(result.acknowledged).toBe(70_000);
  expect(broker.publishes.map((p) => p.payload.toString())).toEqual(sent.map((m) => m.payload));
  expect(broker.publishes[65_535]?.messageId).toBe(1);
});

test('a lost PUBACK fails the run after the stall time', async () => {
  const broker = await fakeBroker((packet, ack) => {
    if (packet.payload.toString() !== '500') ack(packet.messageId ?? 0);
  });
  const sent = Array.from({ length: 2_000 }, (_, i) => ({ topic: 't/x', payload: `${i}` }));
  const run = runQos1Load(encodeQos1Load(sent), { url: broker.url, clientId: 'lost', stallMs: 300 });
  await expect(run).rejects.toBeInstanceOf(Qos1LoadError);
  await expect(run).rejects.toMatchObject({ unacknowledged: 1 });
  expect(broker.faults).toEqual([]);
});

test('a PUBACK for a packet id not in flight fails the run', async () => {
  const broker = await fakeBroker((packet, ack) => {
    ack(packet.messageId ?? 0);
    if (packet.payload.toString() === '10') ack(packet.messageId ?? 0);
  });
  const sent = Array.from({ length: 100 }, (_, i) => ({ topic: 't/x', payload: `${i}` }));
  await expect(runQos1Load(encodeQos1Load(sent), { url: broker.url, clientId: 'twice' })).rejects.toThrow(
    /PUBACK for packet id 11, which is not in flight/,
  );
});

test('a refused CONNECT and a dropped connection fail the run', async () => {
  const refusing = await fakeBroker(() => undefined, 5);
  const sent = [{ topic: 't/x', payload: 'a' }];
  await expect(runQos1Load(encodeQos1Load(sent), { url: refusing.url, clientId: 'refused' })).rejects.toThrow(
    /CONNECT refused, return code 5/,
  );
  const dropping = await fakeBroker((packet, _ack, socket) => {
    if (packet.payload.toString() === '3') socket.destroy();
  });
  const many = Array.from({ length: 10 }, (_, i) => ({ topic: 't/x', payload: `${i}` }));
  await expect(runQos1Load(encodeQos1Load(many), { url: dropping.url, clientId: 'dropped' })).rejects.toThrow(
    /connection closed/,
  );
});
