/**
 * @module edge/uplink/forwarder
 * Store-and-forward of the edge's summaries to the center: items are appended to a durable
 * {@link UplinkStore}, sealed into `edge.batch` messages every flush period and published with QoS 1.
 * A batch is deleted only when it is acknowledged: end to end by the center's `uplink.ack` (sent after
 * the center stored it) when the transport carries those, else by the broker's PUBACK (MQTT 3.1.1
 * §4.3.2). A PUBACK only says the broker took the batch; a broker that restarts in memory, or a center
 * that was not subscribed at that moment, would lose it, so the live edge waits for the center. On a
 * connection loss, or when the oldest batch in flight has had no acknowledgement for `ackTimeoutMs`,
 * everything not acknowledged is sent again, oldest first (go-back-N), so the center sees batches in
 * sequence order with possible repeats, which it drops by batch id and acknowledges again.
 *
 * The prompt lane: a bus's progress and stop events are what a stop board waits for, so once started
 * the forwarder seals the pending queue `promptWindowMs` (default 50) after such an item arrives,
 * instead of waiting for the next flush period (default 1 s), which bounds a GPS fix's time on the
 * edge by the window rather than by the period. The seal takes everything pending, in order, so there
 * is still one queue and one sequence; summaries alone (link states, detector health, signal state)
 * wait for the period. The lane only seals a batch that can leave at once: while the center's broker is
 * unreachable or the in-flight window is full, items wait for the periodic flush, so an outage queues
 * one batch per period as before and the replay after it is no longer.
 *
 * Group commit: once started, items queued in one turn of the event loop are written to the store
 * together at the end of it (a 0 ms timer of the clock, which runs after every message the socket
 * handed over in that turn), and always before a seal. Each write is an fsync (SQLite WAL, synchronous
 * FULL: about 8 ms on a loaded disk), and one per bus report made an edge at 1,000 fixes/s spend its
 * time waiting on the disk. What is not yet written when the process dies was made in that turn: from a
 * QoS 0 GPS fix (lost as the fix would be), from a QoS 1 message (still in the inbox journal, replayed at
 * the next start), or by the control tick; nothing acknowledged to anyone is lost.
 */
import type { Clock, EdgeBatch, TimerHandle, UplinkItem } from '../../core/index.ts';
import { buildTopic, ConfigError, newId, UPLINK_DETAIL } from '../../core/index.ts';
import type { UplinkStore } from './uplink-store.ts';

/** The connection to the center's broker, as the forwarder needs it. */
export interface UplinkTransport {
  /** True while connected. */
  readonly connected: boolean;
  /** Publish with QoS 1; resolves on PUBACK, rejects when the connection drops first. */
  publish(topic: string, payload: string): Promise<void>;
  /** Called with true on every (re)connect and false on every loss. */
  onConnectionChange(listener: (connected: boolean) => void): void;
  /**
   * Present when the transport receives the center's `uplink.ack`s: the forwarder then deletes a batch
   * on that end-to-end acknowledgement instead of on the broker's PUBACK.
   */
  onAck?(listener: (ack: UplinkAckNotice) => void): void;
}

/** What the forwarder needs of an `uplink.ack`. */
export type UplinkAckNotice = { readonly batchSeq: number; readonly batchId: string };

/** Item types that go out within the prompt window: what stop boards and the vehicle map wait for. */
export const PROMPT_ITEM_TYPES: ReadonlySet<UplinkItem['type']> = new Set(['bus-progress', 'stop-event']);

/** Default prompt window, ms: a few tens of ms of company for a bus's report (about 20 batches/s at most). */
export const DEFAULT_PROMPT_WINDOW_MS = 50;

/** Options of an {@link UplinkForwarder}. */
export type UplinkForwarderOptions = {
  readonly store: UplinkStore;
  readonly transport: UplinkTransport;
  readonly clock: Clock;
  readonly edgeId: string;
  readonly region: string;
  /** Items per batch at most. Default 500 (the schema allows 5000). */
  readonly maxItemsPerBatch?: number;
  /** How often pending items are sealed and sent, ms. Default 1000. */
  readonly flushIntervalMs?: number;
  /**
   * How long a bus's progress or stop event ({@link PROMPT_ITEM_TYPES}) waits for other items before
   * everything pending is sealed and sent, ms of `clock`; only once {@link UplinkForwarder.start}ed.
   * Default {@link DEFAULT_PROMPT_WINDOW_MS}; null = off (everything waits for the flush period).
   */
  readonly promptWindowMs?: number | null;
  /** Batches published and not yet acknowledged at most. Default 16. */
  readonly maxInflight?: number;
  /** Makes batch ids; default UUIDv7 from the clock. */
  readonly newBatchId?: (nowMs: number) => string;
  /**
   * With end-to-end acknowledgement: how long the oldest batch in flight may wait for the center's
   * `uplink.ack` before everything unacknowledged is sent again, ms. Default 30 000.
   */
  readonly ackTimeoutMs?: number;
};

