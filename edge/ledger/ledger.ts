/**
 * @module edge/ledger/ledger
 * The edge's fare and toll ledger. Records every tap and toll pass once (idempotent on the message
 * id), rates it with the shared fare rules, and posts double-entry entries; a message that arrives late
 * or out of order re-rates its holder's journeys and posts only the differences as new entries, so the
 * result equals in-order, exactly-once arrival. Each `ingest` call is one durable transaction: callers
 * batch messages for throughput and acknowledge them (MQTT PUBACK) only after it returns.
 *
 * Memory is bounded: only the rating state of the `maxCachedHolders` most recently active holders is
 * kept; a holder that appears again after being forgotten is rated on from its resting record (see
 * `holder-book.ts`) when its message comes after its others, else read back from the store (its
 * messages and the entries posted for them) and re-rated, which gives the same ratings. Duplicates are
 * found by asking the store, not a set of every id.
 */
import type { FarePolicy, TollNetwork } from '../../core/fares/index.ts';
import { indexTollNetwork } from '../../core/fares/index.ts';
import type { Clock } from '../../core/clock/index.ts';
import { ConfigError } from '../../core/errors/index.ts';
import { newId } from '../../core/ids/index.ts';
import type { SettlementAck, SettlementBatch } from '../../core/messages/index.ts';
import type { RatedMessage } from './holder-book.ts';
import { HolderBook, holderOf } from './holder-book.ts';
import type { EntrySink, LiveRating } from './postings.ts';
import { isPayerAccount, lineOfEntry, postRatingChange, signatureOf } from './postings.ts';
import type { AckOutcome } from './settlement.ts';
import { SettlementManager } from './settlement.ts';
import type { LedgerEntry, LedgerStore } from './store.ts';
import { DeviceCounters } from './device-counters.ts';
import type { DeviceGapReport } from './device-counters.ts';

/** How a ledger is set up. */
export type LedgerOptions = {
  readonly policy: FarePolicy;
  readonly tollNetwork: TollNetwork;
  readonly clock: Clock;
  readonly edgeId: string;
  readonly region: string;
  /** Identity of a new ledger file; default a fresh UUIDv7. Ignored when the store already has one. */
  readonly ledgerId?: string;
  /** Largest settlement batch. Default 2000 entries (well under the 1 MiB message limit). */
  readonly batchMaxEntries?: number;
  /**
   * Holders (cards, vehicles) whose rating state stays in memory, about 4.5 KiB each for a typical
   * day. Default 20,000 (about 90 MiB).
   */
  readonly maxCachedHolders?: number;
  /**
   * Holders forgotten from that cache whose *resting* record (last message's order and rating state,
   * about 0.6 KiB) stays in memory, so that their next in-order message is rated with no read of the
   * store. Default 60,000 (about 37 MiB); 0 reads every forgotten holder back whole.
   */
  readonly maxRestingHolders?: number;
  /** Re-rate every holder at open and post any difference (e.g. new fare rules). Default true. */
  readonly rerateOnOpen?: boolean;
};

/** Counts of what `ingest` did. */
export type IngestResult = {
  readonly recorded: number;
  readonly duplicates: number;
  /** Messages whose posted rating changed after they were first posted (corrections). */
  readonly corrections: number;
  readonly entriesPosted: number;
};

/** Running counters of a ledger. */
export type LedgerCounters = {
  recorded: number;
  duplicates: number;
  corrections: number;
  /** Holders read back from the store after being forgotten. */
  holdersReloaded: number;
  /** Ratings that charged nothing for a countable reason (`tap-out-without-tap-in`, ...). */
  readonly notes: Map<string, number>;
};

/** Replay one stored entry into a map of live ratings (lines only; signatures when first compared). */
function replayEntry(live: Map<string, LiveRating>, e: LedgerEntry): void {
  const id = e.messageId as string;
  const seen = live.get(id);
  if (seen === undefined || e.version > seen.version)
    live.set(id, { version: e.version, lines: [], sig: null });
  const line = e.entryKind === 'post' && isPayerAccount(e.account) ? lineOfEntry(e) : null;
  const current = live.get(id);
  if (line !== null && current !== undefined && e.version === current.version)
    live.set(id, { ...current, lines: [...current.lines, line] });
}

