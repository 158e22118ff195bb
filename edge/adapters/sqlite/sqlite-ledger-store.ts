/**
 * @module edge/adapters/sqlite/sqlite-ledger-store
 * The ledger store on SQLite (better-sqlite3 12): WAL journal with `synchronous = FULL`, so a
 * transaction that returned survives a SIGKILL or a power cut (sqlite.org/pragma.html#pragma_synchronous),
 * and one that did not never half-applies. Entries and messages are append-only: triggers refuse any
 * UPDATE or DELETE, so a correction can only be a new entry. The file's layout (holder segments, entry
 * pairs in one row) and its migration are in `ledger-schema.ts` and `ledger-entry-rows.ts`.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { BatchRecord, LedgerEntry, LedgerStore, StoredMessage } from '../../ledger/index.ts';
import { ConfigError } from '../../../core/errors/index.ts';
import type { EntryRow } from './ledger-entry-rows.ts';
import { entriesOf, mirrors } from './ledger-entry-rows.ts';
import { checkReadableLedgerSchema, prepareLedgerSchema } from './ledger-schema.ts';
import { LedgerBatchTable } from './ledger-batch-table.ts';
import { MultiRowInsert, ROWS_PER_INSERT } from './multi-row-insert.ts';

const MESSAGE_COLUMNS = 8;
const ENTRY_COLUMNS = 18;
const SEGMENT_COLUMNS = 3;
const HOLDER_COLUMNS = 2;

/** The multi-row inserts of the tables a ledger appends to. */
type LedgerInserts = {
  readonly message: MultiRowInsert;
  readonly entry: MultiRowInsert;
  readonly segment: MultiRowInsert;
  readonly holder: MultiRowInsert;
};

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

const INSERT_MESSAGE = 'INSERT INTO message (arrival, id, seg, kind, device_id, seq, ts, body)';
const INSERT_ENTRY = `INSERT INTO entry (entry_no, txn_no, entry_kind, message_id, version, account, amount_krw,
  account2, journey_id, day, leg_no, operator_id, mode, route_id, leg_base_krw, leg_m, reason, posted_ms)`;
