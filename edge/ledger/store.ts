/**
 * @module edge/ledger/store
 * The ledger's storage port. The store holds everything; the ledger keeps in memory only the rating
 * state of recently active holders, asks the store whether an id was recorded, and reads a holder's
 * messages and their postings back when that holder appears again, so memory stays bounded however
 * long the ledger grows. Implementations: the
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
  /** Whether a message id is recorded (including appends of the running transaction). */
  hasMessage(id: string): boolean;
  /**
   * Which of these ids are recorded (appends of the running transaction included): one question for a
   * whole group instead of one per message. The set is the caller's to add to.
   */
  recordedAmong(ids: readonly string[]): Set<string>;
  /** Messages recorded. */
  messageCount(): number;
  /** One holder's messages, in the order appended. */
  holderMessages(holder: string): StoredMessage[];
  /** Up to `limit` holders with messages, in ascending order, after `after` (from the first when null). */
  holders(after: string | null, limit: number): string[];
  /** The entries posted for these messages, ascending by entry number. */
  messageEntries(messageIds: readonly string[]): LedgerEntry[];
  /** The entry with the highest number, or null when none. */
  lastEntry(): LedgerEntry | null;
  /** Device id and sequence number of every message (streamed), for gap counting at open. */
  deviceSeqs(): Iterable<{ readonly deviceId: string; readonly seq: number }>;
  /** Entries with `entryNo` in `[fromEntryNo, toEntryNo]`, ascending. */
  entries(fromEntryNo?: number, toEntryNo?: number): Iterable<LedgerEntry>;
  /**
   * Net amount per account over entries `[fromEntryNo, toEntryNo]`, optionally leaving out `settle`
   * entries (done in the store: SQL sums far faster than replaying entries).
   */
  accountTotals(fromEntryNo: number, toEntryNo: number, withSettle: boolean): Map<string, number>;
  /** Every batch, by seq. */
  batches(): BatchRecord[];
  /** One batch by id, or null. */
  batch(batchId: string): BatchRecord | null;
  /** The batch with the highest seq, or null when none. */
  lastBatch(): BatchRecord | null;
  /** The unacknowledged batch with the lowest seq, or null when none waits. */
  oldestPendingBatch(): BatchRecord | null;
  /** Batches not yet acknowledged. */
  pendingBatchCount(): number;
  close(): void;
}
