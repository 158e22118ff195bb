/**
 * @module edge/adapters/sqlite
 * SQLite (better-sqlite3) implementations of edge storage ports: the fare and toll ledger store,
 * the durable uplink queue with its inbox journal, and the detector interval each region closed last.
 */
export { SqliteLedgerStore } from './sqlite-ledger-store.ts';
export type { SqliteLedgerStoreOptions } from './sqlite-ledger-store.ts';
export { SqliteUplinkStore } from './sqlite-uplink-store.ts';
export { SqliteIntervalMarks } from './sqlite-interval-marks.ts';
