/**
 * @module edge/adapters/sqlite/holder-segments
 * Which segment a holder's next message goes to. A holder's messages sit in segments linked to the
 * previous one (`ledger-schema.ts`); the store remembers the open segment of recently written
 * holders, and opens a new one, linked to the holder's last, for a holder it does not remember: its
 * first message, or one not written for a long while. Segments opened in a failed transaction are
 * forgotten with it.
 */
import type { LedgerAppendBuffer } from './ledger-append-buffer.ts';
import { lastSegmentOf } from './ledger-message-reads.ts';
import type { LedgerStatements } from './ledger-statements.ts';

/** Where a transaction started: what a failed one rolls back to. */
export type SegmentMark = { readonly lastSeg: number; readonly opened: number };

/** The open segments of recently written holders, and the numbering of new ones. */
export class HolderSegments {
  readonly #statements: LedgerStatements;
  readonly #buffer: LedgerAppendBuffer;
  /** The open segment of recently written holders (insertion order: oldest first). */
  readonly #openSegments = new Map<string, number>();
  /** Holders whose segment was opened in the running transaction (forgotten if it fails). */
  #opened: string[] = [];
  #lastSeg: number;
  readonly #maxOpenSegments: number;
  /** The last holder `holderMessages` found no segment for (it has none until one is opened). */
  #unknownHolder: string | null = null;

  constructor(
    statements: LedgerStatements,
    buffer: LedgerAppendBuffer,
    lastSeg: number,
    maxOpenSegments: number,
  ) {
    this.#statements = statements;
    this.#buffer = buffer;
    this.#lastSeg = lastSeg;
    this.#maxOpenSegments = maxOpenSegments;
  }

  /** `holder` was just looked up and has no segment: opening its first need not look again. */
  noteUnknown(holder: string): void {
    this.#unknownHolder = holder;
  }

  /**
   * The holder's open segment, opening one (linked to its previous segment) when the store does not
   * remember one: the first message of a holder, or one not written for a long while.
   */
  segmentOf(holder: string): number {
    const open = this.#openSegments.get(holder);
    if (open !== undefined) return open;
    // Its row may wait in the buffer (a segment opened earlier in this transaction, then forgotten).
    if (this.#buffer.holdsHolder(holder)) this.#buffer.flushMessages();
    // The ledger has just asked for this holder's messages when it is new: no need to look again.
    const prev = holder === this.#unknownHolder ? undefined : lastSegmentOf(this.#statements, holder);
    this.#unknownHolder = null;
    const seg = ++this.#lastSeg;
    this.#buffer.openSegment(seg, holder, prev ?? null);
    this.#openSegments.set(holder, seg);
    this.#opened.push(holder);
    // Forgotten 1/64 of the limit at a time, in one pass: a Map keeps deleted slots at its front until
    // it is rehashed, and a new iteration per holder would walk them all each time.
    if (this.#openSegments.size > this.#maxOpenSegments + (this.#maxOpenSegments >> 6))
      for (const oldest of this.#openSegments.keys()) {
        if (this.#openSegments.size <= this.#maxOpenSegments) break;
        this.#openSegments.delete(oldest);
      }
    return seg;
  }

  /** Where the running transaction starts. */
  mark(): SegmentMark {
    return { lastSeg: this.#lastSeg, opened: this.#opened.length };
  }

  /** Forget the segments opened since `mark` (their transaction failed). */
  rollback(mark: SegmentMark): void {
    this.#lastSeg = mark.lastSeg;
    for (const holder of this.#opened.slice(mark.opened)) this.#openSegments.delete(holder);
    this.#opened.length = mark.opened;
  }

  /** The outermost transaction ended: its segments stay. */
  settled(): void {
    this.#opened = [];
  }
}
