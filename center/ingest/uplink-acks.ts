/**
 * @module center/ingest/uplink-acks
 * End-to-end acknowledgement of uplink batches (core `uplink.ack`): once a batch is stored, first time
 * or again, the center tells the edge on `its/v1/<r>/cmd/<edgeId>/up`, and only then does the edge
 * delete it from its store-and-forward queue. A rejected message gets no answer: the edge resends it
 * after its acknowledgement timeout, and the center's reject counters show why.
 *
 * The batches of one edge stored in the same turn of the event loop (a Redis commit answers hundreds
 * at once) are answered by one `uplink.ack` naming them all (its `more` list): one QoS 1 publish and
 * one PUBACK per edge and turn instead of per batch, which was a sixth of the center's CPU per
 * message at thousands of batches a second. An ack leaves at the end of the turn its batches were
 * stored in, so the edge waits no longer than before.
 */
import { randomFillSync } from 'node:crypto';
import {
  MAX_ACKED_BATCHES,
  newId,
  uplinkAckTopic,
  type AckedBatch,
  type Clock,
  type UplinkAck,
} from '../../core/index.ts';
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

/** What {@link UplinkAcks} has done so far. */
export type UplinkAckStats = {
  /** Acknowledgements published. */
  readonly sent: number;
  /** Acknowledgements whose publish failed. */
  readonly failed: number;
  /** Batches named by the published acknowledgements. */
  readonly batches: number;
};

/** Batches of one edge waiting for the end of the turn. */
type EdgeQueue = { readonly region: string; readonly edgeId: string; batches: AckedBatch[] };

/** Answers stored uplink batches, one acknowledgement per edge and event-loop turn. */
export class UplinkAcks {
  readonly #o: UplinkAcksOptions;
  // One crypto call per 4,096 acks instead of one per ack.
  readonly #random = new RandomPool();
  /** This turn's batches by region, then edge. */
  #pending = new Map<string, Map<string, EdgeQueue>>();
  /** Settles when this turn's acknowledgements are published (or failed); null when none is due. */
  #turn: Promise<void> | null = null;
  #seq = 0;
  #sent = 0;
  #failed = 0;
  #batches = 0;

  constructor(options: UplinkAcksOptions) {
    this.#o = options;
  }

  /**
   * Acknowledge the batch of an outcome at the end of this turn, if it calls for it (status messages
   * and rejects do not). Resolves when the turn's acknowledgements are published; never rejects.
   */
  answer(outcome: IngestOutcome): Promise<void> {
    if (outcome.status === 'rejected' || !('batch' in outcome)) return Promise.resolve();
    const { batch } = outcome;
    let edges = this.#pending.get(batch.region);
    if (edges === undefined) {
      edges = new Map();
      this.#pending.set(batch.region, edges);
    }
    let queue = edges.get(batch.edgeId);
    if (queue === undefined) {
      queue = { region: batch.region, edgeId: batch.edgeId, batches: [] };
      edges.set(batch.edgeId, queue);
    }
    queue.batches.push({ batchId: batch.id, batchSeq: batch.seq, status: outcome.status });
    this.#turn ??= new Promise<void>((resolve) => setImmediate(() => resolve(this.#flush())));
    return this.#turn;
  }

  /** Published, failed, and batches acknowledged. */
  stats(): UplinkAckStats {
    return { sent: this.#sent, failed: this.#failed, batches: this.#batches };
  }

  async #flush(): Promise<void> {
    const pending = this.#pending;
    this.#pending = new Map();
    this.#turn = null;
    const publishes: Promise<void>[] = [];
    for (const edges of pending.values()) {
      for (const q of edges.values()) {
        for (let from = 0; from < q.batches.length; from += MAX_ACKED_BATCHES) {
          publishes.push(this.#publish(q, q.batches.slice(from, from + MAX_ACKED_BATCHES)));
        }
      }
    }
    await Promise.all(publishes);
  }

  async #publish(q: EdgeQueue, batches: readonly AckedBatch[]): Promise<void> {
    const [first, ...more] = batches;
    if (first === undefined) return;
    const now = this.#o.clock.now();
    const message: UplinkAck = {
      kind: 'uplink.ack',
      id: newId(now, this.#random.next()),
      deviceId: this.#o.centerId,
      seq: this.#seq++,
      ts: now,
      edgeId: q.edgeId,
      ...first,
      ...(more.length > 0 ? { more } : {}),
    };
    try {
      await this.#o.publish(uplinkAckTopic(q.region, q.edgeId), JSON.stringify(message));
      this.#sent++;
      this.#batches += batches.length;
    } catch (err) {
      this.#failed++;
      this.#o.onError?.(err);
    }
  }
}
