/**
 * @module center/node/testing/test-edge
 * An edge as the center sees one on the real broker: it publishes `edge.batch` messages (QoS 1) on its
 * uplink topic and waits for the center's `uplink.ack` naming each batch, which a center sends only
 * once the batch is stored. The ack's `deviceId` says which center instance stored it, so a test of
 * several instances in one share group knows which one ingested each batch.
 */
import mqtt, { type MqttClient } from 'mqtt';
import {
  ackedBatches,
  topicForMessage,
  uplinkAckSchema,
  uplinkAckTopic,
  type UplinkItem,
} from '../../../core/index.ts';
import { sampleBatch } from '../../ingest/index.ts';
import { PATIENCE_MS } from './center-under-test.ts';
import { MACHINE_MQTT_URL } from './isolated-center.ts';

/** An edge on the machine's broker. Create with {@link TestEdge.connect}. */
export class TestEdge {
  readonly #client: MqttClient;
  readonly #region: string;
  readonly #edgeId: string;
  readonly #waiting = new Map<string, (centerId: string) => void>();
  /** Centers' acks seen: batch id → the acknowledging instance. */
  readonly #acked = new Map<string, string>();
  #seq = 0;

  private constructor(client: MqttClient, region: string, edgeId: string) {
    this.#client = client;
    this.#region = region;
    this.#edgeId = edgeId;
    client.on('message', (_topic, payload) => {
      const ack = uplinkAckSchema.safeParse(JSON.parse(payload.toString()));
      if (!ack.success) return;
      for (const b of ackedBatches(ack.data)) {
        if (this.#acked.has(b.batchId)) continue;
        this.#acked.set(b.batchId, ack.data.deviceId);
        this.#waiting.get(b.batchId)?.(ack.data.deviceId);
        this.#waiting.delete(b.batchId);
      }
    });
  }

  /** Connect as edge `edgeId` of `region` and listen for its acknowledgements. */
  static async connect(edgeId: string, region = 'gangnam', url = MACHINE_MQTT_URL): Promise<TestEdge> {
    const client = await mqtt.connectAsync(url, { protocolVersion: 5, clean: true });
    await client.subscribeAsync(uplinkAckTopic(region, edgeId), { qos: 1 });
    return new TestEdge(client, region, edgeId);
  }

  /** Publish one batch of `items`; resolves with the id of the center instance that stored it. */
  async publish(items: readonly UplinkItem[]): Promise<string> {
    const batch = sampleBatch({ region: this.#region, edgeId: this.#edgeId, seq: this.#seq++, items });
    const stored = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(batch.id);
        reject(new Error(`no uplink.ack for batch ${batch.seq} within ${PATIENCE_MS} ms`));
      }, PATIENCE_MS);
      this.#waiting.set(batch.id, (centerId) => {
        clearTimeout(timer);
        resolve(centerId);
      });
    });
    await this.#client.publishAsync(topicForMessage(this.#region, batch), JSON.stringify(batch), { qos: 1 });
    return stored;
  }

  async close(): Promise<void> {
    await this.#client.endAsync();
  }
}
