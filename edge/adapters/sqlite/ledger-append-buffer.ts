/**
 * @module edge/adapters/sqlite/ledger-append-buffer
 * The rows a ledger store has appended in the running transaction and not yet written: messages,
 * entries, and the segments and holder rows of segments opened. They are written `ROWS_PER_INSERT`
 * rows per statement (fewer calls from JavaScript into SQLite), outside a transaction at once. The
 * store writes them before a read that could see them and before the commit, and drops them when
 * the transaction fails.
 */
import type { Database as Db } from 'better-sqlite3';
import type { LedgerEntry, StoredMessage } from '../../ledger/index.ts';
import { mirrors } from './ledger-entry-rows.ts';
import { ENTRY_COLUMNS, MESSAGE_COLUMNS, type LedgerStatements } from './ledger-statements.ts';
import { ROWS_PER_INSERT } from './multi-row-insert.ts';

/** Rows appended and not yet written, and what a read must know about them. */
export class LedgerAppendBuffer {
  readonly #db: Db;
  readonly #statements: LedgerStatements;
  /** Buffered message and entry rows, flattened column by column. */
  #messageRows: unknown[] = [];
  #entryRows: unknown[] = [];
  /** Buffered segment and holder rows of segments opened (written with the messages, before them). */
  #segmentRows: unknown[] = [];
  #holderRows: unknown[] = [];
  /** The last entry appended, kept back until the next shows whether it is its mirror. */
  #heldEntry: LedgerEntry | null = null;
  /** Ids of buffered messages (`hasMessage` must see them). */
  readonly #bufferedIds = new Set<string>();
  /**
   * Holders of buffered messages and messages of buffered entries: a read about anything else need
   * not write the buffer first, so the common read (a holder not written in this transaction) keeps
   * the 64-row statements whole.
   */
  readonly #bufferedHolders = new Set<string>();
  readonly #bufferedEntryMessages = new Set<string>();

  constructor(db: Db, statements: LedgerStatements) {
    this.#db = db;
    this.#statements = statements;
  }

  /** A segment opened for `holder`, linked to its previous one, and the holder's row pointing at it. */
  openSegment(seg: number, holder: string, prevSeg: number | null): void {
    this.#segmentRows.push(seg, holder, prevSeg);
    this.#holderRows.push(holder, seg);
  }

  appendMessage(arrival: number, m: StoredMessage, seg: number): void {
    this.#messageRows.push(arrival, m.id, seg, m.kind, m.deviceId, m.seq, m.ts, m.body);
    this.#bufferedIds.add(m.id);
    this.#bufferedHolders.add(m.holder);
    if (this.#messageRows.length >= ROWS_PER_INSERT * MESSAGE_COLUMNS || !this.#db.inTransaction)
      this.flushMessages();
  }

  /**
   * Entries come in double-entry pairs (payer and operator, operator and clearing): a pair is stored
   * as one row (half the rows and index keys), anything else as a row of its own.
   */
  appendEntry(e: LedgerEntry): void {
    if (e.messageId !== null) this.#bufferedEntryMessages.add(e.messageId);
    const held = this.#heldEntry;
    if (held === null) this.#heldEntry = e;
    else if (mirrors(held, e)) {
      this.#heldEntry = null;
      this.#pushEntryRow(held, e.account);
    } else {
      this.#heldEntry = e;
      this.#pushEntryRow(held, null);
    }
    if (this.#entryRows.length >= ROWS_PER_INSERT * ENTRY_COLUMNS || !this.#db.inTransaction)
      this.flushEntries();
  }

  #pushEntryRow(e: LedgerEntry, account2: string | null): void {
    const l = e.leg;
    this.#entryRows.push(
      e.entryNo,
      e.txnNo,
      e.entryKind,
      e.messageId,
      e.version,
      e.account,
      e.amountKrw,
      account2,
      l?.journeyId ?? null,
      l?.day ?? null,
      l?.legNo ?? null,
      l?.operatorId ?? null,
      l?.mode ?? null,
      l?.routeId ?? null,
      l?.legBaseKrw ?? null,
      l?.legM ?? null,
      l?.reason ?? null,
      e.postedMs,
    );
  }

  /** Whether message `id` waits in the buffer. */
  holdsMessage(id: string): boolean {
    return this.#bufferedIds.has(id);
  }

  /** Whether a message of `holder` waits in the buffer. */
  holdsHolder(holder: string): boolean {
    return this.#bufferedHolders.has(holder);
  }

  /** Whether an entry of one of `messageIds` waits in the buffer. */
  holdsEntriesOf(messageIds: readonly string[]): boolean {
    if (this.#heldEntry === null && this.#entryRows.length === 0) return false;
    for (const id of messageIds) if (this.#bufferedEntryMessages.has(id)) return true;
    return false;
  }

  /** Write the buffered messages, and the segments they opened first. */
  flushMessages(): void {
    if (this.#segmentRows.length > 0) {
      const segments = this.#segmentRows;
      const holders = this.#holderRows;
      this.#segmentRows = [];
      this.#holderRows = [];
      this.#statements.inserts().segment.write(segments);
      this.#statements.inserts().holder.write(holders);
    }
    if (this.#messageRows.length === 0) return;
    const rows = this.#messageRows;
    this.#messageRows = [];
    this.#statements.inserts().message.write(rows);
    this.#bufferedIds.clear();
    this.#bufferedHolders.clear();
  }

  /** Write the buffered entries, the one held back too. */
  flushEntries(): void {
    if (this.#heldEntry !== null) {
      this.#pushEntryRow(this.#heldEntry, null);
      this.#heldEntry = null;
    }
    if (this.#entryRows.length === 0) return;
    const rows = this.#entryRows;
    this.#entryRows = [];
    this.#statements.inserts().entry.write(rows);
    this.#bufferedEntryMessages.clear();
  }

  /** Write everything buffered. */
  flush(): void {
    this.flushMessages();
    this.flushEntries();
  }

  /** Drop everything buffered (its transaction failed). */
  clear(): void {
    this.#messageRows = [];
    this.#entryRows = [];
    this.#segmentRows = [];
    this.#holderRows = [];
    this.#heldEntry = null;
    this.#bufferedIds.clear();
    this.#bufferedHolders.clear();
    this.#bufferedEntryMessages.clear();
  }
}
