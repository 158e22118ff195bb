/**
 * @module center/clearing/accumulator
 * Folds ledger entries (from settlement batches or ledger files) into per-journey facts, in one pass
 * and without keeping the entries. Money per journey is the plain sum of its payer entries: a
 * reversal carries the old version's journey and subtracts there, a repost adds to the new one, so
 * corrections need no bookkeeping. Legs are counted in (+1 post, -1 reversal) so the legs alive after
 * corrections are those with a positive count. Each ledger's transactions are checked to balance.
 */
import type { SettlementEntry } from '../../core/messages/index.ts';

/** A leg as a posting described it. */
export type LegFact = {
  readonly legNo: number;
  readonly operatorId: string;
  readonly legBaseKrw: number;
  readonly legM: number;
  /** Posts minus reversals of entries carrying exactly this description. */
  count: number;
};

/** What the entries say about one journey. */
export type JourneyFacts = {
  readonly journeyId: string;
  day: string;
  /** Net won debited to payers for this journey. */
  paidKrw: number;
  readonly legs: LegFact[];
};

/** A problem found while folding entries. */
export type EntryProblem = {
  readonly kind: 'unbalanced-transaction' | 'entry-gap' | 'payer-without-leg';
  readonly ledgerId: string;
  readonly detail: string;
  readonly amountKrw: number;
};

type LedgerCursor = { lastEntryNo: number; txnNo: number; txnSum: number };

/** Per-day totals straight from the entries. */
export type DayTotals = {
  /** Debits by payer kind (`card`, `obu`, `plate`). */
  readonly debits: Map<string, number>;
  /** Credits posted to each operator by the edges (before apportionment), as positive won. */
  readonly edgeCredits: Map<string, number>;
};

function isPayer(account: string): boolean {
  return !account.startsWith('operator:') && !account.startsWith('clearing:');
}

/** Accumulates entries of any number of ledgers. Feed each ledger's entries in entry order. */
export class ClearingAccumulator {
  readonly journeys = new Map<string, JourneyFacts>();
  readonly days = new Map<string, DayTotals>();
  readonly problems: EntryProblem[] = [];
  /** Net won moved to the clearing account by acknowledged settlements, per ledger. */
  readonly settledKrw = new Map<string, number>();
  readonly #cursors = new Map<string, LedgerCursor>();
  entries = 0;

  /** Add one entry of ledger `ledgerId`. */
  add(ledgerId: string, e: SettlementEntry): void {
    this.entries += 1;
    let cursor = this.#cursors.get(ledgerId);
    if (cursor === undefined) {
      cursor = { lastEntryNo: 0, txnNo: e.txnNo, txnSum: 0 };
      this.#cursors.set(ledgerId, cursor);
    }
    if (e.entryNo !== cursor.lastEntryNo + 1)
      this.problems.push({
        kind: 'entry-gap',
        ledgerId,
        detail: `entries ${cursor.lastEntryNo + 1}..${e.entryNo - 1} missing`,
        amountKrw: 0,
      });
    cursor.lastEntryNo = e.entryNo;
    if (e.txnNo !== cursor.txnNo) this.#closeTxn(ledgerId, cursor, e.txnNo);
    cursor.txnSum += e.amountKrw;
    if (e.entryKind === 'settle') {
      if (e.account.startsWith('clearing:'))
        this.settledKrw.set(ledgerId, (this.settledKrw.get(ledgerId) ?? 0) + e.amountKrw);
      return;
    }
    const leg = e.leg;
    if (leg === null) {
      this.problems.push({
        kind: 'payer-without-leg',
        ledgerId,
        detail: `entry ${e.entryNo}`,
        amountKrw: e.amountKrw,
      });
      return;
    }
    let day = this.days.get(leg.day);
    if (day === undefined) {
      day = { debits: new Map(), edgeCredits: new Map() };
      this.days.set(leg.day, day);
    }
    if (!isPayer(e.account)) {
      day.edgeCredits.set(leg.operatorId, (day.edgeCredits.get(leg.operatorId) ?? 0) - e.amountKrw);
      return;
    }
    const payerKind = e.account.slice(0, e.account.indexOf(':'));
    day.debits.set(payerKind, (day.debits.get(payerKind) ?? 0) + e.amountKrw);
    let journey = this.journeys.get(leg.journeyId);
    if (journey === undefined) {
      journey = { journeyId: leg.journeyId, day: leg.day, paidKrw: 0, legs: [] };
      this.journeys.set(leg.journeyId, journey);
    }
    journey.paidKrw += e.amountKrw;
    journey.day = leg.day;
    const delta = e.entryKind === 'post' ? 1 : -1;
    const same = journey.legs.find(
      (l) =>
        l.legNo === leg.legNo &&
        l.legM === leg.legM &&
        l.legBaseKrw === leg.legBaseKrw &&
        l.operatorId === leg.operatorId,
    );
    if (same !== undefined) same.count += delta;
    else
      journey.legs.push({
        legNo: leg.legNo,
        operatorId: leg.operatorId,
        legBaseKrw: leg.legBaseKrw,
        legM: leg.legM,
        count: delta,
      });
  }

  /** Transactions not (yet) balanced at the end of what was received, one problem each. */
  openTransactions(): EntryProblem[] {
    const out: EntryProblem[] = [];
    for (const [ledgerId, c] of this.#cursors) {
      if (c.txnSum !== 0)
        out.push({
          kind: 'unbalanced-transaction',
          ledgerId,
          detail: `transaction ${c.txnNo} sums to ${c.txnSum} won (last received)`,
          amountKrw: c.txnSum,
        });
    }
    return out;
  }

  #closeTxn(ledgerId: string, cursor: LedgerCursor, nextTxnNo: number): void {
    if (cursor.txnSum !== 0)
      this.problems.push({
        kind: 'unbalanced-transaction',
        ledgerId,
        detail: `transaction ${cursor.txnNo} sums to ${cursor.txnSum} won`,
        amountKrw: cursor.txnSum,
      });
    cursor.txnNo = nextTxnNo;
    cursor.txnSum = 0;
  }
}
