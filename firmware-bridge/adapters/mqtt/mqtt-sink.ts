/**
 * @module firmware-bridge/adapters/mqtt/mqtt-sink
 * MQTT.js connection of a bridged device: TCP_NODELAY on its socket (Nagle costs 20-30 ms per QoS 0
 * message here; BRIEF), the device's retained status republished on every (re)connect, an MQTT last
 * will with `online: false`, and reconnect with exponential backoff.
 */
import type { Socket } from 'node:net';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../reconnect/index.ts';
import type { BackoffOptions } from '../../reconnect/index.ts';
import type { MessageSink } from '../../avl/index.ts';

/** A topic and payload, for the will and the status. */
export type StatusPublication = { readonly topic: string; readonly payload: string };

/** Options of {@link connectMqttSink}. */
export type MqttSinkOptions = {
  readonly url: string;
  readonly clientId: string;
  /** Broker credentials of the bridge's identity (`bridge.<region>.<id>`, broker/acl). */
  readonly username?: string;
  readonly password?: string;
  /** The last will the broker publishes (retained, QoS 1) if the connection is lost. */
  readonly will: StatusPublication;
  /** Built on each (re)connect: the retained `online: true` status. */
  readonly onlineStatus: () => StatusPublication;
  readonly backoff?: BackoffOptions;
  /** Called on connection events, for the process log. */
  readonly onEvent?: (event: 'connect' | 'close' | 'error', detail: string) => void;
};

/** A connected (or reconnecting) MQTT sink. */
export type MqttSink = MessageSink & {
  readonly client: MqttClient;
  /** Publish a last status (e.g. offline, `shutdown`), then disconnect cleanly (no will). */
  close(finalStatus?: StatusPublication): Promise<void>;
};

/** Connect to the broker; resolves after the first CONNACK and the status publication. */
export async function connectMqttSink(options: MqttSinkOptions): Promise<MqttSink> {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let attempt = 0;
  const client = mqtt.connect(options.url, {
    clientId: options.clientId,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: backoff.minMs,
    connectTimeout: 10_000,
    will: { topic: options.will.topic, payload: Buffer.from(options.will.payload), qos: 1, retain: true },
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  client.on('connect', () => {
    attempt = 0;
    client.options.reconnectPeriod = backoffDelayMs(0, backoff);
    (client.stream as Partial<Socket>).setNoDelay?.(true);
    const status = options.onlineStatus();
    client.publish(status.topic, status.payload, { qos: 1, retain: true });
    options.onEvent?.('connect', options.url);
  });
  client.on('close', () => {
    attempt++;
    client.options.reconnectPeriod = backoffDelayMs(attempt, backoff);
    options.onEvent?.('close', `reconnect in ${client.options.reconnectPeriod} ms`);
  });
  client.on('error', (err) => options.onEvent?.('error', err.message));
  await new Promise<void>((resolve, reject) => {
    const onConnect = (): void => {
      client.off('error', onError);
      resolve();
    };
    const onError = (err: Error): void => {
      client.off('connect', onConnect);
      client.end(true);
      reject(err);
    };
    client.once('connect', onConnect);
    client.once('error', onError);
  });
  return {
    client,
    publish: (topic, payload, o) => {
      client.publish(topic, payload, { qos: o.qos, retain: o.retain });
    },
    close: async (finalStatus) => {
      if (finalStatus !== undefined && client.connected) {
        await client.publishAsync(finalStatus.topic, finalStatus.payload, { qos: 1, retain: true });
      }
      await client.endAsync();
    },
  };
}
