/**
 * @module bin/demo/adapters/field-publisher
 * MQTT.js publisher of the simulated field: every device message on its core topic with the QoS of
 * its topic kind (core TOPIC_POLICY), TCP_NODELAY on the socket (BRIEF: Nagle adds 20-30 ms).
 * QoS 1 messages published while the broker is away wait in MQTT.js's outgoing store and go out on
 * reconnect; QoS 0 ones (actuations, positions) are dropped, as a radio link would drop them.
 */
import type { Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import type { Message, TopicKind } from '../../../core/index.ts';
import { TOPIC_KIND_OF_MESSAGE, TOPIC_POLICY, encodeMessage, topicForMessage } from '../../../core/index.ts';

/** Options of {@link connectFieldPublisher}. */
export type FieldPublisherOptions = {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
};

/** Counters of a field publisher. */
export type FieldPublisherStats = {
  readonly published: number;
  readonly droppedOffline: number;
};

/** A connected publisher of field messages. */
export type FieldPublisher = {
  publish(region: string, message: Message): void;
  stats(): FieldPublisherStats;
  close(): Promise<void>;
};

/** Connect to the broker; resolves once connected. */
export async function connectFieldPublisher(options: FieldPublisherOptions): Promise<FieldPublisher> {
  const client: MqttClient = mqtt.connect(options.url, {
    clientId: options.clientId,
    protocolVersion: 4,
    reconnectPeriod: 500,
    connectTimeout: 10_000,
    queueQoSZero: false,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  client.on('connect', () => (client.stream as Partial<Socket>).setNoDelay?.(true));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  // After the first connection errors are retried by MQTT.js; a lost broker is not a crash.
  client.on('error', () => {});
  let published = 0;
  let droppedOffline = 0;
  return {
    publish(region, message) {
      const kind: TopicKind = TOPIC_KIND_OF_MESSAGE[message.kind];
      const policy = TOPIC_POLICY[kind];
      if (policy.qos === 0 && !client.connected) {
        droppedOffline++;
        return;
      }
      published++;
      client.publish(topicForMessage(region, message), encodeMessage(message), {
        qos: policy.qos,
        retain: policy.retain,
      });
    },
    stats: () => ({ published, droppedOffline }),
    async close() {
      // Give QoS 1 messages in flight a moment for their PUBACK, then close regardless: a device
      // switched off loses what it had not sent, and the broker-side sessions keep the rest.
      let timer: NodeJS.Timeout | undefined;
      const graceful = client.endAsync().then(() => true);
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2_000)));
      const ended = await Promise.race([graceful, timedOut]);
      clearTimeout(timer);
      if (!ended) await client.endAsync(true);
    },
  };
}
