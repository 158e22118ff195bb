/**
 * @module core/messages/settlement
 * Settlement between an edge's fare/toll ledger and the center's clearing house. The edge sends its
 * ledger entries in `settlement.batch` messages (QoS 1, resent until acknowledged); the center answers
 * each with a `settlement.ack` and is idempotent on the batch id, so a resent batch counts once.
 */
import { z } from 'zod';
import { entityId, envelope, nonNegativeInt } from './common.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** What a posting says about the leg its money belongs to (absent on settlement transfers). */
export const settlementLeg = z.strictObject({
  journeyId: z.string().min(1).max(128),
  /** Local service day of the journey's start. */
  day,
  legNo: z.number().int().min(1).max(64),
  operatorId: entityId,
  /** Transit mode, or `toll`. */
  mode: z.string().min(1).max(32),
  routeId: z.string().min(1).max(128).nullable(),
  legBaseKrw: nonNegativeInt,
  legM: nonNegativeInt,
  reason: z.string().min(1).max(32),
});
export type SettlementLeg = z.infer<typeof settlementLeg>;

/**
 * One ledger entry (one side of a double-entry transaction). Amounts are integer won, debit positive
 * and credit negative, so each transaction's entries sum to zero. Entries are never edited:
 * `post` records a rating version of a message, `reverse` cancels an earlier version, `settle` moves
 * acknowledged operator balances to the clearing account.
 */
export const settlementEntry = z.strictObject({
  entryNo: z.number().int().min(1),
  txnNo: z.number().int().min(1),
  entryKind: z.enum(['post', 'reverse', 'settle']),
  /** The tap or pass rated; null on settlement transfers. */
  messageId: z.string().min(1).max(128).nullable(),
  /** Rating version of that message (1, 2, ...); 0 on settlement transfers. */
  version: nonNegativeInt,
  /** `card:<id>`, `obu:<id>`, `plate:<plate>`, `operator:<id>` or `clearing:center`. */
  account: z.string().min(1).max(160),
  amountKrw: z.number().int(),
  leg: settlementLeg.nullable(),
  /** Ledger clock when posted, epoch ms. */
  postedMs: nonNegativeInt,
});
export type SettlementEntry = z.infer<typeof settlementEntry>;

/** Entries `fromEntryNo..toEntryNo` of one edge ledger; `id` is the batch id, `seq` the batch number. */
export const settlementBatchSchema = z.strictObject({
  kind: z.literal('settlement.batch'),
  ...envelope,
  region: entityId,
  /** Identity of the ledger file (survives restarts), so two ledgers of one edge never mix. */
  ledgerId: z.string().min(1).max(128),
  fromEntryNo: z.number().int().min(1),
  toEntryNo: z.number().int().min(0),
  entries: z.array(settlementEntry).max(5000),
});
export type SettlementBatch = z.infer<typeof settlementBatchSchema>;

/** The center's answer to a batch; `duplicate` means it was already counted. */
export const settlementAckSchema = z.strictObject({
  kind: z.literal('settlement.ack'),
  ...envelope,
  batchId: z.string().min(1).max(128),
  ledgerId: z.string().min(1).max(128),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  reason: z.string().max(500).nullable(),
});
export type SettlementAck = z.infer<typeof settlementAckSchema>;
