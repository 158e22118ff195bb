/**
 * @module edge/adapters/sqlite/sqlite-uplink-store.test
 * The SQLite uplink store passes the store contract, including reopening.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runUplinkStoreContract, sampleItem } from '../../uplink/uplink-store.contract.ts';
import type { UplinkStore } from '../../uplink/index.ts';
import { SqliteUplinkStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'edge-uplink-'));
let n = 0;

runUplinkStoreContract({
  name: 'sqlite store',
  create: () => new SqliteUplinkStore(join(dir, `store-${n++}.db`)),
  reopen: (store: UplinkStore) => {
    const path = (store as SqliteUplinkStore).path;
    store.close();
    return new SqliteUplinkStore(path);
  },
});

test('a new store starts its batch sequence afresh; a reopened one that sealed a batch continues it', () => {
  const path = join(dir, 'afresh.db');
  const store = new SqliteUplinkStore(path);
  expect(store.sequenceStartsAfresh).toBe(true);
  store.appendItems([sampleItem(1)]);
  const sealed = store.sealBatch(10, (seq, items) => ({
    kind: 'edge.batch',
    id: `0190f3a2-7c1e-7abc-8def-${String(seq).padStart(12, '0')}`,
    deviceId: 'edge1',
    seq,
    ts: Date.UTC(2026, 10, 27),
    region: 'r1',
    items,
  }));
  store.deleteBatch(sealed?.seq ?? 0);
  store.close();
  const again = new SqliteUplinkStore(path);
  expect(again.sequenceStartsAfresh).toBe(false);
  again.close();
});
