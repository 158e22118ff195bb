/**
 * @module edge/ledger/holder-book
 * Each holder's (card's or vehicle's) messages in rating order with the state after the last one, so
 * an in-order arrival costs one `chargeAtTap`/`chargeAtGantry` step, and a late or out-of-order one
 * re-rates that holder's history with the same functions. Either way the ratings equal `rateTrip` of
 * everything received so far: arrival order cannot change the money.
 *
 * A holder evicted from memory leaves a small *resting* record behind (its last message's ordering
 * fields and its rating state, no message history): its next message, when it comes after the last one
 * in rating order (nearly always), is rated from that state with no read of the store, and the holder
 * is *partial* in memory (its history since it woke). Only a message that must be rated before earlier
 * ones needs the holder's whole history, which the ledger then reads back (`load`).
 */
import type {
  CardState,
  FarePolicy,
  Orderable,
  Rating,
  TollIndex,
  VehicleTollState,
} from '../../core/fares/index.ts';
import {
  chargeAtGantry,
  chargeAtTap,
  compareMessages,
  emptyCardState,
  vehicleKeyOf,
} from '../../core/fares/index.ts';
import type { CardTap, TollPass } from '../../core/messages/index.ts';

/** A message the ledger rates. */
export type RatedMessage = CardTap | TollPass;

type Holder = {
  /** Messages in rating order: the whole history, or (partial) those since the holder woke. */
  readonly messages: RatedMessage[];
  /** The last message before `messages` (partial holders), else null. */
  readonly before: Orderable | null;
  card: CardState | null;
  vehicle: VehicleTollState | null;
};

/** What stays of an evicted holder: enough to rate a message that comes after all of its others. */
type Resting = {
  readonly last: Orderable;
  readonly card: CardState | null;
  readonly vehicle: VehicleTollState | null;
};

function orderOf(m: RatedMessage): Orderable {
  return m.kind === 'tap'
    ? { ts: m.ts, deviceId: m.deviceId, seq: m.seq, id: m.id, tap: m.tap }
    : { ts: m.ts, deviceId: m.deviceId, seq: m.seq, id: m.id };
}

/** The holder key of a message: `card:<id>` or `vehicle:<obu id | plate:...>`. */
export function holderOf(message: RatedMessage): string {
  return message.kind === 'tap' ? `card:${message.cardId}` : `vehicle:${vehicleKeyOf(message)}`;
}

/** Per-holder rating state. */
export class HolderBook {
  readonly #holders = new Map<string, Holder>();
  /** Evicted holders' resting records, least recently evicted first. */
  readonly #resting = new Map<string, Resting>();
  readonly #maxResting: number;
  readonly #policy: FarePolicy;
  readonly #tolls: TollIndex;
  /** Messages re-rated because something arrived before them in rating order. */
  reratedMessages = 0;
  /** Holders woken from a resting record (rated on with no read of the store). */
  woken = 0;

  /** `maxResting`: resting records kept (0: an evicted holder is always read back whole). */
  constructor(policy: FarePolicy, tolls: TollIndex, maxResting = 0) {
    this.#policy = policy;
    this.#tolls = tolls;
    this.#maxResting = maxResting;
  }

  /** Number of resting records held. */
  get restingCount(): number {
    return this.#resting.size;
  }

