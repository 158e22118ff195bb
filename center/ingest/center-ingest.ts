/**
 * @module center/ingest/center-ingest
 * What the center does with each MQTT message it receives, independent of the MQTT client: check the
 * topic, validate once with core `parseMessage`, drop duplicates by message id (shared across
 * instances through the store), track sequence gaps per edge, and write the result to the store.
 * Bad input is counted by reason and never throws (STYLE.md §11).
 */
import {
  UPLINK_DETAIL,
  parseMessage,
  parseTopic,
  type Clock,
  type DeviceStatus,
  type EdgeBatch,
  type RejectReason,
  type Topic,
} from '../../core/index.ts';
import type { Metrics } from '../metrics/index.ts';
import type { StateStore } from '../state/index.ts';
import { batchChange, batchWrites } from './batch-writes.ts';
import { SeqTracker, type SeqStats } from './seq-tracker.ts';

/** Why the center refused a message: core's reasons plus a valid message on a topic it does not serve. */
export type IngestRejectReason = RejectReason | 'unexpected-kind';

/** Which uplink batch an outcome is about: what the center's `uplink.ack` names. */
export type BatchRef = {
  readonly id: string;
  readonly seq: number;
  readonly edgeId: string;
  readonly region: string;
};

/** The fate of one message. A stored batch (accepted or duplicate) names itself, to be acknowledged. */
export type IngestOutcome =
  | {
      readonly status: 'accepted';
      readonly kind: 'edge.batch';
      readonly missing: number;
      readonly batch: BatchRef;
    }
  | { readonly status: 'accepted'; readonly kind: 'status'; readonly missing: number }
  | { readonly status: 'duplicate'; readonly batch: BatchRef }
  | { readonly status: 'rejected'; readonly reason: IngestRejectReason; readonly detail: string };

/** Options of {@link CenterIngest}. */
export type CenterIngestOptions = {
  readonly store: StateStore;
  readonly clock: Clock;
  readonly metrics: Metrics;
  /** How long a message id is remembered for deduplication. Default 10 min (covers QoS 1 redelivery and edge replays). */
  readonly dedupTtlMs?: number;
  /** How far ahead of the center's clock an edge's clock may run. Default 30 s. */
  readonly maxFutureSkewMs?: number;
  /** Largest accepted payload. Default 1 MiB. */
  readonly maxBytes?: number;
  /** Called once per reject reason and source the first time it happens (log it). */
  readonly onFirstReject?: (reason: IngestRejectReason, topic: string, detail: string) => void;
};

/** Counts, as `/metrics` shows them. */
export type IngestStats = {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: Readonly<Partial<Record<IngestRejectReason, number>>>;
  readonly edges: readonly SeqStats[];
};

/** What a topic says about the messages on it. */
type TopicInfo = { readonly t: Topic | null; readonly isUplink: boolean; readonly isStatus: boolean };

/** Topics whose parse is remembered (one or two per edge). */
const MAX_CACHED_TOPICS = 10_000;

/** The center's message handler. */
export class CenterIngest {
  readonly #o: Required<Omit<CenterIngestOptions, 'onFirstReject'>> &
    Pick<CenterIngestOptions, 'onFirstReject'>;
  readonly #seq = new SeqTracker();
  readonly #rejected: Partial<Record<IngestRejectReason, number>> = {};
  readonly #logged = new Set<string>();
  readonly #topics = new Map<string, TopicInfo>();
  /** Per-message counters, each series resolved once (per region for accepted batches). */
  readonly #batchesIn = new Map<string, (by?: number) => void>();
  readonly #itemsIn: (by?: number) => void;
  #accepted = 0;
  #duplicates = 0;

  constructor(options: CenterIngestOptions) {
    this.#o = { dedupTtlMs: 600_000, maxFutureSkewMs: 30_000, maxBytes: 1 << 20, ...options };
    this.#itemsIn = this.#o.metrics.counter('its_center_ingest_items_total', 'Uplink items accepted');
  }

  /** MQTT topic filters the center needs (without a shared-subscription prefix). */
  static readonly TOPIC_FILTERS = {
    uplink: `its/v1/+/edge/+/${UPLINK_DETAIL}`,
    status: 'its/v1/+/status/+',
  } as const;

