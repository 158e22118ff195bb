/**
 * @module edge/settlement
 * The edge's fare and toll ledger as a running service: SQLite ledger file, live MQTT intake of taps
 * and toll passes, settlement batches to the center's clearing house.
 */
export { startEdgeLedger } from './start-edge-ledger.ts';
export type { EdgeLedger, EdgeLedgerOptions } from './start-edge-ledger.ts';
