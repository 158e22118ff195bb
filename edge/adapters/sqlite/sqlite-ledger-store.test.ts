/**
 * @module edge/adapters/sqlite/sqlite-ledger-store.test
 * The SQLite ledger store keeps the ledger store contract, survives reopening, and refuses edits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { VirtualClock } from '../../../core/clock/index.ts';
import { kst, seoulPolicy, tapOf, TEST_TOLL_NETWORK } from '../../../core/fares/index.ts';
import { Ledger } from '../../ledger/index.ts';
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
