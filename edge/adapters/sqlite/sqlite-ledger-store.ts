/**
 * @module edge/adapters/sqlite/sqlite-ledger-store
 * The ledger store on SQLite (better-sqlite3 12): WAL journal with `synchronous = FULL`, so a
 * transaction that returned survives a SIGKILL or a power cut (sqlite.org/pragma.html#pragma_synchronous),
 * and one that did not never half-applies. Entries and messages are append-only: triggers refuse any
 * UPDATE or DELETE, so a correction can only be a new entry.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { BatchRecord, LedgerEntry, LedgerStore, StoredMessage } from '../../ledger/index.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS message (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
  ts INTEGER NOT NULL, holder TEXT NOT NULL, body TEXT NOT NULL, arrival INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entry (
  entry_no INTEGER PRIMARY KEY, txn_no INTEGER NOT NULL, entry_kind TEXT NOT NULL, message_id TEXT,
  version INTEGER NOT NULL, account TEXT NOT NULL, amount_krw INTEGER NOT NULL,
  journey_id TEXT, day TEXT, leg_no INTEGER, operator_id TEXT, mode TEXT, route_id TEXT,
  leg_base_krw INTEGER, leg_m INTEGER, reason TEXT, posted_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS batch (
  batch_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, from_entry_no INTEGER NOT NULL,
  to_entry_no INTEGER NOT NULL, created_ms INTEGER NOT NULL, acked_ms INTEGER);
CREATE INDEX IF NOT EXISTS message_holder ON message (holder);
CREATE INDEX IF NOT EXISTS batch_pending ON batch (acked_ms, seq);
CREATE INDEX IF NOT EXISTS entry_message ON entry (message_id);
CREATE TRIGGER IF NOT EXISTS entry_append_only_u BEFORE UPDATE ON entry
  BEGIN SELECT RAISE(ABORT, 'ledger entries are never edited; post a correction'); END;
CREATE TRIGGER IF NOT EXISTS entry_append_only_d BEFORE DELETE ON entry
  BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted; post a correction'); END;
CREATE TRIGGER IF NOT EXISTS message_append_only_u BEFORE UPDATE ON message
  BEGIN SELECT RAISE(ABORT, 'recorded messages are never edited'); END;
CREATE TRIGGER IF NOT EXISTS message_append_only_d BEFORE DELETE ON message
  BEGIN SELECT RAISE(ABORT, 'recorded messages are never deleted'); END;
`;

type EntryRow = {
  entry_no: number;
  txn_no: number;
  entry_kind: LedgerEntry['entryKind'];
  message_id: string | null;
  version: number;
  account: string;
  amount_krw: number;
  journey_id: string | null;
  day: string | null;
  leg_no: number | null;
  operator_id: string | null;
  mode: string | null;
  route_id: string | null;
  leg_base_krw: number | null;
  leg_m: number | null;
  reason: string | null;
  posted_ms: number;
};

type BatchRow = {
  batch_id: string;
  seq: number;
  from_entry_no: number;
  to_entry_no: number;
  created_ms: number;
  acked_ms: number | null;
};

function batchOf(r: BatchRow): BatchRecord {
  return {
    batchId: r.batch_id,
    seq: r.seq,
    fromEntryNo: r.from_entry_no,
    toEntryNo: r.to_entry_no,
    createdMs: r.created_ms,
    ackedMs: r.acked_ms,
  };
}

function entryOf(r: EntryRow): LedgerEntry {
  return {
    entryNo: r.entry_no,
    txnNo: r.txn_no,
    entryKind: r.entry_kind,
    messageId: r.message_id,
    version: r.version,
    account: r.account,
    amountKrw: r.amount_krw,
    leg:
      r.journey_id === null
        ? null
        : {
            journeyId: r.journey_id,
            day: r.day ?? '',
            legNo: r.leg_no ?? 0,
            operatorId: r.operator_id ?? '',
            mode: r.mode ?? '',
            routeId: r.route_id,
            legBaseKrw: r.leg_base_krw ?? 0,
            legM: r.leg_m ?? 0,
            reason: r.reason ?? '',
          },
    postedMs: r.posted_ms,
  };
}

/** Options of {@link SqliteLedgerStore}. */
export type SqliteLedgerStoreOptions = {
  /** Open an existing file read-only (reports); default false. */
  readonly readonly?: boolean;
};

/** A ledger in one SQLite file. */
export class SqliteLedgerStore implements LedgerStore {
  readonly file: string;
  readonly #db: Db;
  readonly #insertMessage: Statement;
  readonly #insertEntry: Statement;
  readonly #hasMessage: Statement;
  readonly #holderMessages: Statement;
  /** `messageEntries` statements by number of ids (preparing one costs more than running it). */
  readonly #entriesOfMessages = new Map<number, Statement>();
  #arrival: number;