/** A fare and toll ledger over a {@link LedgerStore}. */
export class Ledger {
  readonly #store: LedgerStore;
  readonly #options: LedgerOptions;
  readonly #settlement: SettlementManager;
  readonly #maxHolders: number;
  readonly #maxResting: number;
  readonly ledgerId: string;
  #book!: HolderBook;
  #live!: Map<string, LiveRating>;
  #devices!: DeviceCounters;
  #nextEntryNo = 1;
  #nextTxnNo = 1;
  readonly counters: LedgerCounters = {
    recorded: 0,
    duplicates: 0,
    corrections: 0,
    holdersReloaded: 0,
    notes: new Map(),
  };
  readonly #sink: EntrySink;
  readonly #forgetLive = (messageId: string): void => {
    this.#live.delete(messageId);
  };

  private constructor(store: LedgerStore, options: LedgerOptions, ledgerId: string) {
    this.#store = store;
    this.#options = options;
    this.ledgerId = ledgerId;
    const maxEntries = options.batchMaxEntries ?? 2000;
    if (!Number.isInteger(maxEntries) || maxEntries < 2 || maxEntries > 5000)
      throw new ConfigError('batchMaxEntries', `must be an integer 2-5000, got ${maxEntries}`);
    this.#maxHolders = options.maxCachedHolders ?? 20_000;
    if (!Number.isInteger(this.#maxHolders) || this.#maxHolders < 1)
      throw new ConfigError('maxCachedHolders', `must be a positive integer, got ${this.#maxHolders}`);
    this.#maxResting = options.maxRestingHolders ?? 60_000;
    if (!Number.isInteger(this.#maxResting) || this.#maxResting < 0)
      throw new ConfigError('maxRestingHolders', `must be a non-negative integer, got ${this.#maxResting}`);
    this.#settlement = new SettlementManager(
      store,
      { ledgerId, edgeId: options.edgeId, region: options.region },
      maxEntries,
    );
    this.#sink = {
      nextEntryNo: () => this.#nextEntryNo++,
      append: (e) => this.#store.appendEntry(e),
    };
  }

  /** Open a ledger over its store; by default re-rate every holder and post any difference. */
  static open(store: LedgerStore, options: LedgerOptions): Ledger {
    let id = store.ledgerId();
    if (id === null) {
      id = options.ledgerId ?? newId(options.clock.now());
      const fresh = id;
      store.atomically(() => store.setLedgerId(fresh));
    }
    const ledger = new Ledger(store, options, id);
    ledger.#reset();
    if (options.rerateOnOpen ?? true) ledger.#rerateAll();
    return ledger;
  }

  /** Forget all working state and read the counters back from the store (at open, after a failure). */
  #reset(): void {
    this.#book = new HolderBook(
      this.#options.policy,
      indexTollNetwork(this.#options.tollNetwork),
      this.#maxResting,
    );
    this.#live = new Map();
    this.#devices = new DeviceCounters();
    for (const d of this.#store.deviceSeqs()) this.#devices.note(d.deviceId, d.seq);
    const last = this.#store.lastEntry();
    this.#nextEntryNo = (last?.entryNo ?? 0) + 1;
    this.#nextTxnNo = (last?.txnNo ?? 0) + 1;
    this.counters.recorded = this.#store.messageCount();
  }

  /** Re-rate every holder, a page at a time, posting differences; memory stays bounded. */
  #rerateAll(): void {
    let after: string | null = null;
    for (;;) {
      const page = this.#store.holders(after, 1000);
      if (page.length === 0) break;
      this.#store.atomically(() => {
        for (const holder of page) this.#loadHolder(holder);
      });
      this.#trim();
      after = page[page.length - 1] as string;
    }
  }

  /** Read a holder back: its messages, the ratings posted for them, its rating state; returns the count. */
  #loadHolder(holder: string): number {
    const messages = this.#store.holderMessages(holder).map((s) => JSON.parse(s.body) as RatedMessage);
    const ids = messages.map((m) => m.id);
    const live = new Map<string, LiveRating>();
    for (const e of this.#store.messageEntries(ids)) replayEntry(live, e);
    for (const [id, l] of live) this.#live.set(id, l);
    for (const rating of this.#book.load(holder, messages)) this.#post(rating.messageId, rating.lines);
    return messages.length;
  }

  /** Forget the least recently active holders beyond the cache size. */
  #trim(): void {
    this.#book.evictBeyond(this.#maxHolders, this.#forgetLive);
  }

  /** Post a message's rating if it differs from what is posted; returns true when it did. */
  #post(messageId: string, lines: ReturnType<HolderBook['add']>[number]['lines']): boolean {
    const live = this.#live.get(messageId);
    let sig: string | null = null;
    // A message rated for the first time: posted unless it charged nothing (no signature needed).
    if (live === undefined) {
      if (lines.length === 0) return false;
    } else {
      sig = signatureOf(lines);
      if ((live.sig ?? signatureOf(live.lines)) === sig) return false;
      this.counters.corrections += 1;
    }
    const txnNo = this.#nextTxnNo++;
    this.#live.set(
      messageId,
      postRatingChange(messageId, live, lines, txnNo, this.#options.clock.now(), this.#sink, sig),
    );
    return true;
  }

  /** Record messages in one durable transaction. Duplicates (by id) are counted and ignored. */
  ingest(messages: readonly RatedMessage[]): IngestResult {
    const entriesBefore = this.#nextEntryNo;
    const correctionsBefore = this.counters.corrections;
    let recorded = 0;
    let duplicates = 0;
    try {
      this.#store.atomically(() => {
        const known = this.#store.recordedAmong(messages.map((m) => m.id));
        for (const m of messages) {
          if (known.has(m.id)) {
            duplicates += 1;
            continue;
          }
          known.add(m.id);
          const holder = holderOf(m);
          if (!this.#book.ready(holder, m) && this.#loadHolder(holder) > 0)
            this.counters.holdersReloaded += 1;
          this.#devices.note(m.deviceId, m.seq);
          this.#store.appendMessage({
            id: m.id,
            kind: m.kind,
            deviceId: m.deviceId,
            seq: m.seq,
            ts: m.ts,
            holder,
            body: JSON.stringify(m),
          });
          recorded += 1;
          for (const rating of this.#book.add(m, holder)) {
            this.#post(rating.messageId, rating.lines);
            if (rating.messageId === m.id && rating.note !== undefined)
              this.counters.notes.set(rating.note, (this.counters.notes.get(rating.note) ?? 0) + 1);
          }
        }
      });
    } catch (err) {
      this.counters.corrections = correctionsBefore;
      this.#reset();
      throw err;
    }
    this.#trim();
    this.counters.recorded += recorded;
    this.counters.duplicates += duplicates;
    return {
      recorded,
      duplicates,
      corrections: this.counters.corrections - correctionsBefore,
      entriesPosted: this.#nextEntryNo - entriesBefore,
    };
  }

  /** Whether a message id is recorded. */
  has(messageId: string): boolean {
    return this.#store.hasMessage(messageId);
  }

  /** Holders whose rating state is in memory now (bounded by `maxCachedHolders`). */
  get cachedHolders(): number {
    return this.#book.holderCount;
  }

  /** Number of the last entry posted (0 when none). */
  get lastEntryNo(): number {
    return this.#nextEntryNo - 1;
  }

  /** Forgotten holders rated on from their resting record, with no read of the store. */
  get holdersWoken(): number {
    return this.#book.woken;
  }

  /** Messages re-rated so far because of late or out-of-order arrivals. */
  get reratedMessages(): number {
    return this.#book.reratedMessages;
  }

  /** Per-device counters with the sequence gaps seen (possible loss). */
  deviceGaps(): DeviceGapReport[] {
    return this.#devices.report();
  }

  /** Net amount posted per message (payer side), for comparison with a reference model (reads the store). */
  chargedByMessage(): Map<string, number> {
    const all = new Map<string, LiveRating>();
    for (const e of this.#store.entries()) if (e.messageId !== null) replayEntry(all, e);
    const out = new Map<string, number>();
    for (const [id, live] of all)
      out.set(
        id,
        live.lines.reduce((s, l) => s + l.amountKrw, 0),
      );
    return out;
  }

  /** Balance of every account (debits positive), summed over all entries. */
  balances(): Map<string, number> {
    return this.#store.accountTotals(1, Number.MAX_SAFE_INTEGER, true);
  }

  /** The settlement batch to send now (a resend of the oldest unacknowledged one first), or null. */
  nextSettlementBatch(): SettlementBatch | null {
    return this.#settlement.next(this.lastEntryNo, this.#options.clock.now());
  }

  /** Apply the center's acknowledgement of a batch. */
  acknowledge(ack: SettlementAck): AckOutcome {
    try {
      return this.#settlement.acknowledge(
        ack,
        () => this.#nextTxnNo++,
        this.#sink,
        this.#options.clock.now(),
      );
    } catch (err) {
      this.#reset();
      throw err;
    }
  }

  /** Batches sent but not yet acknowledged. */
  get pendingBatches(): number {
    return this.#settlement.pendingCount();
  }

  close(): void {
    this.#store.close();
  }
}
