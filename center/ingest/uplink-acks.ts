/**
 * @module center/ingest/uplink-acks
 * End-to-end acknowledgement of uplink batches (core `uplink.ack`): once a batch is stored, first time
 * or again, the center tells the edge on `its/v1/<r>/cmd/<edgeId>/up`, and only then does the edge
 * delete it from its store-and-forward queue. A rejected message gets no answer: the edge resends it
 * after its acknowledgement timeout, and the center's reject counters show why.
 */
import { randomFillSync } from 'node:crypto';
import { newId, uplinkAckTopic, type Clock, type UplinkAck } from '../../core/index.ts';
import type { IngestOutcome } from './center-ingest.ts';

/** Random bytes for ack ids, drawn 10 at a time from a block refilled when used up. */
class RandomPool {
  static readonly #ID_BYTES = 10;
  readonly #block = Buffer.allocUnsafe(RandomPool.#ID_BYTES * 4096);
  #at = this.#block.length;

  /** The next 10 fresh random bytes (a view; `newId` copies them). */
  next(): Uint8Array {
    if (this.#at + RandomPool.#ID_BYTES > this.#block.length) {
      randomFillSync(this.#block);
      this.#at = 0;
    }
    const out = this.#block.subarray(this.#at, this.#at + RandomPool.#ID_BYTES);
    this.#at += RandomPool.#ID_BYTES;
    return out;
  }
}

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
  // One crypto call per 4,096 acks instead of one per ack (it was a tenth of a batch's ingest cost).
  readonly #random = new RandomPool();
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
        id: newId(now, this.#random.next()),
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
      await this.#o.publish(ack.topic, JSON.stringify(ack.message));
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
