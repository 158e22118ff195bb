/**
 * @module edge/uplink/uplink-store
 * The durable side of store-and-forward: pending uplink items, sealed `edge.batch` messages waiting for
 * the center's PUBACK, and the inbox journal of field messages acknowledged to the field broker but not
 * yet reflected in the uplink. An interface with an in-memory implementation here and SQLite in
 * `edge/adapters/sqlite`; both pass {@link runUplinkStoreContract}.
 */
import type { EdgeBatch, UplinkItem } from '../../core/index.ts';

/** A sealed batch: its uplink sequence number and the exact bytes to publish (stable across resends). */
export type StoredBatch = { readonly seq: number; readonly payload: string };

/** A journaled field message. */
export type JournalEntry = {
  readonly id: number;
  readonly topic: string;
  readonly payload: Buffer;
  readonly receivedAtMs: number;
};

/** Persistence of the uplink queue. Every mutating call is durable when it returns. */
export interface UplinkStore {
  /** Append items to the pending queue, in order. */
  appendItems(items: readonly UplinkItem[]): void;
  /** Items appended but not yet sealed into a batch. */
  pendingItemCount(): number;
  /**
   * Move up to `maxItems` oldest pending items into a new batch with the next sequence number;
   * `build` makes the batch message from them. Returns null when nothing is pending.
   */
  sealBatch(maxItems: number, build: (seq: number, items: UplinkItem[]) => EdgeBatch): StoredBatch | null;
  /** Sealed batches with seq greater than `afterSeq`, oldest first, at most `limit`. */
  batchesAfter(afterSeq: number, limit: number): StoredBatch[];
  /** Sealed batches not yet acknowledged. */
  batchCount(): number;
  /** Forget an acknowledged batch; false when no batch had that seq. */
  deleteBatch(seq: number): boolean;
  /** Record a received field message before acknowledging it; returns its journal id. */
  journal(topic: string, payload: Buffer, receivedAtMs: number): number;
  /** Every journaled message, oldest first. */
  journalEntries(): JournalEntry[];
  /** Drop journal entries received before `beforeMs` (their effects are in the uplink queue). */
  pruneJournal(beforeMs: number): number;
  close(): void;
}

/** In-memory store for the simulator and unit tests (not durable across a process restart). */
export class MemoryUplinkStore implements UplinkStore {
  #items: UplinkItem[] = [];
  readonly #batches = new Map<number, string>();
  #nextSeq = 1;
  #journal: JournalEntry[] = [];
  #nextJournalId = 1;

  appendItems(items: readonly UplinkItem[]): void {
    this.#items.push(...items);
  }

  pendingItemCount(): number {
    return this.#items.length;
  }

  sealBatch(maxItems: number, build: (seq: number, items: UplinkItem[]) => EdgeBatch): StoredBatch | null {
    if (this.#items.length === 0) return null;
    const items = this.#items.slice(0, maxItems);
    const seq = this.#nextSeq;
    const payload = JSON.stringify(build(seq, items));
    this.#items = this.#items.slice(items.length);
    this.#nextSeq++;
    this.#batches.set(seq, payload);
    return { seq, payload };
  }

  batchesAfter(afterSeq: number, limit: number): StoredBatch[] {
    return [...this.#batches.entries()]
      .filter(([seq]) => seq > afterSeq)
      .sort(([a], [b]) => a - b)
      .slice(0, limit)
      .map(([seq, payload]) => ({ seq, payload }));
  }

  batchCount(): number {
    return this.#batches.size;
  }

  deleteBatch(seq: number): boolean {
    return this.#batches.delete(seq);
  }

  journal(topic: string, payload: Buffer, receivedAtMs: number): number {
    const id = this.#nextJournalId++;
    this.#journal.push({ id, topic, payload: Buffer.from(payload), receivedAtMs });
    return id;
  }

  journalEntries(): JournalEntry[] {
    return [...this.#journal];
  }

  pruneJournal(beforeMs: number): number {
    const before = this.#journal.length;
    this.#journal = this.#journal.filter((e) => e.receivedAtMs >= beforeMs);
    return before - this.#journal.length;
  }

  close(): void {}
}
