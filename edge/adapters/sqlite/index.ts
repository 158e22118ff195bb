/**
 * @module edge/adapters/sqlite
 * SQLite (better-sqlite3) implementations of edge storage ports: the fare and toll ledger store, and
 * the durable uplink queue with its inbox journal.
 */
export { SqliteLedgerStore } from './sqlite-ledger-store.ts';
export type { SqliteLedgerStoreOptions } from './sqlite-ledger-store.ts';
export { SqliteUplinkStore } from './sqlite-uplink-store.ts';
