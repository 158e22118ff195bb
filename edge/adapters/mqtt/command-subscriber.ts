/**
 * @module edge/adapters/mqtt/command-subscriber
 * The edge's listener for operator commands on the center's broker: subscribes to its region's
 * `signal.command` topic (`its/v1/<region>/cmd/+`, QoS 1) and publishes the answers
 * (`signal.command.result`, QoS 1) on the same connection. Clean session: a command issued while the
 * edge is away is not held for it (the operator sees no result and may issue it again), so a stale
 * command never lands minutes later.
 */
import type { MqttClient } from 'mqtt';
import { signalCommandFilter, TOPIC_POLICY } from '../../../core/index.ts';
import type { MqttAuth } from './field-subscriber.ts';
import { connectEdgeClient, endClient } from './tcp.ts';

/** Options of {@link connectCommandSubscriber}. */
export type CommandSubscriberOptions = {
  /** The center's broker URL. */
  readonly url: string;
  readonly clientId: string;
  readonly region: string;
  readonly auth?: MqttAuth;
  /** Called for every message on the command topic; it must not throw. */
  readonly onMessage: (topic: string, payload: Buffer) => void;
  /** Reconnect period, ms. Default 1000. */
  readonly reconnectPeriodMs?: number;
};

/** A connected command subscriber. */
export type CommandSubscriber = {
  readonly client: MqttClient;
  /** Publish an answer with QoS 1; resolves on the broker's PUBACK. */
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
};

/** Connect, subscribe, and resolve once subscribed. */
export async function connectCommandSubscriber(
  options: CommandSubscriberOptions,
): Promise<CommandSubscriber> {
  const client = connectEdgeClient(options.url, {
    clientId: options.clientId,
    clean: true,
    reconnectPeriodMs: options.reconnectPeriodMs,
    auth: options.auth,
  });
  const filter = signalCommandFilter(options.region);
  const qos = TOPIC_POLICY.cmd.qos;
  client.on('message', (topic, payload) => options.onMessage(topic, payload));
  // A clean session forgets the subscription on every reconnect: subscribe again each time.
  client.on('connect', () => {
    client.subscribe(filter, { qos }, () => {});
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(filter, { qos });
  client.on('error', () => {});
  return {
    client,
    publish: (topic, payload) =>
      new Promise((resolve, reject) => {
        client.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve()));
      }),
    close: async () => {
      await endClient(client);
    },
  };
}
