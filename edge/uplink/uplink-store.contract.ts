/**
 * @module edge/uplink/uplink-store.contract
 * The shared contract suite every {@link UplinkStore} must pass (STYLE.md §5).
 */
import { test, expect } from 'vitest';
import type { EdgeBatch, UplinkItem } from '../../core/index.ts';
import type { UplinkStore } from './uplink-store.ts';

const T0 = Date.UTC(2026, 10, 26, 8, 0, 0);

/** An alarm item numbered `n`, handy as queue content. */
export function sampleItem(n: number): UplinkItem {
  return {
    type: 'alarm',
    alarmId: `a${n}`,
    state: 'raised',
    severity: 'info',
    sourceId: 'd1',
    code: 'test',
    message: `item ${n}`,
    at: T0 + n,
  };
}

function build(seq: number, items: UplinkItem[]): EdgeBatch {
  return { kind: 'edge.batch', id: `batch-${seq}-xxxx`, deviceId: 'edge1', seq, ts: T0, region: 'r1', items };
}

/** Run the contract against stores made by `create`; `reopen` (when durable) reopens the same store. */
export function runUplinkStoreContract(options: {
  readonly name: string;
  readonly create: () => UplinkStore;
  readonly reopen?: (store: UplinkStore) => UplinkStore;
}): void {
  const { name, create } = options;

  test(`${name}: seals pending items into batches in order with rising sequence numbers`, () => {
    const store = create();
    store.appendItems([1, 2, 3, 4, 5].map(sampleItem));
    expect(store.pendingItemCount()).toBe(5);
    const a = store.sealBatch(2, build);
    const b = store.sealBatch(10, build);
    expect(store.sealBatch(10, build)).toBeNull();
    expect(a?.seq).toBeLessThan(b?.seq ?? 0);
    const items = [a, b].flatMap((x) => (JSON.parse(x?.payload ?? '{}') as EdgeBatch).items);
    expect(items.map((i) => (i.type === 'alarm' ? i.alarmId : ''))).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(store.pendingItemCount()).toBe(0);
    store.close();
  });

  test(`${name}: keeps batches until deleted and lists them after a sequence number`, () => {
    const store = create();
    for (let i = 0; i < 4; i++) {
      store.appendItems([sampleItem(i)]);
      store.sealBatch(10, build);
    }
    const all = store.batchesAfter(0, 100);
    expect(all).toHaveLength(4);
    const [first, second] = all;
    expect(store.deleteBatch(second?.seq ?? -1)).toBe(true);
    expect(store.deleteBatch(second?.seq ?? -1)).toBe(false);
    expect(store.batchesAfter(first?.seq ?? 0, 100).map((b) => b.seq)).toEqual(
      all.slice(2).map((b) => b.seq),
    );
    expect(store.batchCount()).toBe(3);
    store.close();
  });

  test(`${name}: journals field messages and prunes them by receipt time`, () => {
    const store = create();
    store.journal('its/v1/r1/det/d1', Buffer.from('one'), T0);
    store.journal('its/v1/r1/det/d1', Buffer.from('two'), T0 + 1000);
    expect(store.journalEntries().map((e) => e.payload.toString())).toEqual(['one', 'two']);
    expect(store.pruneJournal(T0 + 500)).toBe(1);
    expect(store.journalEntries().map((e) => e.topic)).toEqual(['its/v1/r1/det/d1']);
    store.close();
  });

  const reopen = options.reopen;
  if (reopen !== undefined) {
    test(`${name}: everything survives reopening, and sequence numbers keep rising`, () => {
      const store = create();
      store.appendItems([sampleItem(1), sampleItem(2)]);
      const sealed = store.sealBatch(1, build);
      store.journal('t/x', Buffer.from('j'), T0);
      const again = reopen(store);
      expect(again.pendingItemCount()).toBe(1);
      expect(again.batchesAfter(0, 10)).toEqual([sealed]);
      again.deleteBatch(sealed?.seq ?? 0);
      const next = again.sealBatch(10, build);
      expect(next?.seq).toBeGreaterThan(sealed?.seq ?? Infinity);
      expect(again.journalEntries()).toHaveLength(1);
      again.close();
    });
  }
}
