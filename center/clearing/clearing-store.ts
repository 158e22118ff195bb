/**
 * @module center/clearing/clearing-store
 * The clearing house's storage port: every settlement batch accepted, with the entries it brought, is
 * recorded durably before its acknowledgement goes out, so a center restart keeps everything and a
 * resent batch is recognised by its id. Implementations: {@link MemoryClearingStore} (tests, the fast
 * simulator) and the SQLite store in `center/adapters/sqlite/`, both held to one contract suite.
 */
import type { SettlementEntry } from '../../core/messages/index.ts';

/** A batch as the clearing house records it: only the entries new to its ledger. */
export type ClearingBatchRecord = {
  readonly batchId: string;
  readonly ledgerId: string;
  readonly edgeId: string;
  readonly region: string;
  readonly seq: number;
  readonly receivedMs: number;
  readonly entries: readonly SettlementEntry[];
};

/** Durable record of accepted settlement batches and their entries. */
export interface ClearingStore {
  /** Whether a batch id was recorded. */
  hasBatch(batchId: string): boolean;
  /** Record a batch and its entries in one durable transaction; returns once it is on disk. */
  recordBatch(batch: ClearingBatchRecord): void;
  /** Highest entry number recorded per ledger. */
  lastEntryNos(): Map<string, number>;
  /** Every ledger's entries, each ledger in entry order (streamed). */
  ledgers(): Iterable<{ readonly ledgerId: string; readonly entries: Iterable<SettlementEntry> }>;
  /** Batches recorded. */
  batchCount(): number;
  close(): void;
}

/** Clearing storage in memory; not durable. */
export class MemoryClearingStore implements ClearingStore {
  readonly #batches = new Set<string>();
  readonly #entries = new Map<string, SettlementEntry[]>();

  hasBatch(batchId: string): boolean {
    return this.#batches.has(batchId);
  }

  recordBatch(batch: ClearingBatchRecord): void {
    if (this.#batches.has(batch.batchId)) throw new Error(`batch ${batch.batchId} already recorded`);
    const list = this.#entries.get(batch.ledgerId) ?? [];
    let last = list[list.length - 1]?.entryNo ?? 0;
    for (const e of batch.entries) {
      if (e.entryNo <= last) throw new Error(`entry ${e.entryNo} of ${batch.ledgerId} out of order`);
      last = e.entryNo;
    }
    this.#batches.add(batch.batchId);
    list.push(...batch.entries);
    this.#entries.set(batch.ledgerId, list);
  }

  lastEntryNos(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [ledgerId, list] of this.#entries) out.set(ledgerId, list[list.length - 1]?.entryNo ?? 0);
    return out;
  }

  *ledgers(): Iterable<{ readonly ledgerId: string; readonly entries: Iterable<SettlementEntry> }> {
    for (const [ledgerId, list] of [...this.#entries].sort(([a], [b]) => (a < b ? -1 : 1)))
      yield { ledgerId, entries: [...list] };
  }

  batchCount(): number {
    return this.#batches.size;
  }

  close(): void {}
}
