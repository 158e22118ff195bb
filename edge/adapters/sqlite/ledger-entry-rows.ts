/**
 * @module edge/adapters/sqlite/ledger-entry-rows
 * How ledger entries sit in the `entry` table. Every posting is a double-entry pair with consecutive
 * numbers (payer and operator, or operator and clearing): the same transaction, message, version, leg
 * and time, opposite amounts. Such a pair is one row, the second account in `account2`; its second
 * entry is `entry_no + 1` with the amount negated. Anything else (and every schema 1 row) is a row of
 * its own with `account2` NULL. Half the rows and half the `entry_message` index keys per tap.
 */
import type { LedgerEntry } from '../../ledger/index.ts';

/** A row of the `entry` table. */
export type EntryRow = {
  entry_no: number;
  txn_no: number;
  entry_kind: LedgerEntry['entryKind'];
  message_id: string | null;
  version: number;
  account: string;
  amount_krw: number;
  account2: string | null;
  journey_id: string | null;
  day: string | null;
  leg_no: number | null;
  operator_id: string | null;
  mode: string | null;
  route_id: string | null;
  leg_base_krw: number | null;
  leg_m: number | null;
  reason: string | null;
  posted_ms: number;
};

/**
 * The entries a row holds: its own, and for a paired row the mirror entry after it (next number,
 * other account, negated amount, same everything else).
 */
export function entriesOf(r: EntryRow, out: LedgerEntry[]): void {
  const entry: LedgerEntry = {
    entryNo: r.entry_no,
    txnNo: r.txn_no,
    entryKind: r.entry_kind,
    messageId: r.message_id,
    version: r.version,
    account: r.account,
    amountKrw: r.amount_krw,
    leg:
      r.journey_id === null
        ? null
        : {
            journeyId: r.journey_id,
            day: r.day ?? '',
            legNo: r.leg_no ?? 0,
            operatorId: r.operator_id ?? '',
            mode: r.mode ?? '',
            routeId: r.route_id,
            legBaseKrw: r.leg_base_krw ?? 0,
            legM: r.leg_m ?? 0,
            reason: r.reason ?? '',
          },
    postedMs: r.posted_ms,
  };
  out.push(entry);
  if (r.account2 !== null)
    out.push({ ...entry, entryNo: r.entry_no + 1, account: r.account2, amountKrw: -r.amount_krw + 0 });
}

/** Whether `b` is the mirror of `a`: the other side of one double-entry line, stored in `a`'s row. */
export function mirrors(a: LedgerEntry, b: LedgerEntry): boolean {
  return (
    b.entryNo === a.entryNo + 1 &&
    b.amountKrw === -a.amountKrw + 0 &&
    b.txnNo === a.txnNo &&
    b.entryKind === a.entryKind &&
    b.messageId === a.messageId &&
    b.version === a.version &&
    b.postedMs === a.postedMs &&
    sameLeg(a.leg, b.leg)
  );
}

function sameLeg(a: LedgerEntry['leg'], b: LedgerEntry['leg']): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.journeyId === b.journeyId &&
    a.day === b.day &&
    a.legNo === b.legNo &&
    a.operatorId === b.operatorId &&
    a.mode === b.mode &&
    a.routeId === b.routeId &&
    a.legBaseKrw === b.legBaseKrw &&
    a.legM === b.legM &&
    a.reason === b.reason
  );
}
