/**
 * @module edge/ledger/holder-book
 * Each holder's (card's or vehicle's) messages in rating order with the state after the last one, so
 * an in-order arrival costs one `chargeAtTap`/`chargeAtGantry` step, and a late or out-of-order one
 * re-rates that holder's history with the same functions. Either way the ratings equal `rateTrip` of
 * everything received so far: arrival order cannot change the money.
 */
import type { CardState, FarePolicy, Rating, TollIndex, VehicleTollState } from '../../core/fares/index.ts';
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
  readonly messages: RatedMessage[];
  card: CardState | null;
  vehicle: VehicleTollState | null;
};

/** The holder key of a message: `card:<id>` or `vehicle:<obu id | plate:...>`. */
export function holderOf(message: RatedMessage): string {
  return message.kind === 'tap' ? `card:${message.cardId}` : `vehicle:${vehicleKeyOf(message)}`;
}

/** Per-holder rating state. */
export class HolderBook {
  readonly #holders = new Map<string, Holder>();
  readonly #policy: FarePolicy;
  readonly #tolls: TollIndex;
  /** Messages re-rated because something arrived before them in rating order. */
  reratedMessages = 0;

  constructor(policy: FarePolicy, tolls: TollIndex) {
    this.#policy = policy;
    this.#tolls = tolls;
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
    const holder: Holder = { messages: [...messages].sort(compareMessages), card: null, vehicle: null };
    this.#holders.set(key, holder);
    return holder.messages.map((m) => this.#step(holder, m));
  }

  /** Forget a holder (it stays in the store); returns the ids of its messages. */
  evict(key: string): string[] {
    const holder = this.#holders.get(key);
    this.#holders.delete(key);
    return holder === undefined ? [] : holder.messages.map((m) => m.id);
  }

  /** The holder touched least recently, or undefined when none is held. */
  leastRecent(): string | undefined {
    for (const key of this.#holders.keys()) return key;
    return undefined;
  }

  /**
   * Add a message (not seen before) and return the ratings that may have changed: just its own when it
   * arrived in order, else every message of the holder from scratch.
   */
  add(message: RatedMessage): Rating[] {
    const key = holderOf(message);
    let holder = this.#holders.get(key);
    // Re-inserted on every touch: Map iteration order is then least recently used first.
    if (holder !== undefined) this.#holders.delete(key);
    else holder = { messages: [], card: null, vehicle: null };
    this.#holders.set(key, holder);
    const last = holder.messages[holder.messages.length - 1];
    if (last === undefined || compareMessages(last, message) < 0) {
      holder.messages.push(message);
      return [this.#step(holder, message)];
    }
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
