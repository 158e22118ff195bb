/**
 * @module center/clearing/accumulator
 * Folds ledger entries (from settlement batches or ledger files) into per-journey facts, in one pass
 * and without keeping the entries. Money per journey is the plain sum of its payer entries: a
 * reversal carries the old version's journey and subtracts there, a repost adds to the new one, so
 * corrections need no bookkeeping. Legs are counted in (+1 post, -1 reversal) so the legs alive after
 * corrections are those with a positive count. Each ledger's transactions are checked to balance.
 * Facts live in typed arrays (struct of arrays, STYLE.md §15): tens of millions of entries fold without
 * an object per journey for the garbage collector to trace.
 */
import type { SettlementEntry } from '../../core/messages/index.ts';

/** A leg as postings described it, with its count of posts minus reversals. */
export type LegFact = {
  readonly legNo: number;
  readonly operatorId: string;
  readonly legBaseKrw: number;
  readonly legM: number;
  readonly count: number;
};

/** What the entries say about one journey. */
export type JourneyFacts = {
  readonly journeyId: string;
  readonly day: string;
  /** Net won debited to payers for this journey. */
  readonly paidKrw: number;
  readonly legs: readonly LegFact[];
};

/** A problem found while folding entries. */
export type EntryProblem = {
  readonly kind: 'unbalanced-transaction' | 'entry-gap' | 'payer-without-leg';
  readonly ledgerId: string;
  readonly detail: string;
  readonly amountKrw: number;
};

/** Per-day totals straight from the entries. */
export type DayTotals = {
  /** Debits by payer kind (`card`, `obu`, `plate`). */
  readonly debits: Map<string, number>;
  /** Credits posted to each operator by the edges (before apportionment), as positive won. */
  readonly edgeCredits: Map<string, number>;
};

type LedgerCursor = { lastEntryNo: number; txnNo: number; txnSum: number };

function grown<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** Accumulates entries of any number of ledgers. Feed each ledger's entries in entry order. */
export class ClearingAccumulator {
  readonly days = new Map<string, DayTotals>();
  readonly problems: EntryProblem[] = [];
  /** Net won moved to the clearing account by acknowledged settlements, per ledger. */
  readonly settledKrw = new Map<string, number>();
  entries = 0;
  readonly #cursors = new Map<string, LedgerCursor>();
  #lastLedger = '';
  #lastCursor: LedgerCursor | null = null;
  readonly #journeyIndex = new Map<string, number>();
  readonly #dayNames: string[] = [];
  readonly #dayIndex = new Map<string, number>();
  readonly #operators: string[] = [];
  readonly #operatorIndex = new Map<string, number>();
  #paid = new Float64Array(1024);
  #day = new Int32Array(1024);
  #head = new Int32Array(1024);
  #facts = 0;
  #next = new Int32Array(4096);
  #legNo = new Int32Array(4096);
  #op = new Int32Array(4096);
  #base = new Int32Array(4096);
  #legM = new Int32Array(4096);
  #count = new Int32Array(4096);

  /** Number of journeys seen. */
  get journeyCount(): number {
    return this.#journeyIndex.size;
  }

