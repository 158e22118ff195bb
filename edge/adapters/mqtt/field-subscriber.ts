/**
 * @module edge/adapters/mqtt/field-subscriber
 * Subscribes an edge to its region's device topics on the field broker. Persistent session (clean
 * session false, fixed client id) so QoS 1 messages published while the edge is down wait in the
 * broker (MQTT 3.1.1 §3.1.2.4). Each message is handed to `onMessage` synchronously and only then
 * acknowledged (PUBACK after `handleMessage` returns, MQTT.js `handlers/publish`), so whatever the
 * handler writes durably is safe before the device's broker forgets the message.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { TopicKind } from '../../../core/index.ts';
import { TOPIC_POLICY, topicFilter } from '../../../core/index.ts';
import { connectEdgeClient, endClient } from './tcp.ts';

/** MQTT username and password of one connection (kept off the command line by the callers). */
export type MqttAuth = { readonly username: string; readonly password: string };

/** Field topic kinds the edge node consumes (it ignores fares and tolls). */
export const EDGE_NODE_KINDS: readonly TopicKind[] = Object.freeze(['det', 'bus', 'spat', 'sig', 'status']);

/** Field topic kinds of money (card taps, toll passes): the ledger runs its own subscription to these. */
export const SETTLEMENT_FIELD_KINDS: readonly TopicKind[] = Object.freeze(['tap', 'toll']);

/** Every field topic kind of a region (the default subscription). */
export const EDGE_FIELD_KINDS: readonly TopicKind[] = Object.freeze([
  ...EDGE_NODE_KINDS,
  ...SETTLEMENT_FIELD_KINDS,
]);

/** Options of {@link connectFieldSubscriber}. */
export type FieldSubscriberOptions = {
  /** Broker URL, e.g. `mqtt://127.0.0.1:1883`. */
  readonly url: string;
  /** Fixed client id, so the broker keeps the session across restarts. */
  readonly clientId: string;
  readonly region: string;
  readonly kinds?: readonly TopicKind[];
  /**
   * Neighbouring regions whose bus positions this edge also takes, for transit priority at its own
   * signals (EdgeNode `visitingBusRegions`): subscribes `its/v1/<r>/bus/+` for each. With one field
   * broker per region, the neighbour's broker bridges that topic here.
   */
  readonly visitingBusRegions?: readonly string[];
  /** MQTT credentials; omitted = anonymous. */
  readonly auth?: MqttAuth;
  /**
   * Called for every message before it is acknowledged. Throwing withholds the PUBACK, so the broker
   * redelivers a QoS 1 message after the next reconnect.
   */
  readonly onMessage: (topic: string, payload: Buffer) => void;
  /** Reconnect period, ms. Default 1000. */
  readonly reconnectPeriodMs?: number;
  /**
   * Presence (BRIEF: device presence by last will, latest status retained): the broker publishes
   * `offline` retained if the edge vanishes, and `online` is published retained on every connect.
   */
  readonly presence?: {
    readonly topic: string;
    readonly online: () => string;
    readonly offline: string;
  };
};

/** A connected field subscriber. */
export type FieldSubscriber = {
  readonly client: MqttClient;
  /** Close the connection, keeping the broker-side session. */
  close(): Promise<void>;
};

/** Connect, subscribe with each kind's QoS, and resolve once subscribed. */
export async function connectFieldSubscriber(options: FieldSubscriberOptions): Promise<FieldSubscriber> {
  const will: IClientOptions =
    options.presence === undefined
      ? {}
      : {
          will: {
            topic: options.presence.topic,
            payload: Buffer.from(options.presence.offline),
            qos: 1,
            retain: true,
          },
        };
  const client = connectEdgeClient(options.url, {
    clientId: options.clientId,
    clean: false,
    reconnectPeriodMs: options.reconnectPeriodMs,
    auth: options.auth,
    more: will,
  });
  const presence = options.presence;
  if (presence !== undefined) {
    client.on('connect', () => {
      client.publish(presence.topic, presence.online(), { qos: 1, retain: true });
    });
  }
  client.handleMessage = (packet, callback) => {
    // The edge's own presence comes back through its status subscription (once retained, once live):
    // it is not field input, and handing it on had every start log a dropped duplicate.
    if (presence !== undefined && packet.topic === presence.topic) {
      callback();
      return;
    }
    try {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      options.onMessage(packet.topic, payload);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  };
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  const kinds = options.kinds ?? EDGE_FIELD_KINDS;
  const subscriptions: Record<string, { qos: 0 | 1 }> = {};
  for (const kind of kinds) {
    subscriptions[topicFilter(options.region, kind)] = { qos: TOPIC_POLICY[kind].qos };
  }
  for (const region of options.visitingBusRegions ?? []) {
    subscriptions[topicFilter(region, 'bus')] = { qos: TOPIC_POLICY.bus.qos };
  }
  await client.subscribeAsync(subscriptions);
  // A persistent session keeps the filters of an earlier start; drop the field kinds no longer wanted.
  const unwanted = EDGE_FIELD_KINDS.filter((k) => !kinds.includes(k)).map((k) =>
    topicFilter(options.region, k),
  );
  if (unwanted.length > 0) await client.unsubscribeAsync(unwanted);
  return {
    client,
    close: async () => {
      await endClient(client);
    },
  };
}
