/**
 * @module edge/adapters/mqtt/ledger-subscriber
 * The edge ledger's own MQTT session to the field broker: fixed client id, clean session false and
 * QoS 1 on the region's `tap` and `toll` topics, so money published while the edge is down waits in
 * the broker (MQTT 3.1.1 §3.1.2.4) and anything not acknowledged is redelivered after a reconnect
 * (§4.4).
 *
 * Group commit needs many messages in flight, but MQTT.js handles one packet at a time: the next packet
 * is read only after the previous one's PUBACK is written (`client.js` `work`/`nextTickWork`). So
 * `handleMessage` releases MQTT.js at once while the PUBACK itself is held back: the client's
 * `_sendPacket` is wrapped so a PUBACK for a message whose commit has not returned yet is kept, and
 * written only when the ledger says the commit holding it is durable. A PUBACK held when the connection
 * closes is dropped, never sent on the next connection (packet ids are per connection there), and the
 * broker redelivers the message, which the ledger then counts as a duplicate. `_sendPacket` is MQTT.js
 * 5 internal API: the integration test fails if an upgrade changes it.
 */
import type { MqttClient } from 'mqtt';
import { topicFilter } from '../../../core/index.ts';
import { connectEdgeClient, endClient } from './tcp.ts';

/** Options of {@link connectLedgerSubscriber}. */
export type LedgerSubscriberOptions = {
  /** Field broker URL, e.g. `mqtt://127.0.0.1:1883`. */
  readonly url: string;
  /** Fixed client id: the broker keeps the session (and unacknowledged money) across restarts. */
  readonly clientId: string;
  readonly region: string;
  /**
   * Called for every message; `ack(null)` once the message is durable sends its PUBACK, `ack(error)`
   * withholds it and reconnects so the broker redelivers.
   */
  readonly onMessage: (topic: string, payload: Buffer, ack: (error: Error | null) => void) => void;
  /** Reconnect period, ms. Default 1000. */
  readonly reconnectPeriodMs?: number;
  readonly username?: string;
  readonly password?: string;
};

/** A connected ledger subscriber. */
export type LedgerSubscriber = {
  readonly client: MqttClient;
  /** PUBACKs held now (messages waiting for their commit). */
  held(): number;
  /** Close the connection, keeping the broker-side session. */
  close(): Promise<void>;
};

/** The fields of an outgoing MQTT.js packet this module looks at. */
type Packet = { readonly cmd: string; readonly messageId?: number };
type SendPacket = (packet: Packet, cb?: (err?: Error) => void, ...rest: unknown[]) => void;
type Waiting = { committed: boolean; packet: Packet | null };

/** Connect, subscribe to `tap` and `toll` at QoS 1, and resolve once subscribed. */
export async function connectLedgerSubscriber(options: LedgerSubscriberOptions): Promise<LedgerSubscriber> {
  const client = connectEdgeClient(options.url, {
    clientId: options.clientId,
    clean: false,
    reconnectPeriodMs: options.reconnectPeriodMs,
    auth:
      options.username === undefined ? undefined : { username: options.username, password: options.password },
  });
  const internals = client as unknown as { _sendPacket: SendPacket };
  const send = internals._sendPacket.bind(client);
  let generation = 0;
  let waiting = new Map<number, Waiting>();
  client.on('close', () => {
    generation += 1;
    waiting = new Map();
  });
  internals._sendPacket = (packet, cb, ...rest) => {
    if (packet.cmd === 'puback' && packet.messageId !== undefined) {
      const w = waiting.get(packet.messageId);
      if (w !== undefined && !w.committed) {
        w.packet = packet;
        cb?.();
        return;
      }
      waiting.delete(packet.messageId);
    }
    send(packet, cb, ...rest);
  };
  const settle = (gen: number, messageId: number, error: Error | null): void => {
    if (gen !== generation) return;
    const w = waiting.get(messageId);
    if (w === undefined) return;
    if (error !== null) {
      waiting.delete(messageId);
      client.stream.destroy();
      return;
    }
    if (w.packet === null) {
      w.committed = true;
      return;
    }
    waiting.delete(messageId);
    if (client.connected) send(w.packet);
  };
  client.handleMessage = (packet, callback) => {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const messageId = packet.messageId;
    if (packet.qos !== 1 || messageId === undefined) {
      options.onMessage(packet.topic, payload, () => undefined);
      callback();
      return;
    }
    const gen = generation;
    waiting.set(messageId, { committed: false, packet: null });
    options.onMessage(packet.topic, payload, (error) => settle(gen, messageId, error));
    callback();
  };
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync({
    [topicFilter(options.region, 'tap')]: { qos: 1 },
    [topicFilter(options.region, 'toll')]: { qos: 1 },
  });
  return {
    client,
    held: () => [...waiting.values()].filter((w) => w.packet !== null).length,
    close: async () => {
      await endClient(client);
    },
  };
}
