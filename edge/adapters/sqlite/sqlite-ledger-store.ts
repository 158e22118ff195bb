/**
 * @module edge/adapters/sqlite/sqlite-ledger-store
 * The ledger store on SQLite (better-sqlite3 12): WAL journal with `synchronous = FULL`, so a
 * transaction that returned survives a SIGKILL or a power cut (sqlite.org/pragma.html#pragma_synchronous),
 * and one that did not never half-applies. Entries and messages are append-only: triggers refuse any
 * UPDATE or DELETE, so a correction can only be a new entry. The file's layout (holder segments, entry
 * pairs in one row) and its migration are in `ledger-schema.ts` and `ledger-entry-rows.ts`; the
 * statements in `ledger-statements.ts`, the appends not yet written in `ledger-append-buffer.ts`,
 * holders' open segments in `holder-segments.ts`, the reads in `ledger-message-reads.ts` and
 * `ledger-entry-reads.ts`.
 */
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { BatchRecord, LedgerEntry, LedgerStore, StoredMessage } from '../../ledger/index.ts';
import { ConfigError } from '../../../core/errors/index.ts';
import { HolderSegments } from './holder-segments.ts';
import { LedgerAppendBuffer } from './ledger-append-buffer.ts';
import { LedgerBatchTable } from './ledger-batch-table.ts';
import { accountTotals, entriesBetween, lastEntry, messageEntries } from './ledger-entry-reads.ts';
import {
  allMessages,
  deviceSeqs,
  holdersAfter,
  lastSegmentOf,
  recordedIds,
  segmentChainMessages,
} from './ledger-message-reads.ts';
import { checkReadableLedgerSchema, prepareLedgerSchema } from './ledger-schema.ts';
import { LedgerStatements } from './ledger-statements.ts';

/** Options of {@link SqliteLedgerStore}. */
export type SqliteLedgerStoreOptions = {
  /** Open an existing file read-only (reports); default false. */
  readonly readonly?: boolean;
  /**
   * Holders whose open segment the store remembers (about 100 bytes each); past it the oldest is
   * forgotten (up to 1/64 more are kept between passes) and its next message opens a new segment.
   * Default 65,536.
   */
  readonly maxOpenSegments?: number;
};

/**
 * A ledger in one SQLite file.
 *
 * Appends are buffered in the running transaction and written `ROWS_PER_INSERT` rows per statement
 * (fewer calls from JavaScript into SQLite); whatever is buffered is written before any read and before
 * the commit, so reads and the transaction see every append, and a failed transaction drops them.
 */
export class SqliteLedgerStore implements LedgerStore {
  readonly file: string;
  readonly #db: Db;
  /** Statements prepared on first use (a read-only store never prepares the writers). */
  readonly #statements: LedgerStatements;
  readonly #buffer: LedgerAppendBuffer;
  readonly #segments: HolderSegments;
  readonly #batches: LedgerBatchTable;
  #arrival = 0;

  constructor(file: string, options: SqliteLedgerStoreOptions = {}) {
    this.file = file;
    const maxOpenSegments = options.maxOpenSegments ?? 65_536;
    if (!Number.isInteger(maxOpenSegments) || maxOpenSegments < 1)
      throw new ConfigError('maxOpenSegments', `must be a positive integer, got ${maxOpenSegments}`);
    this.#db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    if (options.readonly === true) checkReadableLedgerSchema(this.#db, file);
    else {
      // WAL with synchronous FULL: a commit that returned is on disk (sqlite.org/pragma.html). The
      // page cache holds the recent index pages between commits; checkpoints run every 8,192 WAL
      // pages (32 MiB) instead of every 1,000, so a hot page is copied to the database once per
      // checkpoint rather than once per few commits.
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.pragma('cache_size = -32768');
      this.#db.pragma('wal_autocheckpoint = 8192');
      this.#db.pragma('temp_store = MEMORY');
      prepareLedgerSchema(this.#db, file);
    }
    this.#statements = new LedgerStatements(this.#db);
    this.#buffer = new LedgerAppendBuffer(this.#db, this.#statements);
    this.#batches = new LedgerBatchTable(this.#db);
    const last = this.#db
      .prepare(
        'SELECT (SELECT COALESCE(MAX(arrival), 0) FROM message) AS arrival, (SELECT COALESCE(MAX(seg), 0) FROM segment) AS seg',
      )
      .get() as { arrival: number; seg: number };
    this.#arrival = last.arrival;
    this.#segments = new HolderSegments(this.#statements, this.#buffer, last.seg, maxOpenSegments);
  }

  atomically(fn: () => void): void {
    const arrival = this.#arrival;
    const mark = this.#segments.mark();
    try {
      this.#db.transaction(() => {
        fn();
        this.#buffer.flush();
      })();
    } catch (err) {
      this.#arrival = arrival;
      this.#buffer.clear();
      this.#segments.rollback(mark);
      throw err;
    } finally {
      if (!this.#db.inTransaction) this.#segments.settled();
    }
  }

