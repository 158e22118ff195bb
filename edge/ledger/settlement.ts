/**
 * @module edge/ledger/settlement
 * Settlement batches from an edge ledger to the center. A batch is a contiguous range of entries,
 * recorded before it is sent so a restart resends the same batch with the same id; the oldest
 * unacknowledged batch is resent until the center acknowledges it (idempotent on the batch id). On
 * acknowledgement the operators' balances in the batch move to the clearing account by new entries.
 */
import type { SettlementAck, SettlementBatch } from '../../core/messages/index.ts';
import type { EntrySink } from './postings.ts';
import { CLEARING_ACCOUNT } from './postings.ts';
import type { BatchRecord, LedgerStore } from './store.ts';

/** Identity of the sending edge. */
export type SettlementIdentity = {
  readonly ledgerId: string;
  readonly edgeId: string;
  readonly region: string;
};

/** What an acknowledgement did. */
export type AckOutcome = 'settled' | 'already-settled' | 'rejected' | 'unknown-batch';

/** Batch id of the `seq`-th batch of a ledger. */
export function batchIdOf(ledgerId: string, seq: number): string {
  return `${ledgerId}:${String(seq).padStart(8, '0')}`;
}

/** Builds, resends and settles batches over a ledger store. */
export class SettlementManager {
  readonly #store: LedgerStore;
  readonly #who: SettlementIdentity;
  readonly #maxEntries: number;

  constructor(store: LedgerStore, who: SettlementIdentity, maxEntries: number) {
    this.#store = store;
    this.#who = who;
    this.#maxEntries = maxEntries;
  }

  /**
   * The batch to send now: the oldest unacknowledged one again, else a new one of the entries not yet
   * batched (up to the size limit), else null. Creating a batch is one durable append.
   */
  next(lastEntryNo: number, nowMs: number): SettlementBatch | null {
    const pending = this.#store.oldestPendingBatch();
    if (pending !== null) return this.#message(pending);
    const last = this.#store.lastBatch();
    const from = (last?.toEntryNo ?? 0) + 1;
    if (from > lastEntryNo) return null;
    const seq = (last?.seq ?? 0) + 1;
    const record: BatchRecord = {
      batchId: batchIdOf(this.#who.ledgerId, seq),
      seq,
      fromEntryNo: from,
      toEntryNo: Math.min(lastEntryNo, from + this.#maxEntries - 1),
      createdMs: nowMs,
      ackedMs: null,
    };
    this.#store.atomically(() => this.#store.appendBatch(record));
    return this.#message(record);
  }

  /** Apply the center's answer; on first acceptance post the transfer to the clearing account. */
  acknowledge(ack: SettlementAck, txnNo: () => number, sink: EntrySink, nowMs: number): AckOutcome {
    const batch = this.#store.batch(ack.batchId);
    if (batch === null || ack.ledgerId !== this.#who.ledgerId) return 'unknown-batch';
    if (batch.ackedMs !== null) return 'already-settled';
    if (ack.status === 'rejected') return 'rejected';
    // Only fare and toll postings are owed to operators; earlier settle entries are already cleared.
    const totals = this.#store.accountTotals(batch.fromEntryNo, batch.toEntryNo, false);
    const byOperator = [...totals].filter(([account]) => account.startsWith('operator:'));
    this.#store.atomically(() => {
      this.#store.markBatchAcked(batch.batchId, nowMs);
      const txn = txnNo();
      for (const [account, net] of byOperator.sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (net === 0) continue;
        const base = {
          txnNo: txn,
          entryKind: 'settle' as const,
          messageId: null,
          version: 0,
          leg: null,
          postedMs: nowMs,
        };
        sink.append({ ...base, entryNo: sink.nextEntryNo(), account, amountKrw: -net });
        sink.append({ ...base, entryNo: sink.nextEntryNo(), account: CLEARING_ACCOUNT, amountKrw: net });
      }
    });
    return 'settled';
  }

  /** Batches not yet acknowledged. */
  pendingCount(): number {
    return this.#store.pendingBatchCount();
  }

  #message(b: BatchRecord): SettlementBatch {
    return {
      kind: 'settlement.batch',
      id: b.batchId,
      deviceId: this.#who.edgeId,
      seq: b.seq,
      ts: b.createdMs,
      region: this.#who.region,
      ledgerId: this.#who.ledgerId,
      fromEntryNo: b.fromEntryNo,
      toEntryNo: b.toEntryNo,
      entries: [...this.#store.entries(b.fromEntryNo, b.toEntryNo)],
    };
  }
}
