/**
 * @module edge/adapters/sqlite/ledger-batch-table
 * The ledger file's `batch` table: settlement batches as the ledger remembers them. The one table
 * whose rows change (a batch's acknowledgement time is set once).
 */
import type { Database as Db } from 'better-sqlite3';
import type { BatchRecord } from '../../ledger/index.ts';

type BatchRow = {
  batch_id: string;
  seq: number;
  from_entry_no: number;
  to_entry_no: number;
  created_ms: number;
  acked_ms: number | null;
};

function batchOf(r: BatchRow | undefined): BatchRecord | null {
  if (r === undefined) return null;
  return {
    batchId: r.batch_id,
    seq: r.seq,
    fromEntryNo: r.from_entry_no,
    toEntryNo: r.to_entry_no,
    createdMs: r.created_ms,
    ackedMs: r.acked_ms,
  };
}

/** Reads and writes of the `batch` table (the `LedgerStore` batch methods). */
export class LedgerBatchTable {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  append(b: BatchRecord): void {
    this.#db
      .prepare(
        'INSERT INTO batch (batch_id, seq, from_entry_no, to_entry_no, created_ms, acked_ms) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(b.batchId, b.seq, b.fromEntryNo, b.toEntryNo, b.createdMs, b.ackedMs);
  }

  markAcked(batchId: string, ackedMs: number): void {
    this.#db
      .prepare('UPDATE batch SET acked_ms = ? WHERE batch_id = ? AND acked_ms IS NULL')
      .run(ackedMs, batchId);
  }

  all(): BatchRecord[] {
    const rows = this.#db.prepare('SELECT * FROM batch ORDER BY seq').all() as BatchRow[];
    return rows.map((r) => batchOf(r) as BatchRecord);
  }

  byId(batchId: string): BatchRecord | null {
    return batchOf(
      this.#db.prepare('SELECT * FROM batch WHERE batch_id = ?').get(batchId) as BatchRow | undefined,
    );
  }

  last(): BatchRecord | null {
    return batchOf(
      this.#db.prepare('SELECT * FROM batch ORDER BY seq DESC LIMIT 1').get() as BatchRow | undefined,
    );
  }

  oldestPending(): BatchRecord | null {
    return batchOf(
      this.#db.prepare('SELECT * FROM batch WHERE acked_ms IS NULL ORDER BY seq LIMIT 1').get() as
        BatchRow | undefined,
    );
  }

  pendingCount(): number {
    return this.#db.prepare('SELECT COUNT(*) FROM batch WHERE acked_ms IS NULL').pluck().get() as number;
  }
}