/** Counters of a forwarder. */
export type UplinkStats = {
  readonly sent: number;
  readonly acknowledged: number;
  readonly resent: number;
  readonly queuedBatches: number;
  readonly pendingItems: number;
  /** End-to-end mode: times the center's acknowledgement did not come in time and batches were resent. */
  readonly ackTimeouts: number;
  /** End-to-end mode: acknowledgements naming a batch that is not queued (already deleted, or foreign). */
  readonly unknownAcks: number;
  /** Seals made by the prompt lane (the rest were made by the flush period). */
  readonly promptSeals: number;
  /** Prompt windows that ended while nothing could leave (disconnected, window full): left to the period. */
  readonly promptDeferred: number;
};

/** Durable, ordered, at-least-once uplink of one edge. */
export class UplinkForwarder {
  readonly #store: UplinkStore;
  readonly #transport: UplinkTransport;
  readonly #clock: Clock;
  readonly #edgeId: string;
  readonly #region: string;
  readonly #topic: string;
  readonly #maxItems: number;
  readonly #flushMs: number;
  readonly #maxInflight: number;
  readonly #newBatchId: (nowMs: number) => string;
  readonly #endToEnd: boolean;
  readonly #ackTimeoutMs: number;
  readonly #promptMs: number | null;
  /** Batches published and not yet acknowledged: seq → when sent (clock ms). */
  readonly #inflight = new Map<number, number>();
  readonly #everSent = new Set<number>();
  #lastSentSeq = 0;
  #generation = 0;
  #timer: TimerHandle | null = null;
  #promptTimer: TimerHandle | null = null;
  /** Items queued this turn, not yet in the store (only while started). */
  #unwritten: UplinkItem[] = [];
  #writeTimer: TimerHandle | null = null;
  #sent = 0;
  #acknowledged = 0;
  #resent = 0;
  #ackTimeouts = 0;
  #unknownAcks = 0;
  #promptSeals = 0;
  #promptDeferred = 0;

