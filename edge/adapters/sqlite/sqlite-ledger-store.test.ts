/**
 * @module edge/adapters/sqlite/sqlite-ledger-store.test
 * The SQLite ledger store keeps the ledger store contract, survives reopening, refuses edits, reads
 * holders back through chains of segments, and drops everything a failed transaction appended.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { VirtualClock } from '../../../core/clock/index.ts';
import { kst, seoulPolicy, tapOf, TEST_TOLL_NETWORK } from '../../../core/fares/index.ts';
import type { StoredMessage } from '../../ledger/index.ts';
import {
  Ledger,
  MemoryLedgerStore,
  SYNTHETIC_TOLL_NETWORK,
  syntheticDay,
  uploadSchedule,
} from '../../ledger/index.ts';
import { runLedgerStoreContract } from '../../ledger/store-contract.ts';
import { SqliteLedgerStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledger-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runLedgerStoreContract('SqliteLedgerStore', {
  create: () => new SqliteLedgerStore(join(dir, `contract-${++n}.sqlite`)),
  reopen: (store) => {
    store.close();
    return new SqliteLedgerStore((store as SqliteLedgerStore).file);
  },
});

test('uses WAL with synchronous FULL', () => {
  const file = join(dir, 'pragmas.sqlite');
  new SqliteLedgerStore(file).close();
  const db = new Database(file);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
});

test('refuses to edit or delete an entry', () => {
  const file = join(dir, 'append-only.sqlite');
  const store = new SqliteLedgerStore(file);
  store.atomically(() =>
    store.appendEntry({
      entryNo: 1,
      txnNo: 1,
      entryKind: 'settle',
      messageId: null,
      version: 0,
      account: 'clearing:center',
      amountKrw: 100,
      leg: null,
      postedMs: 1,
    }),
  );
  store.close();
  const db = new Database(file);
  expect(() => db.prepare('UPDATE entry SET amount_krw = 0').run()).toThrow(/never edited/);
  expect(() => db.prepare('DELETE FROM entry').run()).toThrow(/never deleted/);
  db.close();
});

test('a reopened ledger has the same balances, posts nothing new and still knows every id', () => {
  const file = join(dir, 'reopen.sqlite');
  const options = {
    policy: seoulPolicy(),
    tollNetwork: TEST_TOLL_NETWORK,
    clock: new VirtualClock(0),
    edgeId: 'edge-1',
    region: 'gn',
  };
  const t0 = kst('2026-03-10T08:00');
  const taps = [
    tapOf({ tap: 'in', ts: t0, odometerKm: 0 }),
    tapOf({ tap: 'out', ts: t0 + 600_000, odometerKm: 15 }),
  ];
  const first = Ledger.open(new SqliteLedgerStore(file), options);
  first.ingest([taps[1] ?? taps[0]!]);
  first.ingest(taps);
  const balances = first.balances();
  const lastEntryNo = first.lastEntryNo;
  first.close();
  const again = Ledger.open(new SqliteLedgerStore(file), options);
  expect(again.ledgerId).toBe(first.ledgerId);
  expect(again.lastEntryNo).toBe(lastEntryNo);
  expect(again.balances()).toEqual(balances);
  expect(again.ingest(taps)).toMatchObject({ recorded: 0, duplicates: 2 });
  again.close();
});

test('holders written across many segments read back whole: the same money as a ledger in memory', () => {
  const day = syntheticDay({ seed: 3, riders: 300, tollPasses: 80, dayStartMs: kst('2026-03-10T00:00') });
  const arrivals = uploadSchedule([...day.taps, ...day.passes], {
    seed: 4,
    duplicateShare: 0.05,
    lateDeviceShare: 0.2,
    reorderWindow: 100,
  });
  const options = {
    policy: seoulPolicy(),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock: new VirtualClock(0),
    edgeId: 'edge-1',
    region: 'gn',
    ledgerId: 'ledger-a',
  };
  const memory = Ledger.open(new MemoryLedgerStore(), options);
  // Two open segments and ten cached holders: holders are read back through chains of segments.
  const file = join(dir, 'segments.sqlite');
  const sqlite = Ledger.open(new SqliteLedgerStore(file, { maxOpenSegments: 2 }), {
    ...options,
    maxCachedHolders: 10,
  });
  for (let i = 0; i < arrivals.length; i += 40) {
    expect(sqlite.ingest(arrivals.slice(i, i + 40))).toEqual(memory.ingest(arrivals.slice(i, i + 40)));
  }
  expect(sqlite.counters.holdersReloaded).toBeGreaterThan(0);
  expect(sqlite.chargedByMessage()).toEqual(memory.chargedByMessage());
  expect(sqlite.balances()).toEqual(memory.balances());
  sqlite.close();
  const db = new Database(file, { readonly: true });
  expect(db.prepare('SELECT COUNT(*) FROM segment WHERE prev_seg IS NOT NULL').pluck().get()).toBeGreaterThan(
    0,
  );
  db.close();
});

test('a failed transaction leaves nothing behind, buffered rows and opened segments included', () => {
  const store = new SqliteLedgerStore(join(dir, 'rollback.sqlite'));
  const message = (id: string, holder: string): StoredMessage => ({
    id,
    kind: 'tap',
    deviceId: 'reader-1',
    seq: 1,
    ts: 1,
    holder,
    body: '{}',
  });
  store.atomically(() => store.appendMessage(message('m-1', 'card:a')));
  expect(() =>
    store.atomically(() => {
      store.appendMessage(message('m-2', 'card:b'));
      store.appendMessage(message('m-3', 'card:a'));
      throw new Error('power cut');
    }),
  ).toThrow('power cut');
  expect(store.hasMessage('m-2')).toBe(false);
  expect(store.holders(null, 10)).toEqual(['card:a']);
  store.atomically(() => store.appendMessage(message('m-4', 'card:b')));
  expect(store.holderMessages('card:b').map((m) => m.id)).toEqual(['m-4']);
  expect([...store.messages()].map((m) => m.id)).toEqual(['m-1', 'm-4']);
  store.close();
});