  constructor(file: string, options: SqliteLedgerStoreOptions = {}) {
    this.file = file;
    this.#db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
    if (options.readonly !== true) {
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.exec(SCHEMA);
    }
    this.#insertMessage = this.#db.prepare(
      'INSERT INTO message (id, kind, device_id, seq, ts, holder, body, arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#insertEntry = this.#db.prepare(
      `INSERT INTO entry (entry_no, txn_no, entry_kind, message_id, version, account, amount_krw, journey_id, day,
       leg_no, operator_id, mode, route_id, leg_base_krw, leg_m, reason, posted_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#hasMessage = this.#db.prepare('SELECT 1 FROM message WHERE id = ?').pluck();
    this.#holderMessages = this.#db.prepare(
      'SELECT id, kind, device_id AS deviceId, seq, ts, holder, body FROM message WHERE holder = ? ORDER BY arrival',
    );
    const row = this.#db.prepare('SELECT COALESCE(MAX(arrival), 0) AS n FROM message').get() as { n: number };
    this.#arrival = row.n;
  }

  atomically(fn: () => void): void {
    const mark = this.#arrival;
    try {
      this.#db.transaction(fn)();
    } catch (err) {
      this.#arrival = mark;
      throw err;
    }
  }

  ledgerId(): string | null {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = 'ledgerId'").get() as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  setLedgerId(id: string): void {
    this.#db.prepare("INSERT INTO meta (key, value) VALUES ('ledgerId', ?)").run(id);
  }

  appendMessage(m: StoredMessage): void {
    this.#arrival += 1;
    this.#insertMessage.run(m.id, m.kind, m.deviceId, m.seq, m.ts, m.holder, m.body, this.#arrival);
  }

  appendEntry(e: LedgerEntry): void {
    const l = e.leg;
    this.#insertEntry.run(
      e.entryNo,
      e.txnNo,
      e.entryKind,
      e.messageId,
      e.version,
      e.account,
      e.amountKrw,
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

  appendBatch(b: BatchRecord): void {
    this.#db
      .prepare(
        'INSERT INTO batch (batch_id, seq, from_entry_no, to_entry_no, created_ms, acked_ms) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(b.batchId, b.seq, b.fromEntryNo, b.toEntryNo, b.createdMs, b.ackedMs);
  }

  markBatchAcked(batchId: string, ackedMs: number): void {
    this.#db
      .prepare('UPDATE batch SET acked_ms = ? WHERE batch_id = ? AND acked_ms IS NULL')
      .run(ackedMs, batchId);
  }

  *messages(): Iterable<StoredMessage> {
    const rows = this.#db
      .prepare('SELECT id, kind, device_id AS deviceId, seq, ts, holder, body FROM message ORDER BY arrival')
      .iterate() as Iterable<StoredMessage>;
    yield* rows;
  }

  hasMessage(id: string): boolean {
    return this.#hasMessage.get(id) !== undefined;
  }

  messageCount(): number {
    return this.#db.prepare('SELECT COUNT(*) FROM message').pluck().get() as number;
  }

  holderMessages(holder: string): StoredMessage[] {
    return this.#holderMessages.all(holder) as StoredMessage[];
  }

  holders(after: string | null, limit: number): string[] {
    return this.#db
      .prepare('SELECT DISTINCT holder FROM message WHERE holder > ? ORDER BY holder LIMIT ?')
      .pluck()
      .all(after ?? '', limit) as string[];
  }

  messageEntries(messageIds: readonly string[]): LedgerEntry[] {
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
      for (const r of rows) out.push(entryOf(r));
    }
    return out.sort((a, b) => a.entryNo - b.entryNo);
  }

  lastEntry(): LedgerEntry | null {
    const row = this.#db.prepare('SELECT * FROM entry ORDER BY entry_no DESC LIMIT 1').get() as
      EntryRow | undefined;
    return row === undefined ? null : entryOf(row);
  }

  *deviceSeqs(): Iterable<{ readonly deviceId: string; readonly seq: number }> {
    yield* this.#db
      .prepare('SELECT device_id AS deviceId, seq FROM message ORDER BY arrival')
      .iterate() as Iterable<{
      deviceId: string;
      seq: number;
    }>;
  }

  *entries(fromEntryNo = 1, toEntryNo = Number.MAX_SAFE_INTEGER): Iterable<LedgerEntry> {
    const select = this.#db.prepare('SELECT * FROM entry WHERE entry_no BETWEEN ? AND ? ORDER BY entry_no');
    // A settlement batch's range is read at once (faster); a whole ledger is streamed.
    const rows = (
      toEntryNo - fromEntryNo < 10_000
        ? select.all(fromEntryNo, toEntryNo)
        : select.iterate(fromEntryNo, toEntryNo)
    ) as Iterable<EntryRow>;
    for (const r of rows) yield entryOf(r);
  }

  accountTotals(fromEntryNo: number, toEntryNo: number, withSettle: boolean): Map<string, number> {
    const rows = this.#db
      .prepare(
        `SELECT account, SUM(amount_krw) AS total FROM entry WHERE entry_no BETWEEN ? AND ?
         ${withSettle ? '' : "AND entry_kind != 'settle'"} GROUP BY account ORDER BY account`,
      )
      .all(fromEntryNo, toEntryNo) as { account: string; total: number }[];
    return new Map(rows.map((r) => [r.account, r.total]));
  }

  batches(): BatchRecord[] {
    const rows = this.#db.prepare('SELECT * FROM batch ORDER BY seq').all() as BatchRow[];
    return rows.map(batchOf);
  }

  batch(batchId: string): BatchRecord | null {
    const row = this.#db.prepare('SELECT * FROM batch WHERE batch_id = ?').get(batchId) as
      BatchRow | undefined;
    return row === undefined ? null : batchOf(row);
  }

  lastBatch(): BatchRecord | null {
    const row = this.#db.prepare('SELECT * FROM batch ORDER BY seq DESC LIMIT 1').get() as
      BatchRow | undefined;
    return row === undefined ? null : batchOf(row);
  }

  oldestPendingBatch(): BatchRecord | null {
    const row = this.#db.prepare('SELECT * FROM batch WHERE acked_ms IS NULL ORDER BY seq LIMIT 1').get() as
      BatchRow | undefined;
    return row === undefined ? null : batchOf(row);
  }

  pendingBatchCount(): number {
    return this.#db.prepare('SELECT COUNT(*) FROM batch WHERE acked_ms IS NULL').pluck().get() as number;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
