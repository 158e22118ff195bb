/**
 * @module edge/ledger/ledger
 * The edge's fare and toll ledger. Records every tap and toll pass once (idempotent on the message
 * id), rates it with the shared fare rules, and posts double-entry entries; a message that arrives late
 * or out of order re-rates its holder's journeys and posts only the differences as new entries, so the
 * result equals in-order, exactly-once arrival. Each `ingest` call is one durable transaction: callers
 * batch messages for throughput and acknowledge them (MQTT PUBACK) only after it returns.
 */
import type { FarePolicy, TollNetwork } from '../../core/fares/index.ts';
import { compareMessages, indexTollNetwork } from '../../core/fares/index.ts';
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
  /** Ratings that charged nothing for a countable reason (`tap-out-without-tap-in`, ...). */
  readonly notes: Map<string, number>;
};

/** A fare and toll ledger over a {@link LedgerStore}. */
export class Ledger {
  readonly #store: LedgerStore;
  readonly #options: LedgerOptions;
  readonly #settlement: SettlementManager;
  readonly ledgerId: string;
  #book!: HolderBook;
  #ids!: Set<string>;
  #live!: Map<string, LiveRating>;
  #devices!: DeviceCounters;
  #nextEntryNo = 1;
  #nextTxnNo = 1;
  readonly counters: LedgerCounters = { recorded: 0, duplicates: 0, corrections: 0, notes: new Map() };
  readonly #sink: EntrySink;

  private constructor(store: LedgerStore, options: LedgerOptions, ledgerId: string) {
    this.#store = store;
    this.#options = options;
    this.ledgerId = ledgerId;
    const maxEntries = options.batchMaxEntries ?? 2000;
    if (!Number.isInteger(maxEntries) || maxEntries < 2 || maxEntries > 5000)
      throw new ConfigError('batchMaxEntries', `must be an integer 2-5000, got ${maxEntries}`);
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

  /** Open a ledger: replay the store, re-rate every holder and post any difference (e.g. new rules). */
  static open(store: LedgerStore, options: LedgerOptions): Ledger {
    let id = store.ledgerId();
    if (id === null) {
      id = options.ledgerId ?? newId(options.clock.now());
      const fresh = id;
      store.atomically(() => store.setLedgerId(fresh));
    }
    const ledger = new Ledger(store, options, id);
    ledger.#load();
    return ledger;
  }

  #load(): void {
    this.#book = new HolderBook(this.#options.policy, indexTollNetwork(this.#options.tollNetwork));
    this.#ids = new Set();
    this.#devices = new DeviceCounters();
    this.#live = new Map();
    const messages: RatedMessage[] = [];
    for (const stored of this.#store.messages()) {
      messages.push(JSON.parse(stored.body) as RatedMessage);
      this.#ids.add(stored.id);
      this.#devices.note(stored.deviceId, stored.seq);
    }
    messages.sort(compareMessages);
    const rated = new Map<string, ReturnType<HolderBook['add']>[number]>();
    for (const m of messages) for (const r of this.#book.add(m)) rated.set(r.messageId, r);
    this.#nextEntryNo = 1;
    this.#nextTxnNo = 1;
    for (const e of this.#store.entries()) {
      this.#nextEntryNo = e.entryNo + 1;
      this.#nextTxnNo = Math.max(this.#nextTxnNo, e.txnNo + 1);
      if (e.messageId !== null) this.#replayEntry(e);
    }
    for (const [id, live] of this.#live) this.#live.set(id, { ...live, sig: signatureOf(live.lines) });
    this.counters.recorded = this.#ids.size;
    this.#store.atomically(() => {
      for (const rating of rated.values()) this.#post(rating.messageId, rating.lines);
    });
  }

  #replayEntry(e: LedgerEntry): void {
    const id = e.messageId as string;
    const live = this.#live.get(id);
    if (live === undefined || e.version > live.version)
      this.#live.set(id, { version: e.version, lines: [], sig: '' });
    const line = e.entryKind === 'post' && isPayerAccount(e.account) ? lineOfEntry(e) : null;
    const current = this.#live.get(id);
    if (line !== null && current !== undefined && e.version === current.version)
      this.#live.set(id, { ...current, lines: [...current.lines, line] });
  }

  /** Post a message's rating if it differs from what is posted; returns true when it did. */
  #post(messageId: string, lines: ReturnType<HolderBook['add']>[number]['lines']): boolean {
    const live = this.#live.get(messageId);
    const sig = signatureOf(lines);
    if ((live?.sig ?? '') === sig) return false;
    if (live !== undefined) this.counters.corrections += 1;
    const txnNo = this.#nextTxnNo++;
    this.#live.set(
      messageId,
      postRatingChange(messageId, live, lines, txnNo, this.#options.clock.now(), this.#sink),
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
        for (const m of messages) {
          if (this.#ids.has(m.id)) {
            duplicates += 1;
            continue;
          }
          this.#ids.add(m.id);
          this.#devices.note(m.deviceId, m.seq);
          const holder = holderOf(m);
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
          for (const rating of this.#book.add(m)) {
            this.#post(rating.messageId, rating.lines);
            if (rating.messageId === m.id && rating.note !== undefined)
              this.counters.notes.set(rating.note, (this.counters.notes.get(rating.note) ?? 0) + 1);
          }
        }
      });
    } catch (err) {
      this.#load();
      throw err;
    }
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
    return this.#ids.has(messageId);
  }

  /** Number of the last entry posted (0 when none). */
  get lastEntryNo(): number {
    return this.#nextEntryNo - 1;
  }

  /** Messages re-rated so far because of late or out-of-order arrivals. */
  get reratedMessages(): number {
    return this.#book.reratedMessages;
  }

  /** Per-device counters with the sequence gaps seen (possible loss). */
  deviceGaps(): DeviceGapReport[] {
    return this.#devices.report();
  }

  /** Net amount posted per message (payer side), for comparison with a reference model. */
  chargedByMessage(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [id, live] of this.#live)
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
      this.#load();
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