const INSERT_SEGMENT = 'INSERT INTO segment (seg, holder, prev_seg)';
const INSERT_HOLDER = 'INSERT INTO holder (holder, last_seg)';
/** Rows are applied in order, so a holder opened twice in one statement keeps its later segment. */
const UPSERT_HOLDER = ' ON CONFLICT (holder) DO UPDATE SET last_seg = excluded.last_seg';
const MESSAGE_FIELDS = 'm.id, m.kind, m.device_id AS deviceId, m.seq, m.ts, s.holder, m.body';

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
  readonly #statements = new Map<string, Statement>();
  /** Multi-row inserts of the appended tables (prepared on first use: a read-only store never does). */
  #inserts: LedgerInserts | null = null;
  readonly #batches: LedgerBatchTable;
  /** `messageEntries` statements by number of ids (preparing one costs more than running it). */
  readonly #entriesOfMessages = new Map<number, Statement>();
  /** `recordedAmong` statements by number of ids. */
  readonly #idsAmong = new Map<number, Statement>();
  /** Buffered message and entry rows, flattened column by column. */
  #messageRows: unknown[] = [];
  #entryRows: unknown[] = [];
  /** Buffered segment and holder rows of segments opened (written with the messages, before them). */
  #segmentRows: unknown[] = [];
  #holderRows: unknown[] = [];
  /** The last entry appended, kept back until the next shows whether it is its mirror. */
  #heldEntry: LedgerEntry | null = null;
  /** Ids of buffered messages (`hasMessage` must see them). */
  readonly #bufferedIds = new Set<string>();
  /**
   * Holders of buffered messages and messages of buffered entries: a read about anything else need
   * not write the buffer first, so the common read (a holder not written in this transaction) keeps
   * the 64-row statements whole.
   */
  readonly #bufferedHolders = new Set<string>();
  readonly #bufferedEntryMessages = new Set<string>();
  /** The open segment of recently written holders (insertion order: oldest first). */
  readonly #openSegments = new Map<string, number>();
  /** Holders whose segment was opened in the running transaction (forgotten if it fails). */
  #opened: string[] = [];
  #arrival = 0;
  #lastSeg = 0;
  readonly #maxOpenSegments: number;
  /** The last holder `holderMessages` found no segment for (it has none until one is opened). */
  #unknownHolder: string | null = null;

  constructor(file: string, options: SqliteLedgerStoreOptions = {}) {
    this.file = file;
    this.#maxOpenSegments = options.maxOpenSegments ?? 65_536;
    if (!Number.isInteger(this.#maxOpenSegments) || this.#maxOpenSegments < 1)
      throw new ConfigError('maxOpenSegments', `must be a positive integer, got ${this.#maxOpenSegments}`);
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
    this.#batches = new LedgerBatchTable(this.#db);
    const last = this.#db
      .prepare(
        'SELECT (SELECT COALESCE(MAX(arrival), 0) FROM message) AS arrival, (SELECT COALESCE(MAX(seg), 0) FROM segment) AS seg',
      )
      .get() as { arrival: number; seg: number };
    this.#arrival = last.arrival;
    this.#lastSeg = last.seg;
  }

  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  atomically(fn: () => void): void {
    const arrival = this.#arrival;
    const lastSeg = this.#lastSeg;
    const opened = this.#opened.length;
    try {
      this.#db.transaction(() => {
        fn();
        this.#flush();
      })();
    } catch (err) {
      this.#arrival = arrival;
      this.#lastSeg = lastSeg;
      this.#messageRows = [];
      this.#entryRows = [];
      this.#segmentRows = [];
      this.#holderRows = [];
      this.#heldEntry = null;
      this.#bufferedIds.clear();
      this.#bufferedHolders.clear();
      this.#bufferedEntryMessages.clear();
      for (const holder of this.#opened.slice(opened)) this.#openSegments.delete(holder);
      this.#opened.length = opened;
      throw err;
    } finally {
      if (!this.#db.inTransaction) this.#opened = [];
    }
  }

  ledgerId(): string | null {
    const row = this.#statement("SELECT value FROM meta WHERE key = 'ledgerId'").get() as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setLedgerId(id: string): void {
    this.#statement("INSERT INTO meta (key, value) VALUES ('ledgerId', ?)").run(id);
  }

  /**
   * The holder's open segment, opening one (linked to its previous segment) when the store does not
   * remember one: the first message of a holder, or one not written for a long while.
   */
  #segmentOf(holder: string): number {
    const open = this.#openSegments.get(holder);
    if (open !== undefined) return open;
    // Its row may wait in the buffer (a segment opened earlier in this transaction, then forgotten).
    if (this.#bufferedHolders.has(holder)) this.#flushMessages();
    // The ledger has just asked for this holder's messages when it is new: no need to look again.
    const prev =
      holder === this.#unknownHolder
        ? undefined
        : (this.#statement('SELECT last_seg FROM holder WHERE holder = ?').pluck().get(holder) as
            number | undefined);
    this.#unknownHolder = null;
    const seg = ++this.#lastSeg;
    this.#segmentRows.push(seg, holder, prev ?? null);
    this.#holderRows.push(holder, seg);
    this.#openSegments.set(holder, seg);
    this.#opened.push(holder);
    // Forgotten 1/64 of the limit at a time, in one pass: a Map keeps deleted slots at its front until
    // it is rehashed, and a new iteration per holder would walk them all each time.
    if (this.#openSegments.size > this.#maxOpenSegments + (this.#maxOpenSegments >> 6))
      for (const oldest of this.#openSegments.keys()) {
        if (this.#openSegments.size <= this.#maxOpenSegments) break;
        this.#openSegments.delete(oldest);
      }
    return seg;
  }

  appendMessage(m: StoredMessage): void {
    const seg = this.#segmentOf(m.holder);
    this.#arrival += 1;
    this.#messageRows.push(this.#arrival, m.id, seg, m.kind, m.deviceId, m.seq, m.ts, m.body);
    this.#bufferedIds.add(m.id);
    this.#bufferedHolders.add(m.holder);
    if (this.#messageRows.length >= ROWS_PER_INSERT * MESSAGE_COLUMNS || !this.#db.inTransaction)
      this.#flushMessages();
  }

  /**
   * Entries come in double-entry pairs (payer and operator, operator and clearing): a pair is stored
   * as one row (half the rows and index keys), anything else as a row of its own.
   */
  appendEntry(e: LedgerEntry): void {
    if (e.messageId !== null) this.#bufferedEntryMessages.add(e.messageId);
    const held = this.#heldEntry;
    if (held === null) this.#heldEntry = e;
    else if (mirrors(held, e)) {
      this.#heldEntry = null;
      this.#pushEntryRow(held, e.account);
    } else {
      this.#heldEntry = e;
      this.#pushEntryRow(held, null);
    }
    if (this.#entryRows.length >= ROWS_PER_INSERT * ENTRY_COLUMNS || !this.#db.inTransaction)
      this.#flushEntries();
  }

  #pushEntryRow(e: LedgerEntry, account2: string | null): void {
    const l = e.leg;
    this.#entryRows.push(
      e.entryNo,
      e.txnNo,
      e.entryKind,
      e.messageId,
      e.version,
      e.account,
      e.amountKrw,
      account2,
      l?.journeyId ?? null,
      l?.day ?? null,
      l?.legNo ?? null,
      l?.operatorId ?? null,
      l?.mode ?? null,
      l?.routeId ?? null,
      l?.legBaseKrw ?? null,
      l?.legM ?? null,
      l?.reason ?? null,
      e.postedMs,
    );
  }

  #insert(): LedgerInserts {
    this.#inserts ??= {
      message: new MultiRowInsert(this.#db, INSERT_MESSAGE, MESSAGE_COLUMNS),
      entry: new MultiRowInsert(this.#db, INSERT_ENTRY, ENTRY_COLUMNS),
      segment: new MultiRowInsert(this.#db, INSERT_SEGMENT, SEGMENT_COLUMNS),
      holder: new MultiRowInsert(this.#db, INSERT_HOLDER, HOLDER_COLUMNS, UPSERT_HOLDER),
    };
    return this.#inserts;
  }

  /** Write the buffered messages, and the segments they opened first. */
  #flushMessages(): void {
    if (this.#segmentRows.length > 0) {
      const segments = this.#segmentRows;
      const holders = this.#holderRows;
      this.#segmentRows = [];
      this.#holderRows = [];
      this.#insert().segment.write(segments);
      this.#insert().holder.write(holders);
    }
    if (this.#messageRows.length === 0) return;
    const rows = this.#messageRows;
    this.#messageRows = [];
    this.#insert().message.write(rows);
    this.#bufferedIds.clear();
    this.#bufferedHolders.clear();
  }

  #flushEntries(): void {
    if (this.#heldEntry !== null) {
      this.#pushEntryRow(this.#heldEntry, null);
      this.#heldEntry = null;
    }
    if (this.#entryRows.length === 0) return;
    const rows = this.#entryRows;
    this.#entryRows = [];
    this.#insert().entry.write(rows);
    this.#bufferedEntryMessages.clear();
  }

  #flush(): void {
    this.#flushMessages();
    this.#flushEntries();
  }

  appendBatch(b: BatchRecord): void {
    this.#batches.append(b);
  }

  markBatchAcked(batchId: string, ackedMs: number): void {
    this.#batches.markAcked(batchId, ackedMs);
  }

  *messages(): Iterable<StoredMessage> {
    this.#flush();
    yield* this.#db
      .prepare(`SELECT ${MESSAGE_FIELDS} FROM message m JOIN segment s ON s.seg = m.seg ORDER BY m.arrival`)
      .iterate() as Iterable<StoredMessage>;
  }

  hasMessage(id: string): boolean {
    return (
      this.#bufferedIds.has(id) || this.#statement('SELECT 1 FROM message WHERE id = ?').get(id) !== undefined
    );
  }

  recordedAmong(ids: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const id of ids) if (this.#bufferedIds.has(id)) out.add(id);
    // Chunks well under SQLite's 32,766 bound parameters; one index probe each, one call per chunk.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.length <= 500 ? ids : ids.slice(i, i + 500);
      let select = this.#idsAmong.get(chunk.length);
      if (select === undefined) {
        select = this.#db
          .prepare(
            `SELECT id FROM message WHERE id IN (${new Array<string>(chunk.length).fill('?').join(',')})`,
          )
          .pluck();
        this.#idsAmong.set(chunk.length, select);
      }
      for (const id of select.all(chunk) as string[]) out.add(id);
    }
    return out;
  }

  messageCount(): number {
    this.#flush();
    return this.#statement('SELECT COUNT(*) FROM message').pluck().get() as number;
  }

  /** The holder's messages: those of its latest segment and of every earlier one, by arrival. */
  holderMessages(holder: string): StoredMessage[] {
    if (this.#bufferedHolders.has(holder)) this.#flushMessages();
    const last = this.#statement('SELECT last_seg FROM holder WHERE holder = ?').pluck().get(holder) as
      number | undefined;
    // A holder seen for the first time (the common case) costs one index probe.
    if (last === undefined) {
      this.#unknownHolder = holder;
      return [];
    }
    return this.#statement(
      `WITH RECURSIVE chain (seg) AS (
         SELECT ? UNION ALL SELECT s.prev_seg FROM segment s JOIN chain c ON s.seg = c.seg WHERE s.prev_seg IS NOT NULL)
       SELECT m.id, m.kind, m.device_id AS deviceId, m.seq, m.ts, ? AS holder, m.body
       FROM message m WHERE m.seg IN chain ORDER BY m.arrival`,
    ).all(last, holder) as StoredMessage[];
  }

  holders(after: string | null, limit: number): string[] {
    this.#flush();
    return this.#statement('SELECT holder FROM holder WHERE holder > ? ORDER BY holder LIMIT ?')
      .pluck()
      .all(after ?? '', limit) as string[];
  }

  messageEntries(messageIds: readonly string[]): LedgerEntry[] {
    if (this.#heldEntry !== null || this.#entryRows.length > 0)
      for (const id of messageIds)
        if (this.#bufferedEntryMessages.has(id)) {
          this.#flushEntries();
          break;
        }
    const out: LedgerEntry[] = [];
    // Chunks well under SQLite's 32,766 bound parameters.
    for (let i = 0; i < messageIds.length; i += 500) {
      const chunk = messageIds.slice(i, i + 500);
      let select = this.#entriesOfMessages.get(chunk.length);
      if (select === undefined) {
        select = this.#db.prepare(
          `SELECT * FROM entry WHERE message_id IN (${chunk.map(() => '?').join(',')})`,
        );
        this.#entriesOfMessages.set(chunk.length, select);
      }
      const rows = select.all(...chunk) as EntryRow[];
      for (const r of rows) entriesOf(r, out);
    }
    return out.sort((a, b) => a.entryNo - b.entryNo);
  }

  lastEntry(): LedgerEntry | null {
    this.#flush();
    const row = this.#db.prepare('SELECT * FROM entry ORDER BY entry_no DESC LIMIT 1').get() as
      EntryRow | undefined;
    if (row === undefined) return null;
    const out: LedgerEntry[] = [];
    entriesOf(row, out);
    return out[out.length - 1] ?? null;
  }

  *deviceSeqs(): Iterable<{ readonly deviceId: string; readonly seq: number }> {
    this.#flush();
    yield* this.#db
      .prepare('SELECT device_id AS deviceId, seq FROM message ORDER BY arrival')
      .iterate() as Iterable<{
      deviceId: string;
      seq: number;
    }>;
  }

  *entries(fromEntryNo = 1, toEntryNo = Number.MAX_SAFE_INTEGER): Iterable<LedgerEntry> {
    this.#flush();
    const select = this.#db.prepare('SELECT * FROM entry WHERE entry_no BETWEEN ? AND ? ORDER BY entry_no');
    // From the row before: a paired row holds the entry after its own number. A settlement batch's
    // range is read at once (faster); a whole ledger is streamed.
    const rows = (
      toEntryNo - fromEntryNo < 10_000
        ? select.all(fromEntryNo - 1, toEntryNo)
        : select.iterate(fromEntryNo - 1, toEntryNo)
    ) as Iterable<EntryRow>;
    const expanded: LedgerEntry[] = [];
    for (const r of rows) {
      entriesOf(r, expanded);
      for (const e of expanded) if (e.entryNo >= fromEntryNo && e.entryNo <= toEntryNo) yield e;
      expanded.length = 0;
    }
  }

  accountTotals(fromEntryNo: number, toEntryNo: number, withSettle: boolean): Map<string, number> {
    this.#flush();
    const rows = this.#db
      .prepare(
        `SELECT account, SUM(amount) AS total FROM (
           SELECT account, amount_krw AS amount, entry_kind FROM entry WHERE entry_no BETWEEN @from AND @to
           UNION ALL SELECT account2, -amount_krw, entry_kind FROM entry
             WHERE entry_no BETWEEN @from - 1 AND @to - 1 AND account2 IS NOT NULL)
         ${withSettle ? '' : "WHERE entry_kind != 'settle'"} GROUP BY account ORDER BY account`,
      )
      .all({ from: fromEntryNo, to: toEntryNo }) as { account: string; total: number }[];
    return new Map(rows.map((r) => [r.account, r.total]));
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
