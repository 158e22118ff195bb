/**
 * @module edge/ledger/store-contract
 * The one contract suite every {@link LedgerStore} must pass (STYLE.md §5), run by each
 * implementation's test file with its own factory.
 */
import { describe, expect, test } from 'vitest';
import type { LedgerEntry, LedgerStore, StoredMessage } from './store.ts';

/** How the suite makes stores: a fresh one, and (optionally) the same storage opened again. */
export type LedgerStoreFactory = {
  readonly create: () => LedgerStore;
  readonly reopen?: (store: LedgerStore) => LedgerStore;
};

const message = (id: string, seq: number): StoredMessage => ({
  id,
  kind: 'tap',
  deviceId: 'reader-1',
  seq,
  ts: 1_800_000_000_000 + seq,
  holder: 'card:0001',
  body: JSON.stringify({ id }),
});

const entry = (entryNo: number, amountKrw: number): LedgerEntry => ({
  entryNo,
  txnNo: Math.ceil(entryNo / 2),
  entryKind: 'post',
  messageId: 'm-0000001',
  version: 1,
  account: entryNo % 2 === 1 ? 'card:0001' : 'operator:metro',
  amountKrw,
  leg: {
    journeyId: 'm-0000001',
    day: '2026-11-26',
    legNo: 1,
    operatorId: 'metro',
    mode: 'subway',
    routeId: null,
    legBaseKrw: 1550,
    legM: 15_000,
    reason: 'base',
  },
  postedMs: 1_800_000_000_000,
});

