/**
 * @module center/adapters/sqlite
 * SQLite (better-sqlite3) implementations of the center's storage ports: the clearing store.
 */
export { SqliteClearingStore } from './sqlite-clearing-store.ts';
export type { SqliteClearingStoreOptions } from './sqlite-clearing-store.ts';