  /** Add one entry of ledger `ledgerId`. */
  add(ledgerId: string, e: SettlementEntry): void {
    this.entries += 1;
    const cursor = this.#cursor(ledgerId, e.txnNo);
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
    const account = e.account;
    if (e.entryKind === 'settle') {
      if (account.startsWith('clearing:'))
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
    const dayNo = this.#dayOf(leg.day);
    const totals = this.days.get(leg.day) as DayTotals;
    if (account.startsWith('operator:')) {
      totals.edgeCredits.set(leg.operatorId, (totals.edgeCredits.get(leg.operatorId) ?? 0) - e.amountKrw);
      return;
    }
    if (account.startsWith('clearing:')) return;
    const payerKind = account.startsWith('card:') ? 'card' : account.slice(0, account.indexOf(':'));
    totals.debits.set(payerKind, (totals.debits.get(payerKind) ?? 0) + e.amountKrw);
    this.#addToJourney(leg.journeyId, dayNo, e, leg);
  }

  #addToJourney(
    journeyId: string,
    dayNo: number,
    e: SettlementEntry,
    leg: NonNullable<SettlementEntry['leg']>,
  ): void {
    let j = this.#journeyIndex.get(journeyId);
    if (j === undefined) {
      j = this.#journeyIndex.size;
      this.#journeyIndex.set(journeyId, j);
      this.#paid = grown(this.#paid, j + 1);
      this.#day = grown(this.#day, j + 1);
      this.#head = grown(this.#head, j + 1);
      this.#head[j] = -1;
    }
    this.#paid[j] = (this.#paid[j] as number) + e.amountKrw;
    this.#day[j] = dayNo;
    const op = this.#operatorOf(leg.operatorId);
    const delta = e.entryKind === 'post' ? 1 : -1;
    for (let f = this.#head[j] as number; f !== -1; f = this.#next[f] as number) {
      if (
        this.#legNo[f] === leg.legNo &&
        this.#legM[f] === leg.legM &&
        this.#base[f] === leg.legBaseKrw &&
        this.#op[f] === op
      ) {
        this.#count[f] = (this.#count[f] as number) + delta;
        return;
      }
    }
    const f = this.#facts++;
    if (f >= this.#next.length) {
      const need = f + 1;
      this.#next = grown(this.#next, need);
      this.#legNo = grown(this.#legNo, need);
      this.#op = grown(this.#op, need);
      this.#base = grown(this.#base, need);
      this.#legM = grown(this.#legM, need);
      this.#count = grown(this.#count, need);
    }
    this.#next[f] = this.#head[j] as number;
    this.#legNo[f] = leg.legNo;
    this.#op[f] = op;
    this.#base[f] = leg.legBaseKrw;
    this.#legM[f] = leg.legM;
    this.#count[f] = delta;
    this.#head[j] = f;
  }

  /** The journeys whose (latest) day is `day`, with their leg facts in posting order. */
  *journeysOf(day: string): Generator<JourneyFacts> {
    const dayNo = this.#dayIndex.get(day);
    if (dayNo === undefined) return;
    for (const [journeyId, j] of this.#journeyIndex) {
      if (this.#day[j] !== dayNo) continue;
      const legs: LegFact[] = [];
      for (let f = this.#head[j] as number; f !== -1; f = this.#next[f] as number) {
        legs.push({
          legNo: this.#legNo[f] as number,
          operatorId: this.#operators[this.#op[f] as number] as string,
          legBaseKrw: this.#base[f] as number,
          legM: this.#legM[f] as number,
          count: this.#count[f] as number,
        });
      }
      legs.reverse();
      yield { journeyId, day, paidKrw: this.#paid[j] as number, legs };
    }
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

  #cursor(ledgerId: string, txnNo: number): LedgerCursor {
    if (ledgerId === this.#lastLedger && this.#lastCursor !== null) return this.#lastCursor;
    let cursor = this.#cursors.get(ledgerId);
    if (cursor === undefined) {
      cursor = { lastEntryNo: 0, txnNo, txnSum: 0 };
      this.#cursors.set(ledgerId, cursor);
    }
    this.#lastLedger = ledgerId;
    this.#lastCursor = cursor;
    return cursor;
  }

  #dayOf(day: string): number {
    let d = this.#dayIndex.get(day);
    if (d === undefined) {
      d = this.#dayNames.length;
      this.#dayNames.push(day);
      this.#dayIndex.set(day, d);
      this.days.set(day, { debits: new Map(), edgeCredits: new Map() });
    }
    return d;
  }

  #operatorOf(operatorId: string): number {
    let o = this.#operatorIndex.get(operatorId);
    if (o === undefined) {
      o = this.#operators.length;
      this.#operators.push(operatorId);
      this.#operatorIndex.set(operatorId, o);
    }
    return o;
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
