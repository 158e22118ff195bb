/**
 * @module edge/ledger
 * The edge's fare and toll ledger: idempotent recording, rating with the shared fare rules,
 * double-entry postings with corrections as new entries, per-device gap counters and settlement
 * batches to the center. Storage is a port: `MemoryLedgerStore` here, SQLite in `edge/adapters/sqlite`.
 */
export { Ledger } from './ledger.ts';
export type { LedgerOptions, IngestResult, LedgerCounters } from './ledger.ts';
export { MemoryLedgerStore } from './memory-store.ts';
export type { LedgerStore, StoredMessage, LedgerEntry, BatchRecord } from './store.ts';
export { holderOf } from './holder-book.ts';
export type { RatedMessage } from './holder-book.ts';
export { CLEARING_ACCOUNT, operatorAccount, isPayerAccount } from './postings.ts';
export { batchIdOf } from './settlement.ts';
export type { AckOutcome, SettlementIdentity } from './settlement.ts';
export type { DeviceGapReport } from './device-counters.ts';
export { syntheticDay, uploadSchedule, seededRandom, SYNTHETIC_TOLL_NETWORK } from './synthetic.ts';
export type { SyntheticDay, SyntheticDayOptions, UploadOptions } from './synthetic.ts';
export { GroupCommitter, DEFAULT_GROUP_COMMIT_OPTIONS } from './group-commit.ts';
export type { GroupCommitOptions } from './group-commit.ts';
export { LedgerIntake } from './ledger-intake.ts';
export type { LedgerIntakeOptions, IntakeRejectReason } from './ledger-intake.ts';
export { SettlementPump, DEFAULT_SETTLEMENT_PUMP_OPTIONS } from './settlement-pump.ts';
export type { SettlementPumpOptions } from './settlement-pump.ts';
