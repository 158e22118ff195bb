/**
 * @module edge/adapters/sqlite/ledger-schema
 * The SQLite ledger file's schema, its version and the migration from the previous one.
 *
 * Schema 2 (this one) finds a holder's messages through *holder segments* instead of an index on the
 * holder text: each time the store starts writing a holder's messages it opens a segment (a new
 * integer, linked to the holder's previous segment), and messages carry their segment number. The
 * index `message (seg)` then receives keys near its end only (segments of recently active holders),
 * so a commit of 1,000 taps dirties a few dozen index pages instead of about one random page per tap
 * across the whole day's holders (schema 1's `message (holder)` index: measured as the largest part of
 * the commit). Messages are keyed by their arrival number (the table's rowid, appended in order); the
 * id keeps a UNIQUE index, near-append because ids are UUIDv7 (time-ordered). A double-entry pair of
 * entries is one `entry` row (`account2`, see `ledger-entry-rows.ts`).
 *
 * Schema 1 files (no `schema` key in `meta`, a `message.holder` column) are migrated in place in one
 * transaction on the first read-write open; a file of a newer schema is refused.
 */
import type { Database as Db } from 'better-sqlite3';
import { FileFormatError } from '../../../core/errors/index.ts';

/** The schema version this program writes. */
export const LEDGER_SCHEMA_VERSION = 2;

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS message (
  arrival INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, seg INTEGER NOT NULL, kind TEXT NOT NULL,
  device_id TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS segment (seg INTEGER PRIMARY KEY, holder TEXT NOT NULL, prev_seg INTEGER);
CREATE TABLE IF NOT EXISTS holder (holder TEXT PRIMARY KEY, last_seg INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entry (
  entry_no INTEGER PRIMARY KEY, txn_no INTEGER NOT NULL, entry_kind TEXT NOT NULL, message_id TEXT,
  version INTEGER NOT NULL, account TEXT NOT NULL, amount_krw INTEGER NOT NULL, account2 TEXT,
  journey_id TEXT, day TEXT, leg_no INTEGER, operator_id TEXT, mode TEXT, route_id TEXT,
  leg_base_krw INTEGER, leg_m INTEGER, reason TEXT, posted_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS batch (
  batch_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, from_entry_no INTEGER NOT NULL,
  to_entry_no INTEGER NOT NULL, created_ms INTEGER NOT NULL, acked_ms INTEGER);
CREATE INDEX IF NOT EXISTS message_seg ON message (seg);
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

/** Schema 1's message table becomes schema 2's: one segment per holder, same arrival order. */
const FROM_1 = `
DROP TRIGGER message_append_only_u;
DROP TRIGGER message_append_only_d;
ALTER TABLE message RENAME TO message_v1;
DROP INDEX message_holder;
${TABLES}
INSERT INTO segment (seg, holder, prev_seg)
  SELECT ROW_NUMBER() OVER (ORDER BY holder), holder, NULL FROM (SELECT DISTINCT holder FROM message_v1);
INSERT INTO holder (holder, last_seg) SELECT holder, seg FROM segment;
INSERT INTO message (arrival, id, seg, kind, device_id, seq, ts, body)
  SELECT m.arrival, m.id, h.last_seg, m.kind, m.device_id, m.seq, m.ts, m.body
  FROM message_v1 m JOIN holder h ON h.holder = m.holder ORDER BY m.arrival;
DROP TABLE message_v1;
ALTER TABLE entry ADD COLUMN account2 TEXT;
`;

/** The schema version of an open ledger file: 0 when empty, 1 for the first schema. */
export function ledgerSchemaVersion(db: Db): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (hasMeta !== undefined) {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
      { value: string } | undefined;
    if (row !== undefined) return Number(row.value);
  }
  const hasMessage = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'message'")
    .get();
  return hasMessage === undefined ? 0 : 1;
}

/**
 * Create the schema in an empty file, migrate a schema 1 file (one transaction: all or nothing), or
 * refuse a file this program cannot read.
 */
export function prepareLedgerSchema(db: Db, file: string): void {
  const version = ledgerSchemaVersion(db);
  if (version === LEDGER_SCHEMA_VERSION) return;
  if (version > LEDGER_SCHEMA_VERSION || !Number.isInteger(version))
    throw new FileFormatError(
      file,
      null,
      `ledger schema ${version} is newer than this program's (${LEDGER_SCHEMA_VERSION}); open it with a newer its`,
    );
  db.transaction(() => {
    db.exec(version === 0 ? TABLES : FROM_1);
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(
      String(LEDGER_SCHEMA_VERSION),
    );
  })();
}

/** Refuse a file a read-only store cannot read (it cannot migrate it). */
export function checkReadableLedgerSchema(db: Db, file: string): void {
  const version = ledgerSchemaVersion(db);
  if (version !== LEDGER_SCHEMA_VERSION)
    throw new FileFormatError(
      file,
      null,
      version < LEDGER_SCHEMA_VERSION
        ? `ledger schema ${version} must be migrated to ${LEDGER_SCHEMA_VERSION} first: open it once read-write (e.g. start its edge on it)`
        : `ledger schema ${version} is newer than this program's (${LEDGER_SCHEMA_VERSION}); open it with a newer its`,
    );
}