  ledgerId(): string | null {
    const row = this.#statements.get("SELECT value FROM meta WHERE key = 'ledgerId'").get() as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setLedgerId(id: string): void {
    this.#statements.get("INSERT INTO meta (key, value) VALUES ('ledgerId', ?)").run(id);
  }

  appendMessage(m: StoredMessage): void {
    const seg = this.#segments.segmentOf(m.holder);
    this.#arrival += 1;
    this.#buffer.appendMessage(this.#arrival, m, seg);
  }

  /** Double-entry pairs are stored as one row (`ledger-entry-rows.ts`). */
  appendEntry(e: LedgerEntry): void {
    this.#buffer.appendEntry(e);
  }

  appendBatch(b: BatchRecord): void {
    this.#batches.append(b);
  }

  markBatchAcked(batchId: string, ackedMs: number): void {
    this.#batches.markAcked(batchId, ackedMs);
  }

  *messages(): Iterable<StoredMessage> {
    this.#buffer.flush();
    yield* allMessages(this.#db);
  }

  hasMessage(id: string): boolean {
    return (
      this.#buffer.holdsMessage(id) ||
      this.#statements.get('SELECT 1 FROM message WHERE id = ?').get(id) !== undefined
    );
  }

  recordedAmong(ids: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const id of ids) if (this.#buffer.holdsMessage(id)) out.add(id);
    recordedIds(this.#statements, ids, out);
    return out;
  }

  messageCount(): number {
    this.#buffer.flush();
    return this.#statements.get('SELECT COUNT(*) FROM message').pluck().get() as number;
  }

  /** The holder's messages: those of its latest segment and of every earlier one, by arrival. */
  holderMessages(holder: string): StoredMessage[] {
    if (this.#buffer.holdsHolder(holder)) this.#buffer.flushMessages();
    const last = lastSegmentOf(this.#statements, holder);
    // A holder seen for the first time (the common case) costs one index probe.
    if (last === undefined) {
      this.#segments.noteUnknown(holder);
      return [];
    }
    return segmentChainMessages(this.#statements, holder, last);
  }

  holders(after: string | null, limit: number): string[] {
    this.#buffer.flush();
    return holdersAfter(this.#statements, after, limit);
  }

  messageEntries(messageIds: readonly string[]): LedgerEntry[] {
    if (this.#buffer.holdsEntriesOf(messageIds)) this.#buffer.flushEntries();
    return messageEntries(this.#statements, messageIds);
  }

  lastEntry(): LedgerEntry | null {
    this.#buffer.flush();
    return lastEntry(this.#db);
  }

  *deviceSeqs(): Iterable<{ readonly deviceId: string; readonly seq: number }> {
    this.#buffer.flush();
    yield* deviceSeqs(this.#db);
  }

  *entries(fromEntryNo = 1, toEntryNo = Number.MAX_SAFE_INTEGER): Iterable<LedgerEntry> {
    this.#buffer.flush();
    yield* entriesBetween(this.#db, fromEntryNo, toEntryNo);
  }

  accountTotals(fromEntryNo: number, toEntryNo: number, withSettle: boolean): Map<string, number> {
    this.#buffer.flush();
    return accountTotals(this.#db, fromEntryNo, toEntryNo, withSettle);
  }

  batches(): BatchRecord[] {
    return this.#batches.all();
  }

  batch(batchId: string): BatchRecord | null {
    return this.#batches.byId(batchId);
  }

  lastBatch(): BatchRecord | null {
    return this.#batches.last();
  }

  oldestPendingBatch(): BatchRecord | null {
    return this.#batches.oldestPending();
  }

  pendingBatchCount(): number {
    return this.#batches.pendingCount();
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