  constructor(options: UplinkForwarderOptions) {
    this.#store = options.store;
    this.#transport = options.transport;
    this.#clock = options.clock;
    this.#edgeId = options.edgeId;
    this.#region = options.region;
    this.#topic = buildTopic(options.region, 'edge', options.edgeId, UPLINK_DETAIL);
    this.#maxItems = options.maxItemsPerBatch ?? 500;
    this.#flushMs = options.flushIntervalMs ?? 1000;
    this.#maxInflight = options.maxInflight ?? 16;
    this.#newBatchId = options.newBatchId ?? ((nowMs) => newId(nowMs));
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 30_000;
    this.#promptMs = options.promptWindowMs === undefined ? DEFAULT_PROMPT_WINDOW_MS : options.promptWindowMs;
    if (this.#promptMs !== null && !(Number.isFinite(this.#promptMs) && this.#promptMs >= 0)) {
      throw new ConfigError(
        'promptWindowMs',
        `must be a finite number of ms >= 0, or null; got ${this.#promptMs}`,
      );
    }
    this.#endToEnd = this.#transport.onAck !== undefined;
    this.#transport.onAck?.((ack) => this.#onAck(ack));
    this.#transport.onConnectionChange((connected) => {
      this.#generation++;
      this.#inflight.clear();
      this.#lastSentSeq = 0;
      if (connected) this.#pump();
    });
  }

  /** Topic the batches go to. */
  get topic(): string {
    return this.#topic;
  }

  /**
   * Queue items: durable at the end of this turn of the event loop with everything else queued in it
   * (at once when the forwarder is not started, or with `durable`: a caller that acknowledges a
   * message to its sender as soon as this returns, with no journal of its own, must ask for it). They
   * go out with the next flush, or within the prompt window when one of them is a bus's progress or
   * stop event and the forwarder is started.
   */
  enqueue(items: readonly UplinkItem[], options: { readonly durable?: boolean } = {}): void {
    if (items.length === 0) return;
    if (this.#timer === null) {
      // Not started (a harness that flushes by hand): written at once.
      this.#store.appendItems(items);
      return;
    }
    this.#unwritten.push(...items);
    if (options.durable === true) this.#write();
    else this.#writeTimer ??= this.#clock.setTimeout(() => this.#write(), 0);
    if (this.#promptTimer !== null || this.#promptMs === null || this.#timer === null) return;
    if (!items.some((item) => PROMPT_ITEM_TYPES.has(item.type))) return;
    this.#promptTimer = this.#clock.setTimeout(() => this.#promptFlush(), this.#promptMs);
  }

  /** Start the periodic flush and the prompt lane. */
  start(): void {
    if (this.#timer === null) this.#timer = this.#clock.setInterval(() => this.flush(), this.#flushMs);
  }

  /** Stop the periodic flush and the prompt lane (the store keeps whatever is queued). */
  stop(): void {
    if (this.#timer !== null) this.#clock.clear(this.#timer);
    this.#timer = null;
    this.#cancelPrompt();
    this.#write();
  }

  /** Seal every pending item into batches and send what the window allows. */
  flush(): void {
    this.#cancelPrompt();
    this.#sealPending();
    this.#resendIfUnanswered();
    this.#pump();
  }

  /** Counters so far. */
  stats(): UplinkStats {
    return {
      sent: this.#sent,
      acknowledged: this.#acknowledged,
      resent: this.#resent,
      queuedBatches: this.#store.batchCount(),
      pendingItems: this.#store.pendingItemCount() + this.#unwritten.length,
      ackTimeouts: this.#ackTimeouts,
      unknownAcks: this.#unknownAcks,
      promptSeals: this.#promptSeals,
      promptDeferred: this.#promptDeferred,
    };
  }

  /** Write what this turn queued, in one transaction. */
  #write(): void {
    if (this.#writeTimer !== null) this.#clock.clear(this.#writeTimer);
    this.#writeTimer = null;
    if (this.#unwritten.length === 0) return;
    const items = this.#unwritten;
    this.#unwritten = [];
    this.#store.appendItems(items);
  }

  #sealPending(): number {
    this.#write();
    let sealed = 0;
    while (this.#store.sealBatch(this.#maxItems, (seq, items) => this.#batch(seq, items)) !== null) sealed++;
    return sealed;
  }

  /** The prompt window is over: seal and send, if a batch can leave now. */
  #promptFlush(): void {
    this.#promptTimer = null;
    if (!this.#transport.connected || this.#inflight.size >= this.#maxInflight) {
      this.#promptDeferred++;
      return;
    }
    this.#promptSeals += this.#sealPending();
    this.#pump();
  }

  #cancelPrompt(): void {
    if (this.#promptTimer !== null) this.#clock.clear(this.#promptTimer);
    this.#promptTimer = null;
  }

  #batch(seq: number, items: UplinkItem[]): EdgeBatch {
    const ts = this.#clock.now();
    return {
      kind: 'edge.batch',
      id: this.#newBatchId(ts),
      deviceId: this.#edgeId,
      seq,
      ts,
      region: this.#region,
      items,
    };
  }

  #pump(): void {
    if (!this.#transport.connected) return;
    const room = this.#maxInflight - this.#inflight.size;
    if (room <= 0) return;
    const generation = this.#generation;
    for (const batch of this.#store.batchesAfter(this.#lastSentSeq, room)) {
      this.#lastSentSeq = batch.seq;
      this.#inflight.set(batch.seq, this.#clock.now());
      this.#sent++;
      if (this.#everSent.has(batch.seq)) this.#resent++;
      else this.#everSent.add(batch.seq);
      this.#transport.publish(this.#topic, batch.payload).then(
        () => {
          // End to end, the broker's PUBACK only means it took the batch: wait for the center.
          if (this.#endToEnd) return;
          this.#store.deleteBatch(batch.seq);
          this.#everSent.delete(batch.seq);
          this.#acknowledged++;
          if (generation !== this.#generation) return;
          this.#inflight.delete(batch.seq);
          this.#pump();
        },
        () => {
          // The connection dropped; onConnectionChange restarts from the oldest unacknowledged batch.
        },
      );
    }
  }

  /** The center stored a batch (first time or again): it may go. */
  #onAck(ack: UplinkAckNotice): void {
    // A seq names one batch for the life of the store (sealed once, never renumbered).
    if (!this.#store.deleteBatch(ack.batchSeq)) {
      this.#unknownAcks++;
      return;
    }
    this.#everSent.delete(ack.batchSeq);
    this.#acknowledged++;
    this.#inflight.delete(ack.batchSeq);
    this.#pump();
  }

  /**
   * Go back to the oldest unacknowledged batch when the center has not answered it for
   * `ackTimeoutMs` (a lost batch or a lost answer). The timeout is a network round trip plus the
   * center's backlog: on a scaled clock it should be given in simulated ms worth that much wall time.
   */
  #resendIfUnanswered(): void {
    if (!this.#endToEnd || !this.#transport.connected) return;
    let oldest = Infinity;
    for (const sentAt of this.#inflight.values()) oldest = Math.min(oldest, sentAt);
    if (this.#clock.now() - oldest < this.#ackTimeoutMs) return;
    this.#ackTimeouts++;
    this.#generation++;
    this.#inflight.clear();
    this.#lastSentSeq = 0;
  }
}
