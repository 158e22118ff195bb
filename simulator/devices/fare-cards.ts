/**
 * @module simulator/devices/fare-cards
 * Passengers and their transit cards: who boards (new riders or transferring ones), where they alight,
 * and the taps the bus's reader makes, charged by the fare engine of `core/fares` (the reader's own
 * algorithm) so the clearing house can re-rate them.
 */
import type { CardTap, PassengerDemand, RiderClass, Scenario } from './fare-types.ts';
import { chargeAtTap, emptyCardState, type CardState, type FarePolicy } from '../../core/fares/index.ts';
import type { Rng } from '../engine/index.ts';

/** A rider on board. */
export type Rider = { readonly cardId: string; readonly riderClass: RiderClass; readonly alightAt: number };

/** Where and what a tap is. */
export type TapContext = {
  readonly readerId: string;
  readonly mode: CardTap['mode'];
  readonly operatorId: string;
  readonly routeId: string | null;
  readonly stopId: string;
  /** Bus id; null at a subway gate. */
  readonly vehicleId: string | null;
  /** Bus odometer; null at a subway gate. */
  readonly odometerKm: number | null;
  /** Subway exit gate: distance of the ride from the station-distance table, km. */
  readonly legKm?: number;
};

const START_BALANCE_KRW = 20_000;
/** Transfers count within 30 min of the tap-out (capital-area rule; the fare engine decides). */
const TRANSFER_WINDOW_MS = 30 * 60_000;

/** Card states, transfer candidates and the tap builder. */
export class FareCards {
  readonly #cards = new Map<string, { state: CardState; balance: number }>();
  readonly #recent: { cardId: string; riderClass: RiderClass; atMs: number }[] = [];
  readonly #rng: Rng;
  readonly #policy: FarePolicy | null;
  readonly #demand: PassengerDemand;
  #next = 1;

  constructor(sc: Scenario, rng: Rng, policy: FarePolicy | null) {
    this.#rng = rng;
    this.#policy = policy;
    this.#demand = sc.demand.passengers ?? {
      boardingsPerStopPerHour: 30,
      riderClassShares: { adult: 0.85, youth: 0.1, child: 0.05 },
      transferShare: 0.2,
      missingTapOutShare: 0.01,
    };
  }

  /** Mean boardings per stop per hour. */
  get boardingsPerHour(): number {
    return this.#demand.boardingsPerStopPerHour;
  }

  /** A boarding rider: a transferring one within the window, or a new card. */
  board(nowMs: number, alightAt: number): Rider {
    while (this.#recent.length > 0 && nowMs - this.#recent[0]!.atMs > TRANSFER_WINDOW_MS)
      this.#recent.shift();
    if (this.#recent.length > 0 && this.#rng.next() < this.#demand.transferShare) {
      const r = this.#recent.splice(this.#rng.int(this.#recent.length), 1)[0]!;
      return { cardId: r.cardId, riderClass: r.riderClass, alightAt };
    }
    const shares = this.#demand.riderClassShares;
    let u = this.#rng.next() * Object.values(shares).reduce((a, b) => a + (b ?? 0), 0);
    let riderClass: RiderClass = 'adult';
    for (const [c, w] of Object.entries(shares) as [RiderClass, number][]) {
      riderClass = c;
      u -= w;
      if (u < 0) break;
    }
    return { cardId: `card-${String(this.#next++).padStart(8, '0')}`, riderClass, alightAt };
  }

  /** Whether this alighting rider forgets to tap out. */
  forgetsTapOut(): boolean {
    return this.#rng.next() < this.#demand.missingTapOutShare;
  }

  /** Build and charge a tap; remembers tap-outs as transfer candidates. */
  tap(
    rider: Rider,
    dir: 'in' | 'out',
    ctx: TapContext,
    envelope: { id: string; deviceId: string; seq: number; ts: number },
  ): CardTap {
    const card = this.#cards.get(rider.cardId) ?? {
      state: emptyCardState(rider.cardId),
      balance: START_BALANCE_KRW,
    };
    const draft: CardTap = {
      kind: 'tap',
      ...envelope,
      cardId: rider.cardId,
      tap: dir,
      mode: ctx.mode,
      operatorId: ctx.operatorId,
      routeId: ctx.routeId,
      stopId: ctx.stopId,
      vehicleId: ctx.vehicleId,
      riderClass: rider.riderClass,
      odometerKm: ctx.odometerKm === null ? null : Math.round(ctx.odometerKm * 1000) / 1000,
      ...(ctx.legKm === undefined ? {} : { legKm: Math.round(ctx.legKm * 1000) / 1000 }),
      chargedKrw: 0,
      balanceAfterKrw: card.balance,
    };
    let charged = 0;
    if (this.#policy !== null) {
      const r = chargeAtTap(card.state, draft, this.#policy);
      charged = Math.max(0, Math.round(r.rating.chargeKrw));
      card.state = r.state;
    }
    card.balance -= charged;
    const tap: CardTap = { ...draft, chargedKrw: charged, balanceAfterKrw: card.balance };
    if (card.balance < 5_000) card.balance += START_BALANCE_KRW;
    this.#cards.set(rider.cardId, card);
    if (dir === 'out')
      this.#recent.push({ cardId: rider.cardId, riderClass: rider.riderClass, atMs: envelope.ts });
    return tap;
  }
}
