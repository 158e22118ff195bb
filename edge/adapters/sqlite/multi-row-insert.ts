/**
 * @module edge/adapters/sqlite/multi-row-insert
 * Writes buffered rows into one table with multi-row `INSERT ... VALUES (...), (...)` statements: one
 * call from JavaScript into SQLite per `ROWS_PER_INSERT` rows instead of one per row. A statement is
 * prepared once per row count (preparing costs more than running it) and reused.
 */
import type { Database as Db, Statement } from 'better-sqlite3';

/** Rows per multi-row INSERT: one call into SQLite for many rows (18 x 64 parameters, far under 32,766). */
export const ROWS_PER_INSERT = 64;

/** `INSERT ... VALUES (?, ...), (?, ...)` for `rows` rows of `columns` columns. */
function insertSql(head: string, columns: number, rows: number, tail: string): string {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return `${head} VALUES ${new Array<string>(rows).fill(row).join(', ')}${tail}`;
}

/** The insert statements of one table. */
export class MultiRowInsert {
  readonly #db: Db;
  readonly #head: string;
  readonly #tail: string;
  /** Values per row. */
  readonly columns: number;
  /** Statements by number of rows. */
  readonly #sized: Statement[] = [];

  /** `head`: `INSERT INTO t (a, b)`; `tail`: what follows the values (e.g. an upsert clause). */
  constructor(db: Db, head: string, columns: number, tail = '') {
    this.#db = db;
    this.#head = head;
    this.columns = columns;
    this.#tail = tail;
  }

  /** Write rows flattened value by value: full chunks with the 64-row statement, the rest with one sized to it. */
  write(rows: readonly unknown[]): void {
    const columns = this.columns;
    for (let at = 0; at < rows.length;) {
      const n = Math.min(ROWS_PER_INSERT, (rows.length - at) / columns);
      let insert = this.#sized[n];
      if (insert === undefined) {
        insert = this.#db.prepare(insertSql(this.#head, columns, n, this.#tail));
        this.#sized[n] = insert;
      }
      insert.run(at === 0 && n * columns === rows.length ? rows : rows.slice(at, at + n * columns));
      at += n * columns;
    }
  }
}
