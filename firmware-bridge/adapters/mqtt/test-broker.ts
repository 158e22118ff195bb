/**
 * @module firmware-bridge/adapters/mqtt/test-broker
 * An embedded aedes broker on 127.0.0.1, port 0, for the bridge's integration tests, and a
 * subscriber that collects what it receives.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';

/** A running broker. */
export type TestBroker = { readonly url: string; readonly port: number; close(): Promise<void> };

/** Start aedes on a free port (net.createServer(aedes.handle), listen(0)), or on `port` to restart one. */
export async function startTestBroker(port = 0): Promise<TestBroker> {
  const broker = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${actual}`,
    port: actual,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** A subscriber recording every message, with a helper to wait for a condition. */
export type Collector = {
  readonly client: MqttClient;
  readonly messages: { topic: string; payload: unknown; retain: boolean }[];
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
};

/** Connect and subscribe to `filter`. */
export async function collect(url: string, filter: string): Promise<Collector> {
  const client = await mqtt.connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
  const messages: Collector['messages'] = [];
  const waiters = new Set<() => void>();
  client.on('message', (topic, payload, packet) => {
    messages.push({ topic, payload: JSON.parse(payload.toString('utf8')) as unknown, retain: packet.retain });
    for (const w of waiters) w();
  });
  await client.subscribeAsync(filter, { qos: 1 });
  return {
    client,
    messages,
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (predicate()) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = (): void => {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      }),
  };
}
