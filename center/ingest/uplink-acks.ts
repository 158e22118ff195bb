/**
 * @module center/ingest/uplink-acks
 * End-to-end acknowledgement of uplink batches (core `uplink.ack`): once a batch is stored, first time
 * or again, the center tells the edge on `its/v1/<r>/cmd/<edgeId>/up`, and only then does the edge
 * delete it from its store-and-forward queue. A rejected message gets no answer: the edge resends it
 * after its acknowledgement timeout, and the center's reject counters show why.
 */
import { encodeMessage, newId, uplinkAckTopic, type Clock, type UplinkAck } from '../../core/index.ts';
import type { IngestOutcome } from './center-ingest.ts';

/** Publishes one acknowledgement (QoS 1). */
export type AckPublisher = (topic: string, payload: string) => Promise<void>;

/** Options of {@link UplinkAcks}. */
export type UplinkAcksOptions = {
  /** This center instance's id, the `deviceId` of its acknowledgements. */
  readonly centerId: string;
  readonly clock: Clock;
  readonly publish: AckPublisher;
  /** Called when an acknowledgement could not be published (the edge will resend; log it). */
  readonly onError?: (err: unknown) => void;
};

/** Answers stored uplink batches. */
export class UplinkAcks {
  readonly #o: UplinkAcksOptions;
  #seq = 0;
  #sent = 0;
  #failed = 0;

  constructor(options: UplinkAcksOptions) {
    this.#o = options;
  }

  /** The acknowledgement an outcome calls for, or null (status messages, rejects). */
  ackFor(outcome: IngestOutcome): { topic: string; message: UplinkAck } | null {
    if (outcome.status === 'rejected' || !('batch' in outcome)) return null;
    const now = this.#o.clock.now();
    const { batch } = outcome;
    return {
      topic: uplinkAckTopic(batch.region, batch.edgeId),
      message: {
        kind: 'uplink.ack',
        id: newId(now),
        deviceId: this.#o.centerId,
        seq: this.#seq++,
        ts: now,
        edgeId: batch.edgeId,
        batchId: batch.id,
        batchSeq: batch.seq,
        status: outcome.status,
      },
    };
  }

  /** Publish the acknowledgement of an outcome, if it calls for one; never throws. */
  async answer(outcome: IngestOutcome): Promise<void> {
    const ack = this.ackFor(outcome);
    if (ack === null) return;
    try {
      await this.#o.publish(ack.topic, encodeMessage(ack.message).toString());
      this.#sent++;
    } catch (err) {
      this.#failed++;
      this.#o.onError?.(err);
    }
  }

  /** Acknowledgements published, and those that failed. */
  stats(): { readonly sent: number; readonly failed: number } {
    return { sent: this.#sent, failed: this.#failed };
  }
}
