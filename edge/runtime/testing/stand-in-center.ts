/**
 * @module edge/runtime/testing/stand-in-center
 * Test helper: a stand-in center on a broker for edge tests. It records every lane of every
 * `link-state` by (link, lane, interval) with its flow, counting a lane once per batch id (a batch
 * resent after a restart is the same batch), and answers each batch with `uplink.ack` as the real
 * center does (`duplicate` for a batch id it has seen).
 */
import mqtt from 'mqtt';
import { encodeMessage, newId, parseMessage, uplinkAckTopic, type UplinkAck } from '../../../core/index.ts';

/** One lane of one link's state for one interval, as it arrived. */
export type ArrivedLane = { readonly flowVph: number; readonly times: number };

export class StandInCenter {
  /** By {@link StandInCenter.key}: the lane's flow and how many distinct batches carried it. */
  readonly lanes = new Map<string, ArrivedLane>();
  /** Every batch id received. */
  readonly batchIds = new Set<string>();
  readonly #client: mqtt.MqttClient;
  #acks = 0;

  private constructor(client: mqtt.MqttClient) {
    this.#client = client;
    client.on('message', (_topic, payload) => this.#onMessage(payload));
  }

  /** Connect to `brokerUrl` and hear the uplink of every edge of `region`. */
  static async connect(brokerUrl: string, region: string, clientId: string): Promise<StandInCenter> {
    const client = await mqtt.connectAsync(brokerUrl, { clientId, clean: true });
    const center = new StandInCenter(client);
    await client.subscribeAsync(`its/v1/${region}/edge/+/up`, { qos: 1 });
    return center;
  }

  /** The key of a lane of a link's state for the interval starting at `intervalStart`. */
  static key(linkId: string, lane: number, intervalStart: number): string {
    return `${linkId}|${lane}|${intervalStart}`;
  }

  async close(): Promise<void> {
    await this.#client.endAsync(true);
  }

  #onMessage(payload: Buffer): void {
    const parsed = parseMessage(payload);
    if (!parsed.ok || parsed.message.kind !== 'edge.batch') return;
    const batch = parsed.message;
    const fresh = !this.batchIds.has(batch.id);
    this.batchIds.add(batch.id);
    if (fresh)
      for (const item of batch.items) {
        if (item.type !== 'link-state') continue;
        for (const lane of item.lanes ?? []) {
          const key = StandInCenter.key(item.linkId, lane.lane, item.intervalStart);
          this.lanes.set(key, { flowVph: lane.flowVph, times: (this.lanes.get(key)?.times ?? 0) + 1 });
        }
      }
    const ack: UplinkAck = {
      kind: 'uplink.ack',
      id: newId(Date.now()),
      deviceId: 'center-test',
      seq: this.#acks++,
      ts: Date.now(),
      edgeId: batch.deviceId,
      batchId: batch.id,
      batchSeq: batch.seq,
      status: fresh ? 'accepted' : 'duplicate',
    };
    this.#client.publish(uplinkAckTopic(batch.region, batch.deviceId), encodeMessage(ack), { qos: 1 });
  }
}
