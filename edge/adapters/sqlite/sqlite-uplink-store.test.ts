/**
 * @module edge/adapters/sqlite/sqlite-uplink-store.test
 * The SQLite uplink store passes the store contract, including reopening.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runUplinkStoreContract } from '../../uplink/uplink-store.contract.ts';
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