  /**
   * Handle one message; resolves when its writes are stored. Not an `async` function: every uplink
   * batch passes here, and a refusal needs no store round trip.
   */
  handle(topic: string, payload: Uint8Array | string): Promise<IngestOutcome> {
    const { t, isUplink, isStatus } = this.#topic(topic);
    if (t === null || (!isUplink && !isStatus)) {
      return this.#refuse('topic-mismatch', topic, 'not a center topic');
    }
    const parsed = parseMessage(payload, {
      nowMs: this.#o.clock.now(),
      maxFutureSkewMs: this.#o.maxFutureSkewMs,
      maxBytes: this.#o.maxBytes,
    });
    if (!parsed.ok) {
      const detail = parsed.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
      return this.#refuse(parsed.reason, topic, detail);
    }
    const m = parsed.message;
    if (m.deviceId !== t.deviceId) {
      return this.#refuse('topic-mismatch', topic, `deviceId ${m.deviceId} differs from topic ${t.deviceId}`);
    }
    if (isUplink && m.kind === 'edge.batch') {
      if (m.region !== t.region) {
        return this.#refuse('topic-mismatch', topic, `region ${m.region} differs from topic ${t.region}`);
      }
      return this.#batch(m);
    }
    if (isStatus && m.kind === 'status') return this.#status(m, t.region);
    return this.#refuse('unexpected-kind', topic, `${m.kind} on a ${t.kind} topic`);
  }

  /** A topic's parse, remembered: each edge publishes on the same few topics all day. */
  #topic(topic: string): TopicInfo {
    let info = this.#topics.get(topic);
    if (info === undefined) {
      const t = parseTopic(topic);
      info = {
        t,
        isUplink: t?.kind === 'edge' && t.detail.length === 1 && t.detail[0] === UPLINK_DETAIL,
        isStatus: t?.kind === 'status' && t.detail.length === 0,
      };
      // Bounded: a flood of distinct (bad) topics only costs a re-parse.
      if (this.#topics.size >= MAX_CACHED_TOPICS) this.#topics.clear();
      this.#topics.set(topic, info);
    }
    return info;
  }

  /** Totals so far. */
  stats(): IngestStats {
    return {
      accepted: this.#accepted,
      duplicates: this.#duplicates,
      rejected: { ...this.#rejected },
      edges: this.#seq.stats(),
    };
  }

  #batch(batch: EdgeBatch): Promise<IngestOutcome> {
    return this.#o.store
      .commit(batchChange(batch.id, this.#o.dedupTtlMs, batchWrites(batch)))
      .then((applied) => this.#stored(batch, applied));
  }

  #stored(batch: EdgeBatch, applied: boolean): IngestOutcome {
    const ref: BatchRef = { id: batch.id, seq: batch.seq, edgeId: batch.deviceId, region: batch.region };
    if (!applied) {
      this.#duplicates++;
      this.#o.metrics.inc('its_center_ingest_duplicates_total', 'Uplink batches dropped as duplicates');
      return { status: 'duplicate', batch: ref };
    }
    const { missing } = this.#seq.observe(batch.deviceId, batch.seq);
    if (missing > 0) {
      this.#o.metrics.inc(
        'its_center_ingest_missing_batches_total',
        'Uplink batches missing by sequence gap, per edge',
        { edge: batch.deviceId },
        missing,
      );
    }
    this.#accepted++;
    let batchesIn = this.#batchesIn.get(batch.region);
    if (batchesIn === undefined) {
      batchesIn = this.#o.metrics.counter('its_center_ingest_batches_total', 'Uplink batches accepted', {
        region: batch.region,
      });
      this.#batchesIn.set(batch.region, batchesIn);
    }
    batchesIn();
    this.#itemsIn(batch.items.length);
    return { status: 'accepted', kind: 'edge.batch', missing, batch: ref };
  }

  async #status(status: DeviceStatus, region: string): Promise<IngestOutcome> {
    if (status.seqReset) this.#seq.reset(status.deviceId);
    await this.#o.store.put('device', [
      {
        deviceId: status.deviceId,
        region,
        deviceKind: status.deviceKind,
        online: status.online,
        reason: status.reason,
        at: status.ts,
      },
    ]);
    this.#accepted++;
    this.#o.metrics.inc('its_center_ingest_status_total', 'Device status messages accepted');
    return { status: 'accepted', kind: 'status', missing: 0 };
  }

  #refuse(reason: IngestRejectReason, topic: string, detail: string): Promise<IngestOutcome> {
    return Promise.resolve(this.#reject(reason, topic, detail));
  }

  #reject(reason: IngestRejectReason, topic: string, detail: string): IngestOutcome {
    this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
    this.#o.metrics.inc('its_center_ingest_rejects_total', 'Messages rejected, by reason', { reason });
    const key = `${reason}|${topic}`;
    if (!this.#logged.has(key) && this.#logged.size < 10_000) {
      this.#logged.add(key);
      this.#o.onFirstReject?.(reason, topic, detail);
    }
    return { status: 'rejected', reason, detail };
  }
}
