/**
 * @module edge/adapters/mqtt/settlement-link
 * The edge's settlement session to the center broker: settlement batches out on
 * `its/v1/<r>/edge/<edgeId>/settle` (QoS 1), the center's acknowledgements in on
 * `its/v1/<r>/cmd/<edgeId>/settle` (QoS 1, persistent session with a fixed client id so an ack sent
 * while the edge was down still arrives). An acknowledgement is applied to the ledger (a durable
 * commit) before its PUBACK; a payload that is not a valid `settlement.ack` is counted and dropped.
 */
import type { MqttClient } from 'mqtt';
import type { RejectReason, SettlementAck, SettlementBatch } from '../../../core/index.ts';
import { buildTopic, parseMessage, SETTLEMENT_DETAIL, topicForMessage } from '../../../core/index.ts';
import { connectEdgeClient, endClient } from './tcp.ts';

/** Options of {@link connectSettlementLink}. */
export type SettlementLinkOptions = {
  /** Center broker URL. */
  readonly url: string;
  readonly clientId: string;
  readonly region: string;
  readonly edgeId: string;
  /** Apply an acknowledgement durably; throwing withholds its PUBACK. */
  readonly onAck: (ack: SettlementAck) => void;
  readonly reconnectPeriodMs?: number;
  readonly username?: string;
  readonly password?: string;
};

/** A connected settlement link. */
export type SettlementLink = {
  readonly client: MqttClient;
  /** Publish a batch at QoS 1 (queued by MQTT.js while disconnected). */
  publish(batch: SettlementBatch): void;
  /** Payloads on the ack topic that were refused, by reason. */
  readonly rejected: Map<RejectReason | 'not-an-ack', number>;
  close(): Promise<void>;
};

/** Connect to the center broker and subscribe to this edge's settlement acknowledgements. */
export async function connectSettlementLink(options: SettlementLinkOptions): Promise<SettlementLink> {
  const client = connectEdgeClient(options.url, {
    clientId: options.clientId,
    clean: false,
    reconnectPeriodMs: options.reconnectPeriodMs,
    auth:
      options.username === undefined ? undefined : { username: options.username, password: options.password },
  });
  const rejected = new Map<RejectReason | 'not-an-ack', number>();
  const reject = (reason: RejectReason | 'not-an-ack'): void => {
    rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
  };
  client.handleMessage = (packet, callback) => {
    const parsed = parseMessage(typeof packet.payload === 'string' ? packet.payload : packet.payload);
    if (!parsed.ok) reject(parsed.reason);
    else if (parsed.message.kind !== 'settlement.ack') reject('not-an-ack');
    else {
      try {
        options.onAck(parsed.message);
      } catch (err) {
        callback(err as Error);
        return;
      }
    }
    callback();
  };
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(buildTopic(options.region, 'cmd', options.edgeId, SETTLEMENT_DETAIL), {
    qos: 1,
  });
  return {
    client,
    rejected,
    publish: (batch) => {
      client.publish(
        topicForMessage(options.region, batch),
        JSON.stringify(batch),
        { qos: 1 },
        () => undefined,
      );
    },
    close: async () => {
      await endClient(client);
    },
  };
}
