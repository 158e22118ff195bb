/**
 * @module edge/adapters/sqlite/ledger-message-reads
 * Reads of the `message`, `segment` and `holder` tables. The store writes what its buffer holds of
 * the messages asked about before calling them.
 */
import type { Database as Db } from 'better-sqlite3';
import type { StoredMessage } from '../../ledger/index.ts';
import { MESSAGE_FIELDS, type LedgerStatements } from './ledger-statements.ts';

/** Every message, by arrival. */
export function allMessages(db: Db): Iterable<StoredMessage> {
  return db
    .prepare(`SELECT ${MESSAGE_FIELDS} FROM message m JOIN segment s ON s.seg = m.seg ORDER BY m.arrival`)
    .iterate() as Iterable<StoredMessage>;
}

/** Adds to `out` those of `ids` the `message` table holds. */
export function recordedIds(statements: LedgerStatements, ids: readonly string[], out: Set<string>): void {
  // Chunks well under SQLite's 32,766 bound parameters; one index probe each, one call per chunk.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.length <= 500 ? ids : ids.slice(i, i + 500);
    for (const id of statements.idsAmong(chunk.length).all(chunk) as string[]) out.add(id);
  }
}

/** The holder's last segment, or undefined for a holder without messages. */
export function lastSegmentOf(statements: LedgerStatements, holder: string): number | undefined {
  return statements.get('SELECT last_seg FROM holder WHERE holder = ?').pluck().get(holder) as
    number | undefined;
}

/** The messages of segment `last` and of every earlier segment it links to, by arrival. */
export function segmentChainMessages(
  statements: LedgerStatements,
  holder: string,
  last: number,
): StoredMessage[] {
  return statements
    .get(
      `WITH RECURSIVE chain (seg) AS (
         SELECT ? UNION ALL SELECT s.prev_seg FROM segment s JOIN chain c ON s.seg = c.seg WHERE s.prev_seg IS NOT NULL)
       SELECT m.id, m.kind, m.device_id AS deviceId, m.seq, m.ts, ? AS holder, m.body
       FROM message m WHERE m.seg IN chain ORDER BY m.arrival`,
    )
    .all(last, holder) as StoredMessage[];
}

/** Holders after `after` (all from the first when null), in order, at most `limit`. */
export function holdersAfter(statements: LedgerStatements, after: string | null, limit: number): string[] {
  return statements
    .get('SELECT holder FROM holder WHERE holder > ? ORDER BY holder LIMIT ?')
    .pluck()
    .all(after ?? '', limit) as string[];
}

/** Each message's device and sequence number, by arrival. */
export function deviceSeqs(db: Db): Iterable<{ readonly deviceId: string; readonly seq: number }> {
  return db.prepare('SELECT device_id AS deviceId, seq FROM message ORDER BY arrival').iterate() as Iterable<{
    deviceId: string;
    seq: number;
  }>;
}