  /**
   * Whether `add(message)` can rate the message from memory: its holder is in memory whole, or the
   * message comes after all of the holder's others in rating order (a resting holder is woken for it).
   * False means the ledger must `load` the holder's history from the store first.
   */
  ready(key: string, message: RatedMessage): boolean {
    const holder = this.#holders.get(key);
    if (holder !== undefined) {
      if (holder.before === null) return true;
      const last = holder.messages[holder.messages.length - 1] ?? holder.before;
      return compareMessages(last, message) < 0;
    }
    const resting = this.#resting.get(key);
    if (resting === undefined || compareMessages(resting.last, message) >= 0) return false;
    this.#resting.delete(key);
    this.#holders.set(key, {
      messages: [],
      before: resting.last,
      card: resting.card,
      vehicle: resting.vehicle,
    });
    this.woken += 1;
    return true;
  }

  /** Number of holders held in memory. */
  get holderCount(): number {
    return this.#holders.size;
  }

  /** Whether a holder's state is in memory. */
  has(key: string): boolean {
    return this.#holders.has(key);
  }

  /**
   * Put a holder's whole history (read back from the store) in memory and rate it from scratch;
   * returns the ratings of its messages.
   */
  load(key: string, messages: readonly RatedMessage[]): Rating[] {
    const holder: Holder = {
      messages: [...messages].sort(compareMessages),
      before: null,
      card: null,
      vehicle: null,
    };
    this.#resting.delete(key);
    this.#holders.delete(key);
    this.#holders.set(key, holder);
    return holder.messages.map((m) => this.#step(holder, m));
  }

  /**
   * Forget the least recently active holders beyond `maxHolders` (they stay in the store), keeping a
   * resting record of each while there is room; `forget` gets the ids of the messages each held. One
   * pass over the map's keys: starting a new iteration per holder would walk the deleted slots a Map
   * keeps at its front until it is rehashed.
   */
  evictBeyond(maxHolders: number, forget: (messageId: string) => void): void {
    if (this.#holders.size <= maxHolders) return;
    for (const [key, holder] of this.#holders) {
      if (this.#holders.size <= maxHolders) break;
      this.#holders.delete(key);
      for (const m of holder.messages) forget(m.id);
      const lastMessage = holder.messages[holder.messages.length - 1];
      const last = lastMessage === undefined ? holder.before : orderOf(lastMessage);
      if (this.#maxResting > 0 && last !== null)
        this.#resting.set(key, { last, card: holder.card, vehicle: holder.vehicle });
    }
    if (this.#resting.size > this.#maxResting)
      for (const key of this.#resting.keys()) {
        if (this.#resting.size <= this.#maxResting) break;
        this.#resting.delete(key);
      }
  }

  /**
   * Add a message (not seen before) and return the ratings that may have changed: just its own when it
   * arrived in order, else every message of the holder from scratch. A holder not in memory is new (the
   * ledger asked the store, `ready` or `load`, first). `key` is `holderOf(message)` when the caller has it.
   */
  add(message: RatedMessage, key: string = holderOf(message)): Rating[] {
    let holder = this.#holders.get(key);
    // Re-inserted on every touch: Map iteration order is then least recently used first.
    if (holder !== undefined) this.#holders.delete(key);
    else holder = { messages: [], before: null, card: null, vehicle: null };
    this.#holders.set(key, holder);
    const last = holder.messages[holder.messages.length - 1] ?? holder.before ?? undefined;
    if (last === undefined || compareMessages(last, message) < 0) {
      holder.messages.push(message);
      return [this.#step(holder, message)];
    }
    // Partial holders are made whole (`load`) before an earlier message is added (see `ready`).
    if (holder.before !== null)
      throw new Error(`holder ${key}: a message before its last needs its history loaded first`);
    let at = holder.messages.length;
    while (at > 0 && compareMessages(holder.messages[at - 1] as RatedMessage, message) > 0) at -= 1;
    holder.messages.splice(at, 0, message);
    holder.card = null;
    holder.vehicle = null;
    this.reratedMessages += holder.messages.length - 1;
    return holder.messages.map((m) => this.#step(holder, m));
  }

  #step(holder: Holder, message: RatedMessage): Rating {
    if (message.kind === 'tap') {
      const charged = chargeAtTap(holder.card ?? emptyCardState(message.cardId), message, this.#policy);
      holder.card = charged.state;
      return charged.rating;
    }
    const state = holder.vehicle ?? { vehicleKey: vehicleKeyOf(message), entry: null };
    const charged = chargeAtGantry(state, message, this.#tolls, this.#policy);
    holder.vehicle = charged.state;
    return charged.rating;
  }
}
