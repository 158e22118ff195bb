/**
 * @module edge/ledger/store
 * The ledger's storage port. The ledger logic keeps its working state in memory and asks the store
 * only to append, atomically and durably, and to replay everything at open. Implementations: the
 * in-process `MemoryLedgerStore` (tests) and the SQLite store in `edge/adapters/sqlite/`, both held to
 * one contract suite.
 */
import type { SettlementEntry } from '../../core/messages/index.ts';

/** A tap or toll pass as recorded: envelope fields for ordering and gap counting, the body as JSON. */
export type StoredMessage = {
  readonly id: string;
  readonly kind: 'tap' | 'toll.pass';
  readonly deviceId: string;
  readonly seq: number;
  readonly ts: number;
  /** Whose journey it belongs to: `card:<id>` or `vehicle:<obu or plate>`. */
  readonly holder: string;
  /** The validated message, JSON. */
  readonly body: string;
};

/** A ledger entry: exactly the shape sent in settlement batches. */
export type LedgerEntry = SettlementEntry;

/** A settlement batch as the ledger remembers it. */
export type BatchRecord = {
  readonly batchId: string;
  readonly seq: number;
  readonly fromEntryNo: number;
  readonly toEntryNo: number;
  readonly createdMs: number;
  readonly ackedMs: number | null;
};

/** Durable, append-only storage of a ledger. */
export interface LedgerStore {
  /** Run `fn` as one transaction: all of its appends become durable together, or none does. */
  atomically(fn: () => void): void;
  /** The ledger's identity; set once, on first open. */
  ledgerId(): string | null;
  setLedgerId(id: string): void;
  appendMessage(message: StoredMessage): void;
  appendEntry(entry: LedgerEntry): void;
  appendBatch(batch: BatchRecord): void;
  /** Mark a batch acknowledged (the only update the store allows; entries are never edited). */
  markBatchAcked(batchId: string, ackedMs: number): void;
  /** Every message, in the order appended. */
  messages(): Iterable<StoredMessage>;
  /** Entries with `entryNo` in `[fromEntryNo, toEntryNo]`, ascending. */
  entries(fromEntryNo?: number, toEntryNo?: number): Iterable<LedgerEntry>;
  /**
   * Net amount per account over entries `[fromEntryNo, toEntryNo]`, optionally leaving out `settle`
   * entries (done in the store: SQL sums far faster than replaying entries).
   */
  accountTotals(fromEntryNo: number, toEntryNo: number, withSettle: boolean): Map<string, number>;
  /** Every batch, by seq. */
  batches(): BatchRecord[];
  close(): void;
}
