/**
 * @module center/adapters/sqlite/sqlite-clearing-store.test
 * The SQLite clearing store keeps the clearing store contract, also across a reopen of its file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runClearingStoreContract } from '../../clearing/clearing-store-contract.ts';
import { SqliteClearingStore } from './sqlite-clearing-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'clearing-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runClearingStoreContract('SqliteClearingStore', {
  create: () => new SqliteClearingStore(join(dir, `clearing-${n++}.sqlite`)),
  reopen: (store) => {
    const file = (store as SqliteClearingStore).file;
    store.close();
    return new SqliteClearingStore(file);
  },
});
