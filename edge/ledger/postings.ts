/**
 * @module edge/ledger/postings
 * Double-entry postings of ratings. Each charge line becomes two entries: the payer's purse (a card,
 * an OBU, or a plate to bill) is debited and the carrying operator's account credited, so every
 * transaction sums to zero. A changed rating is never edited: its previous version is reversed and the
 * new version posted, both as new entries.
 */
import type { ChargeLine, ChargeReason } from '../../core/fares/index.ts';
import type { SettlementLeg } from '../../core/messages/index.ts';
import type { LedgerEntry } from './store.ts';

/** The rating of a message as currently posted. */
export type LiveRating = {
  readonly version: number;
  readonly lines: readonly ChargeLine[];
  /**
   * `signatureOf(lines)`, or null until something needs it: most messages are rated once, and the
   * signature (a string per line) is only compared when a message is re-rated.
   */
  readonly sig: string | null;
};

/** Account credited for an operator. */
export function operatorAccount(operatorId: string): string {
  return `operator:${operatorId}`;
}

/** The clearing account settled operator balances move to. */
export const CLEARING_ACCOUNT = 'clearing:center';

/** Canonical text of a rating's lines, to tell whether a re-rating changed anything. */
export function signatureOf(lines: readonly ChargeLine[]): string {
  let sig = '';
  for (const l of lines)
    sig += `${l.journeyId}|${l.day}|${l.legNo}|${l.operatorId}|${l.mode}|${l.routeId}|${l.legBaseKrw}|${l.legM}|${l.payer}|${l.reason}|${l.amountKrw};`;
  return sig;
}

function legOf(line: ChargeLine): SettlementLeg {
  return {
    journeyId: line.journeyId,
    day: line.day,
    legNo: line.legNo,
    operatorId: line.operatorId,
    mode: line.mode,
    routeId: line.routeId,
    legBaseKrw: line.legBaseKrw,
    legM: line.legM,
    reason: line.reason,
  };
}

/** The charge line a payer-side `post` entry records. */
export function lineOfEntry(entry: LedgerEntry): ChargeLine | null {
  const leg = entry.leg;
  if (leg === null) return null;
  return {
    journeyId: leg.journeyId,
    day: leg.day,
    legNo: leg.legNo,
    operatorId: leg.operatorId,
    mode: leg.mode as ChargeLine['mode'],
    routeId: leg.routeId,
    legBaseKrw: leg.legBaseKrw,
    legM: leg.legM,
    payer: entry.account,
    reason: leg.reason as ChargeReason,
    amountKrw: entry.amountKrw,
  };
}

/** Whether an entry is the payer side (not an operator or clearing account). */
export function isPayerAccount(account: string): boolean {
  return !account.startsWith('operator:') && !account.startsWith('clearing:');
}

/** Allocates entry and transaction numbers and appends entries. */
export type EntrySink = {
  nextEntryNo(): number;
  append(entry: LedgerEntry): void;
};

/** Append one line's two entries (payer and operator side) of a posting. */
function emitLine(
  sink: EntrySink,
  head: Pick<LedgerEntry, 'txnNo' | 'messageId' | 'version' | 'postedMs'>,
  entryKind: 'post' | 'reverse',
  line: ChargeLine,
  sign: 1 | -1,
): void {
  const leg = legOf(line);
  const amountKrw = sign * line.amountKrw + 0;
  const { txnNo, messageId, version, postedMs } = head;
  sink.append({
    entryNo: sink.nextEntryNo(),
    txnNo,
    entryKind,
    messageId,
    version,
    account: line.payer,
    amountKrw,
    leg,
    postedMs,
  });
  sink.append({
    entryNo: sink.nextEntryNo(),
    txnNo,
    entryKind,
    messageId,
    version,
    account: operatorAccount(line.operatorId),
    amountKrw: -amountKrw + 0,
    leg,
    postedMs,
  });
}

/**
 * Post the change from `live` to `lines` for one message as one transaction: the reversal of the live
 * version's lines and the new lines, all tagged with the new version (so the live version of a message
 * is the highest version among its entries, and its lines are the `post` entries of that version; `+ 0`
 * keeps a negated zero from becoming -0). Returns the new live rating; `sig` is `signatureOf(lines)`
 * when the caller already has it, else null (computed when first compared).
 */
export function postRatingChange(
  messageId: string,
  live: LiveRating | undefined,
  lines: readonly ChargeLine[],
  txnNo: number,
  postedMs: number,
  sink: EntrySink,
  sig: string | null = null,
): LiveRating {
  const version = (live?.version ?? 0) + 1;
  const head = { txnNo, messageId, version, postedMs };
  if (live !== undefined) for (const line of live.lines) emitLine(sink, head, 'reverse', line, -1);
  for (const line of lines) emitLine(sink, head, 'post', line, 1);
  return { version, lines, sig };
}
