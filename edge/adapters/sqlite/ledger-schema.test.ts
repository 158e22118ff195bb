/**
 * @module edge/adapters/sqlite/ledger-schema.test
 * A ledger file of the first schema is migrated on its first read-write open (same messages, entries,
 * holders and balances; nothing posted again), a read-only open of it is refused until then, and a
 * file of a newer schema is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { VirtualClock } from '../../../core/clock/index.ts';
import { kst, seoulPolicy, TEST_TOLL_NETWORK } from '../../../core/fares/index.ts';
import { FileFormatError } from '../../../core/errors/index.ts';
import type { LedgerEntry, LedgerOptions } from '../../ledger/index.ts';
import { Ledger, MemoryLedgerStore, syntheticDay } from '../../ledger/index.ts';
import { LEDGER_SCHEMA_VERSION } from './ledger-schema.ts';
import { SqliteLedgerStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledger-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first schema, as `SqliteLedgerStore` created it before holder segments. */
const SCHEMA_1 = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE message (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
  ts INTEGER NOT NULL, holder TEXT NOT NULL, body TEXT NOT NULL, arrival INTEGER NOT NULL);
CREATE TABLE entry (
  entry_no INTEGER PRIMARY KEY, txn_no INTEGER NOT NULL, entry_kind TEXT NOT NULL, message_id TEXT,
  version INTEGER NOT NULL, account TEXT NOT NULL, amount_krw INTEGER NOT NULL,
  journey_id TEXT, day TEXT, leg_no INTEGER, operator_id TEXT, mode TEXT, route_id TEXT,
  leg_base_krw INTEGER, leg_m INTEGER, reason TEXT, posted_ms INTEGER NOT NULL);
CREATE TABLE batch (
  batch_id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, from_entry_no INTEGER NOT NULL,
  to_entry_no INTEGER NOT NULL, created_ms INTEGER NOT NULL, acked_ms INTEGER);
CREATE INDEX message_holder ON message (holder);
CREATE INDEX batch_pending ON batch (acked_ms, seq);
CREATE INDEX entry_message ON entry (message_id);
CREATE TRIGGER entry_append_only_u BEFORE UPDATE ON entry
  BEGIN SELECT RAISE(ABORT, 'ledger entries are never edited; post a correction'); END;
CREATE TRIGGER entry_append_only_d BEFORE DELETE ON entry
  BEGIN SELECT RAISE(ABORT, 'ledger entries are never deleted; post a correction'); END;
CREATE TRIGGER message_append_only_u BEFORE UPDATE ON message
  BEGIN SELECT RAISE(ABORT, 'recorded messages are never edited'); END;
CREATE TRIGGER message_append_only_d BEFORE DELETE ON message
  BEGIN SELECT RAISE(ABORT, 'recorded messages are never deleted'); END;
`;

const options: LedgerOptions = {
  policy: seoulPolicy(),
  tollNetwork: TEST_TOLL_NETWORK,
  clock: new VirtualClock(0),
  edgeId: 'edge-1',
  region: 'gn',
  ledgerId: 'ledger-v1',
};

const day = syntheticDay({ seed: 5, riders: 60, tollPasses: 0, dayStartMs: kst('2026-03-10T00:00') });
const [early, late] = [day.taps.slice(0, 150), day.taps.slice(150)];

/** A schema 1 file holding what a ledger recorded from `early` (one row per entry, as schema 1 did). */
function schema1File(name: string): { file: string; reference: Ledger; store: MemoryLedgerStore } {
  const store = new MemoryLedgerStore();
  const reference = Ledger.open(store, options);
  reference.ingest(early);
  const file = join(dir, name);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA_1);
  const insertMessage = db.prepare(
    'INSERT INTO message (id, kind, device_id, seq, ts, holder, body, arrival) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEntry = db.prepare(
    `INSERT INTO entry (entry_no, txn_no, entry_kind, message_id, version, account, amount_krw, journey_id, day,
     leg_no, operator_id, mode, route_id, leg_base_krw, leg_m, reason, posted_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare("INSERT INTO meta (key, value) VALUES ('ledgerId', ?)").run(reference.ledgerId);
    let arrival = 0;
    for (const m of store.messages())
      insertMessage.run(m.id, m.kind, m.deviceId, m.seq, m.ts, m.holder, m.body, ++arrival);
    for (const e of store.entries()) {
      const l = e.leg;
      insertEntry.run(
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
  })();
  db.close();
  return { file, reference, store };
}

test('a schema 1 ledger is migrated on open: same messages, entries and holders, nothing posted again', () => {
  const { file, reference, store: memory } = schema1File('v1.sqlite');
  const store = new SqliteLedgerStore(file);
  expect([...store.messages()]).toEqual([...memory.messages()]);
  expect([...store.entries()]).toEqual([...memory.entries()]);
  const holders = memory.holders(null, 1000);
  expect(store.holders(null, 1000)).toEqual(holders);
  for (const holder of holders) expect(store.holderMessages(holder)).toEqual(memory.holderMessages(holder));
  const migrated = Ledger.open(store, options);
  expect(migrated.ledgerId).toBe('ledger-v1');
  expect(migrated.lastEntryNo).toBe(reference.lastEntryNo);
  expect(migrated.balances()).toEqual(reference.balances());
  expect(migrated.ingest(early)).toMatchObject({ recorded: 0, duplicates: early.length });
  // Later taps rate exactly as they would have on the old file.
  const ours = migrated.ingest(late);
  const theirs = reference.ingest(late);
  expect(ours).toEqual(theirs);
  expect(migrated.chargedByMessage()).toEqual(reference.chargedByMessage());
  expect([...store.entries()]).toEqual([...memory.entries()] satisfies LedgerEntry[]);
  migrated.close();
  const db = new Database(file);
  expect(db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get()).toBe(
    String(LEDGER_SCHEMA_VERSION),
  );
  // The append-only triggers came along to the new message table.
  expect(() => db.prepare('DELETE FROM message').run()).toThrow(/never deleted/);
  expect(() => db.prepare('UPDATE entry SET amount_krw = 0').run()).toThrow(/never edited/);
  db.close();
});

test('a read-only open of a schema 1 ledger is refused until it is migrated', () => {
  const { file } = schema1File('v1-readonly.sqlite');
  expect(() => new SqliteLedgerStore(file, { readonly: true })).toThrow(FileFormatError);
  expect(() => new SqliteLedgerStore(file, { readonly: true })).toThrow(/schema 1 must be migrated to 2/);
  new SqliteLedgerStore(file).close();
  const store = new SqliteLedgerStore(file, { readonly: true });
  expect(store.ledgerId()).toBe('ledger-v1');
  store.close();
});

test('a ledger of a newer schema is refused, not touched', () => {
  const file = join(dir, 'future.sqlite');
  new SqliteLedgerStore(file).close();
  const db = new Database(file);
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run(String(LEDGER_SCHEMA_VERSION + 1));
  db.close();
  expect(() => new SqliteLedgerStore(file)).toThrow(/ledger schema 3 is newer than this program's \(2\)/);
});
