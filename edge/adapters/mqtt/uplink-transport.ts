/**
 * @module edge/adapters/mqtt/uplink-transport
 * The edge's connection to the center's broker, as an {@link UplinkTransport}. The forwarder owns
 * durability (SQLite) and resending, so MQTT.js must not keep its own copies: on every connection loss
 * the messages MQTT.js still holds are removed (their publish callbacks fail) and the forwarder sends
 * them again, in order, once reconnected. With `acks`, it also subscribes to the center's `uplink.ack`s
 * for this edge (`its/v1/<r>/cmd/<edgeId>/up`) and hands them to the forwarder, which then deletes a
 * batch only when the center has stored it (end-to-end acknowledgement); one acknowledgement may name
 * several batches, each handed on as its own notice. Acknowledgements that do not parse, or name
 * another edge, are counted and ignored.
 */
import type { MqttClient } from 'mqtt';
import { ackedBatches, parseMessage, uplinkAckTopic } from '../../../core/index.ts';
import type { UplinkAckNotice, UplinkTransport } from '../../uplink/index.ts';
import type { MqttAuth } from './field-subscriber.ts';
import { connectEdgeClient } from './tcp.ts';

/** Options of {@link connectUplinkTransport}. */
export type UplinkTransportOptions = {
  readonly url: string;
  readonly clientId: string;
  /** MQTT credentials on the center's broker; omitted = anonymous. */
  readonly auth?: MqttAuth;
  /** Reconnect period, ms. Default 1000. */
  readonly reconnectPeriodMs?: number;
  /** Receive the center's end-to-end acknowledgements for this edge. */
  readonly acks?: { readonly region: string; readonly edgeId: string };
};

/** MQTT.js implementation of the uplink transport. */
export class MqttUplinkTransport implements UplinkTransport {
  readonly client: MqttClient;
  readonly #listeners: ((connected: boolean) => void)[] = [];
  readonly #ackListeners: ((ack: UplinkAckNotice) => void)[] = [];
  #connected = false;
  #badAcks = 0;
  /** Present only with `acks`: the forwarder's switch to end-to-end acknowledgement. */
  readonly onAck?: (listener: (ack: UplinkAckNotice) => void) => void;

  constructor(options: UplinkTransportOptions) {
    this.client = connectEdgeClient(options.url, {
      clientId: options.clientId,
      clean: true,
      reconnectPeriodMs: options.reconnectPeriodMs,
      auth: options.auth,
      more: { queueQoSZero: false },
    });
    const acks = options.acks;
    if (acks !== undefined) {
      const ackTopic = uplinkAckTopic(acks.region, acks.edgeId);
      this.onAck = (listener) => void this.#ackListeners.push(listener);
      // Subscribe before the forwarder hears of the connection, so no answer to a resend is missed.
      this.client.on('connect', () => this.client.subscribe(ackTopic, { qos: 1 }));
      this.client.on('message', (topic, payload) => {
        if (topic === ackTopic) this.#onAckMessage(payload, acks.edgeId);
      });
    }
    this.client.on('connect', () => this.#set(true));
    this.client.on('close', () => {
      for (const id of Object.keys(this.client.outgoing)) this.client.removeOutgoingMessage(Number(id));
      this.#set(false);
    });
    // Connection errors are retried by MQTT.js; the forwarder only needs connected/disconnected.
    this.client.on('error', () => {});
  }

  get connected(): boolean {
    return this.#connected && this.client.connected;
  }

  publish(topic: string, payload: string): Promise<void> {
    // Never into MQTT.js's offline queue: it would go out on reconnect ahead of the forwarder's
    // oldest-first resend, out of order. The forwarder resends it once connected.
    if (!this.connected) return Promise.reject(new Error('not connected to the center broker'));
    return new Promise((resolve, reject) => {
      this.client.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve()));
    });
  }

  onConnectionChange(listener: (connected: boolean) => void): void {
    this.#listeners.push(listener);
    if (this.#connected) listener(true);
  }

  /** Acknowledgements that did not parse or named another edge. */
  get badAcks(): number {
    return this.#badAcks;
  }

  /** Disconnect for good. */
  async close(): Promise<void> {
    await this.client.endAsync(true);
  }

  #onAckMessage(payload: Buffer, edgeId: string): void {
    const parsed = parseMessage(payload);
    if (!parsed.ok || parsed.message.kind !== 'uplink.ack' || parsed.message.edgeId !== edgeId) {
      this.#badAcks++;
      return;
    }
    // One message may acknowledge several batches (core `uplink.ack` `more`): each is a notice of its own.
    for (const b of ackedBatches(parsed.message)) {
      const ack = { batchSeq: b.batchSeq, batchId: b.batchId };
      for (const l of this.#ackListeners) l(ack);
    }
  }

  #set(connected: boolean): void {
    if (connected === this.#connected) return;
    this.#connected = connected;
    for (const l of this.#listeners) l(connected);
  }
}
