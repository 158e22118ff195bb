/**
 * @module edge/adapters/sqlite/ledger-statements
 * The SQL statements of the ledger store, each prepared on first use and kept (preparing one costs
 * more than running it; a read-only store never prepares the writers): the multi-row inserts of the
 * appended tables, statements by their SQL, and the `IN (?, ...)` reads by number of ids.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { MultiRowInsert } from './multi-row-insert.ts';

export const MESSAGE_COLUMNS = 8;
export const ENTRY_COLUMNS = 18;
const SEGMENT_COLUMNS = 3;
const HOLDER_COLUMNS = 2;

const INSERT_MESSAGE = 'INSERT INTO message (arrival, id, seg, kind, device_id, seq, ts, body)';
const INSERT_ENTRY = `INSERT INTO entry (entry_no, txn_no, entry_kind, message_id, version, account, amount_krw,
  account2, journey_id, day, leg_no, operator_id, mode, route_id, leg_base_krw, leg_m, reason, posted_ms)`;
const INSERT_SEGMENT = 'INSERT INTO segment (seg, holder, prev_seg)';
const INSERT_HOLDER = 'INSERT INTO holder (holder, last_seg)';
/** Rows are applied in order, so a holder opened twice in one statement keeps its later segment. */
const UPSERT_HOLDER = ' ON CONFLICT (holder) DO UPDATE SET last_seg = excluded.last_seg';

/** The columns of a `StoredMessage`, from `message m JOIN segment s`. */
export const MESSAGE_FIELDS = 'm.id, m.kind, m.device_id AS deviceId, m.seq, m.ts, s.holder, m.body';

/** The multi-row inserts of the tables a ledger appends to. */
export type LedgerInserts = {
  readonly message: MultiRowInsert;
  readonly entry: MultiRowInsert;
  readonly segment: MultiRowInsert;
  readonly holder: MultiRowInsert;
};

/** `?, ?, ...` for `n` parameters. */
const params = (n: number): string => new Array<string>(n).fill('?').join(',');

/** The prepared statements of one ledger file. */
export class LedgerStatements {
  readonly #db: Db;
  /** Statements prepared on first use, by their SQL. */
  readonly #bySql = new Map<string, Statement>();
  /** Multi-row inserts of the appended tables (prepared on first use). */
  #inserts: LedgerInserts | null = null;
  /** `entriesOfMessages` statements by number of ids. */
  readonly #entriesOfMessages = new Map<number, Statement>();
  /** `idsAmong` statements by number of ids. */
  readonly #idsAmong = new Map<number, Statement>();

  constructor(db: Db) {
    this.#db = db;
  }

  /** The statement of `sql`, prepared on first use. */
  get(sql: string): Statement {
    let statement = this.#bySql.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#bySql.set(sql, statement);
    }
    return statement;
  }

  /** The multi-row inserts, prepared on first use. */
  inserts(): LedgerInserts {
    this.#inserts ??= {
      message: new MultiRowInsert(this.#db, INSERT_MESSAGE, MESSAGE_COLUMNS),
      entry: new MultiRowInsert(this.#db, INSERT_ENTRY, ENTRY_COLUMNS),
      segment: new MultiRowInsert(this.#db, INSERT_SEGMENT, SEGMENT_COLUMNS),
      holder: new MultiRowInsert(this.#db, INSERT_HOLDER, HOLDER_COLUMNS, UPSERT_HOLDER),
    };
    return this.#inserts;
  }

  /** The ids among `n` ids that the `message` table holds (plucked). */
  idsAmong(n: number): Statement {
    let select = this.#idsAmong.get(n);
    if (select === undefined) {
      select = this.#db.prepare(`SELECT id FROM message WHERE id IN (${params(n)})`).pluck();
      this.#idsAmong.set(n, select);
    }
    return select;
  }

  /** The `entry` rows of `n` message ids. */
  entriesOfMessages(n: number): Statement {
    let select = this.#entriesOfMessages.get(n);
    if (select === undefined) {
      select = this.#db.prepare(`SELECT * FROM entry WHERE message_id IN (${params(n)})`);
      this.#entriesOfMessages.set(n, select);
    }
    return select;
  }
}