/** Run the contract suite against one implementation. */
export function runLedgerStoreContract(name: string, factory: LedgerStoreFactory): void {
  describe(`${name} keeps the ledger store contract`, () => {
    test('replays messages and entries in the order appended', () => {
      const store = factory.create();
      store.atomically(() => {
        store.appendMessage(message('m-0000001', 1));
        store.appendMessage(message('m-0000002', 2));
        store.appendEntry(entry(1, 1550));
        store.appendEntry(entry(2, -1550));
      });
      expect([...store.messages()].map((m) => m.id)).toEqual(['m-0000001', 'm-0000002']);
      expect([...store.entries()]).toEqual([entry(1, 1550), entry(2, -1550)]);
      expect([...store.entries(2, 2)]).toEqual([entry(2, -1550)]);
      expect([...store.entries(1, 1)]).toEqual([entry(1, 1550)]);
      expect(store.lastEntry()).toEqual(entry(2, -1550));
      store.close();
    });

    test('sums accounts over a range, with or without settlement entries', () => {
      const store = factory.create();
      const settle: LedgerEntry = {
        ...entry(3, -1550),
        txnNo: 9,
        entryKind: 'settle',
        messageId: null,
        version: 0,
        leg: null,
      };
      store.atomically(() => {
        store.appendEntry(entry(1, 1550));
        store.appendEntry(entry(2, -1550));
        store.appendEntry({ ...settle, account: 'operator:metro', amountKrw: 1550 });
        store.appendEntry({ ...settle, entryNo: 4, account: 'clearing:center' });
      });
      expect(store.accountTotals(1, 4, true)).toEqual(
        new Map([
          ['card:0001', 1550],
          ['clearing:center', -1550],
          ['operator:metro', 0],
        ]),
      );
      expect(store.accountTotals(2, 4, false)).toEqual(new Map([['operator:metro', -1550]]));
      store.close();
    });

    test('refuses a message id twice', () => {
      const store = factory.create();
      store.atomically(() => store.appendMessage(message('m-0000001', 1)));
      expect(() => store.atomically(() => store.appendMessage(message('m-0000001', 1)))).toThrow();
      expect([...store.messages()]).toHaveLength(1);
      store.close();
    });

    test('counts appends of the running transaction among recorded ids', () => {
      const store = factory.create();
      store.atomically(() => store.appendMessage(message('m-0000001', 1)));
      store.atomically(() => {
        store.appendMessage(message('m-0000002', 2));
        expect(store.recordedAmong(['m-0000001', 'm-0000002', 'm-0000003'])).toEqual(
          new Set(['m-0000001', 'm-0000002']),
        );
      });
      expect(store.recordedAmong([])).toEqual(new Set());
      store.close();
    });

    test('a transaction that throws leaves nothing behind', () => {
      const store = factory.create();
      expect(() =>
        store.atomically(() => {
          store.appendMessage(message('m-0000001', 1));
          store.appendEntry(entry(1, 1550));
          throw new Error('power cut');
        }),
      ).toThrow('power cut');
      expect([...store.messages()]).toEqual([]);
      expect([...store.entries()]).toEqual([]);
      store.close();
    });

    test('keeps batches by sequence and marks an acknowledgement once', () => {
      const store = factory.create();
      const b = { batchId: 'L:00000001', seq: 1, fromEntryNo: 1, toEntryNo: 2, createdMs: 5, ackedMs: null };
      store.atomically(() => store.appendBatch(b));
      store.atomically(() => store.markBatchAcked('L:00000001', 7));
      store.atomically(() => store.markBatchAcked('L:00000001', 9));
      expect(store.batches()).toEqual([{ ...b, ackedMs: 7 }]);
      const b2 = { ...b, batchId: 'L:00000002', seq: 2, fromEntryNo: 3, toEntryNo: 4 };
      const b3 = { ...b, batchId: 'L:00000003', seq: 3, fromEntryNo: 5, toEntryNo: 6 };
      store.atomically(() => {
        store.appendBatch(b2);
        store.appendBatch(b3);
      });
      expect(store.batch('L:00000002')).toEqual(b2);
      expect(store.batch('L:00000009')).toBeNull();
      expect(store.lastBatch()).toEqual(b3);
      expect(store.oldestPendingBatch()).toEqual(b2);
      expect(store.pendingBatchCount()).toBe(2);
      store.close();
    });

    test('reads a holder back: its messages, their entries, ids and device sequence numbers', () => {
      const store = factory.create();
      const other = { ...message('m-0000003', 3), holder: 'card:0002' };
      store.atomically(() => {
        store.appendMessage(message('m-0000001', 1));
        store.appendMessage(other);
        store.appendMessage(message('m-0000002', 2));
        store.appendEntry(entry(1, 1550));
        store.appendEntry(entry(2, -1550));
        store.appendEntry({ ...entry(3, 100), messageId: 'm-0000003' });
      });
      expect(store.hasMessage('m-0000002')).toBe(true);
      expect(store.hasMessage('m-0000009')).toBe(false);
      expect(store.recordedAmong(['m-0000009', 'm-0000003', 'm-0000001'])).toEqual(
        new Set(['m-0000003', 'm-0000001']),
      );
      expect(store.messageCount()).toBe(3);
      expect(store.holderMessages('card:0001').map((m) => m.id)).toEqual(['m-0000001', 'm-0000002']);
      expect(store.holders(null, 10)).toEqual(['card:0001', 'card:0002']);
      expect(store.holders('card:0001', 10)).toEqual(['card:0002']);
      expect(store.holders(null, 1)).toEqual(['card:0001']);
      expect(store.messageEntries(['m-0000001']).map((e) => e.entryNo)).toEqual([1, 2]);
      expect(store.lastEntry()?.entryNo).toBe(3);
      expect([...store.deviceSeqs()].map((d) => d.seq)).toEqual([1, 3, 2]);
      store.close();
    });

    test('remembers its ledger id', () => {
      let store = factory.create();
      expect(store.ledgerId()).toBeNull();
      store.atomically(() => store.setLedgerId('ledger-a'));
      expect(store.ledgerId()).toBe('ledger-a');
      if (factory.reopen !== undefined) {
        store.atomically(() => store.appendEntry(entry(1, 1550)));
        store = factory.reopen(store);
        expect(store.ledgerId()).toBe('ledger-a');
        expect([...store.entries()]).toEqual([entry(1, 1550)]);
      }
      store.close();
    });
  });
}
