/**
 * @module edge/adapters/mqtt/uplink-transport
 * The edge's connection to the center's broker, as an {@link UplinkTransport}. The forwarder owns
 * durability (SQLite) and resending, so MQTT.js must not keep its own copies: on every connection loss
 * the messages MQTT.js still holds are removed (their publish callbacks fail) and the forwarder sends
 * them again, in order, once reconnected.
 */
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import type { UplinkTransport } from '../../uplink/index.ts';
import type { MqttAuth } from './field-subscriber.ts';
import { keepNoDelay } from './tcp.ts';

/** Options of {@link connectUplinkTransport}. */
export type UplinkTransportOptions = {
  readonly url: string;
  readonly clientId: string;
  /** MQTT credentials on the center's broker; omitted = anonymous. */
  readonly auth?: MqttAuth;
  /** Reconnect period, ms. Default 1000. */
  readonly reconnectPeriodMs?: number;
};

/** MQTT.js implementation of the uplink transport. */
export class MqttUplinkTransport implements UplinkTransport {
  readonly client: MqttClient;
  readonly #listeners: ((connected: boolean) => void)[] = [];
  #connected = false;

  constructor(options: UplinkTransportOptions) {
    this.client = mqtt.connect(options.url, {
      clientId: options.clientId,
      clean: true,
      protocolVersion: 4,
      reconnectPeriod: options.reconnectPeriodMs ?? 1000,
      connectTimeout: 10_000,
      queueQoSZero: false,
      ...(options.auth === undefined
        ? {}
        : { username: options.auth.username, password: options.auth.password }),
    });
    keepNoDelay(this.client);
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
    return new Promise((resolve, reject) => {
      this.client.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve()));
    });
  }

  onConnectionChange(listener: (connected: boolean) => void): void {
    this.#listeners.push(listener);
    if (this.#connected) listener(true);
  }

  /** Disconnect for good. */
  async close(): Promise<void> {
    await this.client.endAsync(true);
  }

  #set(connected: boolean): void {
    if (connected === this.#connected) return;
    this.#connected = connected;
    for (const l of this.#listeners) l(connected);
  }
}
