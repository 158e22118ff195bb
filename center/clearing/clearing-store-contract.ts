/**
 * @module center/clearing/clearing-store-contract
 * The one contract suite every {@link ClearingStore} must pass (STYLE.md §5).
 */
import { describe, expect, test } from 'vitest';
import type { SettlementEntry } from '../../core/messages/index.ts';
import type { ClearingBatchRecord, ClearingStore } from './clearing-store.ts';

/** How the suite makes stores: a fresh one, and (optionally) the same storage opened again. */
export type ClearingStoreFactory = {
  readonly create: () => ClearingStore;
  readonly reopen?: (store: ClearingStore) => ClearingStore;
};

const entry = (entryNo: number, amountKrw: number): SettlementEntry => ({
  entryNo,
  txnNo: Math.ceil(entryNo / 2),
  entryKind: 'post',
  messageId: `m-${Math.ceil(entryNo / 2)}`,
  version: 1,
  account: entryNo % 2 === 1 ? 'card:0001' : 'operator:metro',
  amountKrw,
  leg: {
    journeyId: `m-${Math.ceil(entryNo / 2)}`,
    day: '2026-03-10',
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

const batch = (ledgerId: string, seq: number, entries: SettlementEntry[]): ClearingBatchRecord => ({
  batchId: `${ledgerId}:${seq}`,
  ledgerId,
  edgeId: 'edge-1',
  region: 'gn',
  seq,
  receivedMs: 5,
  entries,
});

/** Run the contract suite against one implementation. */
export function runClearingStoreContract(name: string, factory: ClearingStoreFactory): void {
  describe(`${name} keeps the clearing store contract`, () => {
    test('records batches once and replays each ledger in entry order', () => {
      let store = factory.create();
      store.recordBatch(batch('L2', 1, [entry(1, 1550), entry(2, -1550)]));
      store.recordBatch(batch('L1', 1, [entry(1, 100), entry(2, -100)]));
      store.recordBatch(batch('L1', 2, [entry(3, 200), entry(4, -200)]));
      expect(() => store.recordBatch(batch('L1', 2, []))).toThrow();
      if (factory.reopen !== undefined) store = factory.reopen(store);
      expect(store.hasBatch('L1:2')).toBe(true);
      expect(store.hasBatch('L1:3')).toBe(false);
      expect(store.batchCount()).toBe(3);
      expect(store.lastEntryNos()).toEqual(
        new Map([
          ['L1', 4],
          ['L2', 2],
        ]),
      );
      const ledgers = [...store.ledgers()].map((l) => ({ ledgerId: l.ledgerId, entries: [...l.entries] }));
      expect(ledgers).toEqual([
        { ledgerId: 'L1', entries: [entry(1, 100), entry(2, -100), entry(3, 200), entry(4, -200)] },
        { ledgerId: 'L2', entries: [entry(1, 1550), entry(2, -1550)] },
      ]);
      store.close();
    });

    test('a batch whose entries go backwards is refused whole', () => {
      const store = factory.create();
      store.recordBatch(batch('L1', 1, [entry(1, 100), entry(2, -100)]));
      expect(() => store.recordBatch(batch('L1', 2, [entry(3, 5), entry(2, -5)]))).toThrow();
      expect(store.hasBatch('L1:2')).toBe(false);
      expect(store.lastEntryNos().get('L1')).toBe(2);
      store.close();
    });
  });
}
