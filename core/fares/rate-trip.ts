/**
 * @module core/fares/rate-trip
 * Central re-rating: the same `chargeAtTap` folded over a card's taps in device-time order, whatever
 * order they arrived in and however often. One algorithm, two harnesses (BRIEF): the reader charges
 * tap by tap, the center re-rates the whole trip, and both give the same charges.
 */
import type { CardTap } from '../messages/index.ts';
import type { FarePolicy } from './policy.ts';
import type { Orderable, Rating } from './rating.ts';
import { compareMessages } from './rating.ts';
import type { CardState } from './transit-fare.ts';
import { chargeAtTap, emptyCardState } from './transit-fare.ts';

/** Result of re-rating: a rating per distinct tap (in rating order) and each card's final state. */
export type TripRating = {
  readonly ratings: readonly Rating[];
  readonly totalKrw: number;
  readonly cards: ReadonlyMap<string, CardState>;
};

/** Distinct messages by id, in rating order. */
export function inRatingOrder<T extends Orderable>(messages: Iterable<T>): T[] {
  const byId = new Map<string, T>();
  for (const m of messages) if (!byId.has(m.id)) byId.set(m.id, m);
  return [...byId.values()].sort(compareMessages);
}

/** Re-rate taps of one or more cards from scratch. Duplicates (same id) are rated once. */
export function rateTrip(taps: Iterable<CardTap>, policy: FarePolicy): TripRating {
  const cards = new Map<string, CardState>();
  const ratings: Rating[] = [];
  let totalKrw = 0;
  for (const tap of inRatingOrder(taps)) {
    const state = cards.get(tap.cardId) ?? emptyCardState(tap.cardId);
    const charged = chargeAtTap(state, tap, policy);
    cards.set(tap.cardId, charged.state);
    ratings.push(charged.rating);
    totalKrw += charged.rating.chargeKrw;
  }
  return { ratings, totalKrw, cards };
}
