/**
 * @module edge/adapters/sqlite/ledger-entry-reads
 * Reads of the `entry` table, expanding paired rows into their two entries (`ledger-entry-rows.ts`).
 * The store writes its buffered entries before calling them.
 */
import type { Database as Db } from 'better-sqlite3';
import type { LedgerEntry } from '../../ledger/index.ts';
import { entriesOf, type EntryRow } from './ledger-entry-rows.ts';
import type { LedgerStatements } from './ledger-statements.ts';

/** The entries of the messages `messageIds`, by entry number. */
export function messageEntries(statements: LedgerStatements, messageIds: readonly string[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  // Chunks well under SQLite's 32,766 bound parameters.
  for (let i = 0; i < messageIds.length; i += 500) {
    const chunk = messageIds.slice(i, i + 500);
    const rows = statements.entriesOfMessages(chunk.length).all(...chunk) as EntryRow[];
    for (const r of rows) entriesOf(r, out);
  }
  return out.sort((a, b) => a.entryNo - b.entryNo);
}

/** The entry with the highest number, or null in an empty ledger. */
export function lastEntry(db: Db): LedgerEntry | null {
  const row = db.prepare('SELECT * FROM entry ORDER BY entry_no DESC LIMIT 1').get() as EntryRow | undefined;
  if (row === undefined) return null;
  const out: LedgerEntry[] = [];
  entriesOf(row, out);
  return out[out.length - 1] ?? null;
}

/** The entries numbered `fromEntryNo` to `toEntryNo`, in order. */
export function* entriesBetween(db: Db, fromEntryNo: number, toEntryNo: number): Iterable<LedgerEntry> {
  const select = db.prepare('SELECT * FROM entry WHERE entry_no BETWEEN ? AND ? ORDER BY entry_no');
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

/**
 * Each account's total over entries `fromEntryNo` to `toEntryNo` (the second entries of paired rows
 * negated), settlements included only `withSettle`.
 */
export function accountTotals(
  db: Db,
  fromEntryNo: number,
  toEntryNo: number,
  withSettle: boolean,
): Map<string, number> {
  const rows = db
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
