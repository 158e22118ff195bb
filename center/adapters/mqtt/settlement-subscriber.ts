/**
 * @module center/adapters/mqtt/settlement-subscriber
 * The clearing house's MQTT session: settlement batches in from `its/v1/+/edge/+/settle` (QoS 1),
 * acknowledgements out on `its/v1/<r>/cmd/<edgeId>/settle` (QoS 1). On an MQTT 5 broker it subscribes
 * through the shared subscription `$share/<group>/...` (MQTT 5.0 §4.8.2) so center instances split the
 * batches (they must then share one clearing store); on MQTT 3.1.1 (the embedded aedes) it subscribes
 * plainly. Each batch is parsed once, checked against its topic, recorded durably by the clearing house
 * and only then answered and acknowledged (PUBACK): a batch lost in a crash before its record is
 * redelivered, one recorded twice is answered `duplicate`. Bad payloads are counted by reason and
 * acknowledged (a resend would not make them valid).
 */
import { connectCenterClient, endClient } from './connect.ts';
import type { RejectReason, SettlementAck, SettlementBatch } from '../../../core/index.ts';
import { buildTopic, parseMessage, parseTopic, SETTLEMENT_DETAIL, topicFilter } from '../../../core/index.ts';

/** Why the subscriber refused a payload. */
export type SettlementRejectReason = RejectReason | 'not-a-batch';

/** Options of {@link connectSettlementSubscriber}. */
export type SettlementSubscriberOptions = {
  readonly url: string;
  /** Records a batch durably and answers it (the clearing house). Throwing withholds the PUBACK. */
  readonly receive: (batch: SettlementBatch) => SettlementAck;
  /** Fixed client id, so the broker keeps the session while the center restarts. */
  readonly clientId: string;
  /** MQTT protocol: 5, 4 (3.1.1), or `auto` (try 5, fall back to 4). Default `auto`. */
  readonly protocol?: 5 | 4 | 'auto';
  /** Shared-subscription group under MQTT 5. Default `clearing`. */
  readonly shareGroup?: string;
  readonly reconnectPeriodMs?: number;
  readonly username?: string;
  readonly password?: string;
  readonly onError?: (err: unknown) => void;
};

/** A connected settlement subscriber. */
export type SettlementSubscriber = {
  readonly protocolVersion: 5 | 4;
  readonly subscription: string;
  /** Batches answered, by status, and payloads refused, by reason. */
  readonly counters: {
    answered: Map<SettlementAck['status'], number>;
    refused: Map<SettlementRejectReason, number>;
  };
  close(): Promise<void>;
};

/** Connect, subscribe to settlement batches and answer each after it is recorded. */
export async function connectSettlementSubscriber(
  options: SettlementSubscriberOptions,
): Promise<SettlementSubscriber> {
  const { client, version } = await connectCenterClient(
    options.url,
    options.protocol ?? 'auto',
    (version) => ({
      clean: false,
      clientId: options.clientId,
      reconnectPeriod: options.reconnectPeriodMs ?? 1000,
      connectTimeout: 5000,
      ...(version === 5 ? { properties: { sessionExpiryInterval: 86_400 } } : {}),
      ...(options.username === undefined ? {} : { username: options.username, password: options.password }),
    }),
  );
  client.on('error', (err) => options.onError?.(err));
  const counters = {
    answered: new Map<SettlementAck['status'], number>(),
    refused: new Map<SettlementRejectReason, number>(),
  };
  const refuse = (reason: SettlementRejectReason): void => {
    counters.refused.set(reason, (counters.refused.get(reason) ?? 0) + 1);
  };
  // MQTT.js writes the PUBACK of a QoS 1 PUBLISH when `callback` is called: after the record.
  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') return callback();
    const parsed = parseMessage(packet.payload);
    if (!parsed.ok) {
      refuse(parsed.reason);
      return callback();
    }
    const batch = parsed.message;
    if (batch.kind !== 'settlement.batch') {
      refuse('not-a-batch');
      return callback();
    }
    const where = parseTopic(packet.topic);
    if (
      where === null ||
      where.kind !== 'edge' ||
      where.region !== batch.region ||
      where.deviceId !== batch.deviceId ||
      where.detail.join('/') !== SETTLEMENT_DETAIL
    ) {
      refuse('topic-mismatch');
      return callback();
    }
    let ack: SettlementAck;
    try {
      ack = options.receive(batch);
    } catch (err) {
      options.onError?.(err);
      return callback(err as Error);
    }
    counters.answered.set(ack.status, (counters.answered.get(ack.status) ?? 0) + 1);
    const topic = buildTopic(batch.region, 'cmd', batch.deviceId, SETTLEMENT_DETAIL);
    client.publish(topic, JSON.stringify(ack), { qos: 1 }, (err) => {
      if (err) options.onError?.(err);
    });
    callback();
  };
  const filter = topicFilter('+', 'edge', '+') + `/${SETTLEMENT_DETAIL}`;
  const subscription = version === 5 ? `$share/${options.shareGroup ?? 'clearing'}/${filter}` : filter;
  await client.subscribeAsync(subscription, { qos: 1 });
  return {
    protocolVersion: version,
    subscription,
    counters,
    close: async () => {
      await endClient(client);
    },
  };
}
