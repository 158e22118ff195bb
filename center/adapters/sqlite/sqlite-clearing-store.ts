/**
 * @module center/adapters/sqlite/sqlite-clearing-store
 * The clearing house's store on SQLite (better-sqlite3 12), one file under the center's data
 * directory: WAL journal with `synchronous = FULL`, so a batch recorded before its acknowledgement was
 * sent survives a SIGKILL or a power cut (sqlite.org/pragma.html#pragma_synchronous). Entries are kept
 * as the edges sent them (JSON) under `(ledger_id, entry_no)`; triggers refuse UPDATE and DELETE.
 */
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { SettlementEntry } from '../../../core/messages/index.ts';
import type { ClearingBatchRecord, ClearingStore } from '../../clearing/index.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS batch (
  batch_id TEXT PRIMARY KEY, ledger_id TEXT NOT NULL, edge_id TEXT NOT NULL, region TEXT NOT NULL,
  seq INTEGER NOT NULL, entries INTEGER NOT NULL, received_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entry (
  ledger_id TEXT NOT NULL, entry_no INTEGER NOT NULL, batch_id TEXT NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (ledger_id, entry_no)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS clearing_entry_u BEFORE UPDATE ON entry
  BEGIN SELECT RAISE(ABORT, 'cleared entries are never edited'); END;
CREATE TRIGGER IF NOT EXISTS clearing_entry_d BEFORE DELETE ON entry
  BEGIN SELECT RAISE(ABORT, 'cleared entries are never deleted'); END;
`;

/** Options of {@link SqliteClearingStore}. */
export type SqliteClearingStoreOptions = {
  /** Open an existing file read-only (reports); default false. */
  readonly readonly?: boolean;
};

/** Accepted settlement batches in one SQLite file. */
export class SqliteClearingStore implements ClearingStore {
  readonly file: string;
  readonly #db: Db;
  readonly #hasBatch: Statement;
  readonly #last: Statement;
  readonly #record: (batch: ClearingBatchRecord) => void;

  constructor(file: string, options: SqliteClearingStoreOptions = {}) {
    this.file = file;
    const readonly = options.readonly ?? false;
    this.#db = new Database(file, { readonly, fileMustExist: readonly });
    if (!readonly) {
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.exec(SCHEMA);
    }
    this.#hasBatch = this.#db.prepare('SELECT 1 FROM batch WHERE batch_id = ?').pluck();
    this.#last = this.#db.prepare('SELECT MAX(entry_no) FROM entry WHERE ledger_id = ?').pluck();
    if (readonly) {
      this.#record = () => {
        throw new Error(`${file} is open read-only`);
      };
      return;
    }
    const insertBatch = this.#db.prepare(
      'INSERT INTO batch (batch_id, ledger_id, edge_id, region, seq, entries, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertEntry = this.#db.prepare(
      'INSERT INTO entry (ledger_id, entry_no, batch_id, body) VALUES (?, ?, ?, ?)',
    );
    this.#record = this.#db.transaction((b: ClearingBatchRecord) => {
      let last = (this.#last.get(b.ledgerId) as number | null) ?? 0;
      insertBatch.run(b.batchId, b.ledgerId, b.edgeId, b.region, b.seq, b.entries.length, b.receivedMs);
      for (const e of b.entries) {
        if (e.entryNo <= last) throw new Error(`entry ${e.entryNo} of ${b.ledgerId} out of order`);
        last = e.entryNo;
        insertEntry.run(b.ledgerId, e.entryNo, b.batchId, JSON.stringify(e));
      }
    });
  }

  hasBatch(batchId: string): boolean {
    return this.#hasBatch.get(batchId) !== undefined;
  }

  recordBatch(batch: ClearingBatchRecord): void {
    this.#record(batch);
  }

  lastEntryNos(): Map<string, number> {
    const rows = this.#db
      .prepare('SELECT ledger_id AS ledgerId, MAX(entry_no) AS last FROM entry GROUP BY ledger_id')
      .all() as { ledgerId: string; last: number }[];
    return new Map(rows.map((r) => [r.ledgerId, r.last]));
  }

  *ledgers(): Iterable<{ readonly ledgerId: string; readonly entries: Iterable<SettlementEntry> }> {
    const ids = this.#db
      .prepare('SELECT DISTINCT ledger_id FROM entry ORDER BY ledger_id')
      .pluck()
      .all() as string[];
    const db = this.#db;
    for (const ledgerId of ids) {
      yield {
        ledgerId,
        // A statement of its own per ledger, started when read: ledgers may be read in any order.
        entries: (function* () {
          const rows = db.prepare('SELECT body FROM entry WHERE ledger_id = ? ORDER BY entry_no').pluck();
          for (const body of rows.iterate(ledgerId) as Iterable<string>)
            yield JSON.parse(body) as SettlementEntry;
        })(),
      };
    }
  }

  batchCount(): number {
    return this.#db.prepare('SELECT COUNT(*) FROM batch').pluck().get() as number;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
