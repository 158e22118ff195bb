/**
 * @module edge/adapters/sqlite/sqlite-uplink-store
 * The uplink store in SQLite (better-sqlite3, synchronous): WAL journal with `synchronous = FULL`, so
 * every committed transaction is on disk before the call returns (SQLite docs, "PRAGMA synchronous":
 * FULL in WAL mode makes transactions durable across power loss). Sealing a batch moves its items and
 * bumps the sequence counter in one transaction.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { EdgeBatch, UplinkItem } from '../../../core/index.ts';
import type { JournalEntry, StoredBatch, UplinkStore } from '../../uplink/index.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS uplink_item (id INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS uplink_batch (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS uplink_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  topic TEXT NOT NULL,
  payload BLOB NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS inbox_received ON inbox (received_at);
INSERT OR IGNORE INTO uplink_meta (key, value) VALUES ('next_batch_seq', 1);
`;

type ItemRow = { id: number; json: string };
type JournalRow = { id: number; topic: string; payload: Buffer; received_at: number };

/** A durable {@link UplinkStore} in one SQLite file. */
export class SqliteUplinkStore implements UplinkStore {
  readonly path: string;
  readonly #db: SqliteDatabase;
  readonly #insertItem: Statement<[string]>;
  readonly #countItems: Statement<[], { n: number }>;
  readonly #oldestItems: Statement<[number], ItemRow>;
  readonly #deleteItemsUpTo: Statement<[number]>;
  readonly #nextSeq: Statement<[], { value: number }>;
  readonly #bumpSeq: Statement<[number]>;
  readonly #insertBatch: Statement<[number, string]>;
  readonly #batchesAfter: Statement<[number, number], StoredBatch>;
  readonly #countBatches: Statement<[], { n: number }>;
  readonly #deleteBatch: Statement<[number]>;
  readonly #insertJournal: Statement<[string, Buffer, number]>;
  readonly #journalAll: Statement<[], JournalRow>;
  readonly #pruneJournal: Statement<[number]>;

  /**
   * True when no batch was ever sealed in this store, so its batch sequence starts from 1: what an
   * edge announces as `seqReset` (a restarted edge with its queue on disk continues its sequence).
   */
  readonly sequenceStartsAfresh: boolean;

  /** Open (creating if needed) the store at `path` (`:memory:` for a throwaway one). */
  constructor(path: string) {
    this.path = path;
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(SCHEMA);
    this.#insertItem = this.#db.prepare('INSERT INTO uplink_item (json) VALUES (?)');
    this.#countItems = this.#db.prepare('SELECT count(*) AS n FROM uplink_item');
    this.#oldestItems = this.#db.prepare('SELECT id, json FROM uplink_item ORDER BY id LIMIT ?');
    this.#deleteItemsUpTo = this.#db.prepare('DELETE FROM uplink_item WHERE id <= ?');
    this.#nextSeq = this.#db.prepare("SELECT value FROM uplink_meta WHERE key = 'next_batch_seq'");
    this.#bumpSeq = this.#db.prepare("UPDATE uplink_meta SET value = ? WHERE key = 'next_batch_seq'");
    this.#insertBatch = this.#db.prepare('INSERT INTO uplink_batch (seq, payload) VALUES (?, ?)');
    this.#batchesAfter = this.#db.prepare(
      'SELECT seq, payload FROM uplink_batch WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.#countBatches = this.#db.prepare('SELECT count(*) AS n FROM uplink_batch');
    this.#deleteBatch = this.#db.prepare('DELETE FROM uplink_batch WHERE seq = ?');
    this.#insertJournal = this.#db.prepare(
      'INSERT INTO inbox (topic, payload, received_at) VALUES (?, ?, ?)',
    );
    this.#journalAll = this.#db.prepare('SELECT id, topic, payload, received_at FROM inbox ORDER BY id');
    this.#pruneJournal = this.#db.prepare('DELETE FROM inbox WHERE received_at < ?');
    this.sequenceStartsAfresh = (this.#nextSeq.get()?.value ?? 1) === 1;
  }

  appendItems(items: readonly UplinkItem[]): void {
    if (items.length === 0) return;
    this.#db.transaction(() => {
      for (const item of items) this.#insertItem.run(JSON.stringify(item));
    })();
  }

  pendingItemCount(): number {
    return this.#countItems.get()?.n ?? 0;
  }

  sealBatch(maxItems: number, build: (seq: number, items: UplinkItem[]) => EdgeBatch): StoredBatch | null {
    return this.#db.transaction((): StoredBatch | null => {
      const rows = this.#oldestItems.all(maxItems);
      const last = rows[rows.length - 1];
      if (last === undefined) return null;
      const seq = this.#nextSeq.get()?.value ?? 1;
      const payload = JSON.stringify(
        build(
          seq,
          rows.map((r) => JSON.parse(r.json) as UplinkItem),
        ),
      );
      this.#insertBatch.run(seq, payload);
      this.#bumpSeq.run(seq + 1);
      this.#deleteItemsUpTo.run(last.id);
      return { seq, payload };
    })();
  }

  batchesAfter(afterSeq: number, limit: number): StoredBatch[] {
    return this.#batchesAfter.all(afterSeq, limit).map((r) => ({ seq: r.seq, payload: r.payload }));
  }

  batchCount(): number {
    return this.#countBatches.get()?.n ?? 0;
  }

  deleteBatch(seq: number): boolean {
    return this.#deleteBatch.run(seq).changes > 0;
  }

  journal(topic: string, payload: Buffer, receivedAtMs: number): number {
    return Number(this.#insertJournal.run(topic, payload, receivedAtMs).lastInsertRowid);
  }

  journalEntries(): JournalEntry[] {
    return this.#journalAll
      .all()
      .map((r) => ({ id: r.id, topic: r.topic, payload: r.payload, receivedAtMs: r.received_at }));
  }

  pruneJournal(beforeMs: number): number {
    return this.#pruneJournal.run(beforeMs).changes;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
