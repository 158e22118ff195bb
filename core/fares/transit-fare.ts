/**
 * @module core/fares/transit-fare
 * The capital-area integrated distance fare, charged tap by tap as a card reader does
 * (`chargeAtTap`). A journey pays its highest leg base fare plus the distance surcharge of its total
 * distance; each tap charges what the journey's fare so far exceeds what it already paid, so later legs
 * pay the base-fare difference plus distance (t-money.co.kr user guide). Transfers: within 30 min of
 * the previous tap-out (60 min when that tap-out is 21:00-07:00 local), at most 4, none onto the same
 * route. A missing tap-out voids the transfer: the discount given and the route's maximum surcharge are
 * charged at the next tap. Taxis are metered and stay outside journeys.
 */
import type { CardTap, RiderClass } from '../messages/index.ts';
import type { FarePolicy, TransitFareMode } from './policy.ts';
import type { ChargeLine, ChargeReason, Rating } from './rating.ts';
import { ratingOf } from './rating.ts';
import { distanceSurchargeKrw, metresOf } from './distance.ts';
import { inDailyWindow, localDay, localMinuteOfDay } from './local-time.ts';
import { taxiFareKrw } from './taxi.ts';

/** One leg of a journey on the card. */
export type JourneyLeg = {
  readonly legNo: number;
  readonly mode: TransitFareMode;
  readonly routeId: string | null;
  readonly operatorId: string;
  readonly baseKrw: number;
  readonly tapInTs: number;
  readonly tapInOdometerKm: number | null;
  /** What the tap-in charged (the base, or the base difference on a transfer). */
  readonly chargedAtTapInKrw: number;
  /** Metres travelled; 0 while open. */
  readonly legM: number;
  /** True between tap-in and tap-out. */
  readonly open: boolean;
};

/** The journey a card is on, as its chip would remember it. */
export type Journey = {
  readonly journeyId: string;
  readonly day: string;
  readonly riderClass: RiderClass;
  readonly legs: readonly JourneyLeg[];
  readonly paidKrw: number;
  readonly lastTapOutTs: number | null;
};

/** State a card carries between taps. */
export type CardState = { readonly cardId: string; readonly journey: Journey | null };

/** A card with no journey in progress. */
export function emptyCardState(cardId: string): CardState {
  return { cardId, journey: null };
}

/** Result of one tap: the rating and the card's new state. */
export type TapCharge = { readonly rating: Rating; readonly state: CardState };

/** Base fare of a leg boarded at `tsMs`, with the early-morning subway discount. */
export function legBaseKrw(
  mode: TransitFareMode,
  riderClass: RiderClass,
  tsMs: number,
  p: FarePolicy,
): number {
  const base = p.baseFares[mode][riderClass];
  if (mode !== 'subway') return base;
  const minute = localMinuteOfDay(tsMs, p.utcOffsetMs);
  // First trains run from about 05:30; 04:00 bounds the discount window away from late-night service.
  if (minute >= 240 && minute < p.earlyMorningSubway.beforeMin) {
    return Math.round((base * (1 - p.earlyMorningSubway.rate)) / 10) * 10;
  }
  return base;
}

/** The fare a journey owes so far: highest leg base + surcharge of the distance of its closed legs. */
export function journeyFareKrw(journey: Journey, p: FarePolicy): number {
  return legsFareKrw(journey.legs, journey.riderClass, p);
}

/** `journeyFareKrw` of a journey with these legs (no journey object needed on the hot path). */
function legsFareKrw(legs: readonly JourneyLeg[], riderClass: RiderClass, p: FarePolicy): number {
  let maxBase = 0;
  let distanceM = 0;
  let wideArea = false;
  for (const leg of legs) {
    maxBase = Math.max(maxBase, leg.baseKrw);
    distanceM += leg.legM;
    if (leg.mode === 'wideAreaBus') wideArea = true;
  }
  const baseM = wideArea ? p.baseMWithWideAreaBus : p.baseM;
  return maxBase + distanceSurchargeKrw(distanceM, baseM, riderClass, p.bands);
}

/** Whether a tap-in at `tsMs` onto `routeId` continues `journey` as a transfer. */
export function isTransfer(journey: Journey, tsMs: number, routeId: string | null, p: FarePolicy): boolean {
  const last = journey.legs[journey.legs.length - 1];
  if (last === undefined || last.open || journey.lastTapOutTs === null) return false;
  if (journey.legs.length - 1 >= p.transfer.maxTransfers) return false;
  if (!p.transfer.sameRouteAllowed && routeId !== null && routeId === last.routeId) return false;
  const outMinute = localMinuteOfDay(journey.lastTapOutTs, p.utcOffsetMs);
  const night = inDailyWindow(outMinute, p.transfer.nightFromMin, p.transfer.nightToMin);
  const elapsed = tsMs - journey.lastTapOutTs;
  return elapsed >= 0 && elapsed <= (night ? p.transfer.nightWindowMs : p.transfer.windowMs);
}

function line(
  journey: Journey,
  leg: JourneyLeg,
  payer: string,
  reason: ChargeReason,
  amountKrw: number,
): ChargeLine {
  return {
    journeyId: journey.journeyId,
    day: journey.day,
    legNo: leg.legNo,
    operatorId: leg.operatorId,
    mode: leg.mode,
    routeId: leg.routeId,
    legBaseKrw: leg.baseKrw,
    legM: leg.legM,
    payer,
    reason,
    amountKrw,
  };
}

/** Penalty for a leg left open: the transfer discount it got plus its route's maximum surcharge. */
function missingTapOutPenalty(journey: Journey, leg: JourneyLeg, p: FarePolicy): number {
  const discount = leg.legNo > 1 ? Math.max(0, leg.baseKrw - leg.chargedAtTapInKrw) : 0;
  const routeKm = (leg.routeId === null ? undefined : p.routeMaxKm[leg.routeId]) ?? p.defaultRouteMaxKm;
  const baseM = leg.mode === 'wideAreaBus' ? p.baseMWithWideAreaBus : p.baseM;
  return discount + distanceSurchargeKrw(metresOf(routeKm), baseM, journey.riderClass, p.bands);
}

function withLeg(
  journey: Journey,
  legs: readonly JourneyLeg[],
  paidKrw: number,
  lastOut: number | null,
): Journey {
  // Written out rather than spread: this runs twice per tap on the ledger's hot path.
  return {
    journeyId: journey.journeyId,
    day: journey.day,
    riderClass: journey.riderClass,
    legs,
    paidKrw,
    lastTapOutTs: lastOut,
  };
}

function tapIn(state: CardState, tap: CardTap, mode: TransitFareMode, p: FarePolicy): TapCharge {
  const payer = `card:${tap.cardId}`;
  const lines: ChargeLine[] = [];
  let journey = state.journey;
  const openLeg = journey?.legs[journey.legs.length - 1];
  if (journey !== null && openLeg !== undefined && openLeg.open) {
    const penalty = missingTapOutPenalty(journey, openLeg, p);
    lines.push(line(journey, openLeg, payer, 'missing-tap-out', penalty));
    journey = null;
  }
  const transfer = journey !== null && isTransfer(journey, tap.ts, tap.routeId, p);
  const riderClass = transfer && journey !== null ? journey.riderClass : tap.riderClass;
  const leg: JourneyLeg = {
    legNo: transfer && journey !== null ? journey.legs.length + 1 : 1,
    mode,
    routeId: tap.routeId,
    operatorId: tap.operatorId,
    baseKrw: legBaseKrw(mode, riderClass, tap.ts, p),
    tapInTs: tap.ts,
    tapInOdometerKm: tap.odometerKm,
    chargedAtTapInKrw: 0,
    legM: 0,
    open: true,
  };
  const prior: Journey =
    transfer && journey !== null
      ? journey
      : {
          journeyId: tap.id,
          day: localDay(tap.ts, p.utcOffsetMs),
          riderClass,
          legs: [],
          paidKrw: 0,
          lastTapOutTs: null,
        };
  // One legs array: the fare is taken with the new leg, which is then replaced by its charged copy.
  const legs = [...prior.legs, leg];
  const charge = Math.max(0, legsFareKrw(legs, prior.riderClass, p) - prior.paidKrw);
  const charged: JourneyLeg = { ...leg, chargedAtTapInKrw: charge };
  legs[legs.length - 1] = charged;
  const next = withLeg(prior, legs, prior.paidKrw + charge, prior.lastTapOutTs);
  lines.push(line(next, charged, payer, transfer ? 'transfer' : 'base', charge));
  return { rating: ratingOf(tap.id, lines), state: { cardId: state.cardId, journey: next } };
}

function tapOut(state: CardState, tap: CardTap, p: FarePolicy): TapCharge {
  const journey = state.journey;
  const open = journey?.legs[journey.legs.length - 1];
  if (journey === null || open === undefined || !open.open) {
    return { rating: ratingOf(tap.id, [], 'tap-out-without-tap-in'), state };
  }
  const odometerM =
    tap.odometerKm !== null && open.tapInOdometerKm !== null
      ? Math.max(0, metresOf(tap.odometerKm) - metresOf(open.tapInOdometerKm))
      : 0;
  const legM = tap.legKm !== undefined ? metresOf(tap.legKm) : odometerM;
  const closed: JourneyLeg = { ...open, legM, open: false };
  const legs = journey.legs.slice();
  legs[legs.length - 1] = closed;
  const charge = Math.max(0, legsFareKrw(legs, journey.riderClass, p) - journey.paidKrw);
  const next = withLeg(journey, legs, journey.paidKrw + charge, tap.ts);
  const lines = [line(next, closed, `card:${tap.cardId}`, 'distance', charge)];
  return { rating: ratingOf(tap.id, lines), state: { cardId: state.cardId, journey: next } };
}

function taxiTap(state: CardState, tap: CardTap, p: FarePolicy): TapCharge {
  if (tap.tap === 'in') return { rating: ratingOf(tap.id, [], 'taxi-boarding'), state };
  const odometerM = tap.odometerKm === null ? 0 : metresOf(tap.odometerKm);
  const distanceM = tap.legKm !== undefined ? metresOf(tap.legKm) : odometerM;
  const fare = taxiFareKrw({ distanceM, slowS: tap.slowS ?? 0, paidAtMs: tap.ts }, p);
  const ride: ChargeLine = {
    journeyId: tap.id,
    day: localDay(tap.ts, p.utcOffsetMs),
    legNo: 1,
    operatorId: tap.operatorId,
    mode: 'taxi',
    routeId: tap.routeId,
    legBaseKrw: p.taxi.baseKrw,
    legM: distanceM,
    payer: `card:${tap.cardId}`,
    reason: 'taxi',
    amountKrw: fare,
  };
  return { rating: ratingOf(tap.id, [ride]), state };
}

/**
 * Charge one tap as a reader does: from the card's state and the tap, the charge (as lines) and the
 * card's new state. Pure; `rateTrip` folds it over a whole journey for central re-rating.
 */
export function chargeAtTap(state: CardState, tap: CardTap, policy: FarePolicy): TapCharge {
  if (tap.mode === 'taxi') return taxiTap(state, tap, policy);
  return tap.tap === 'in' ? tapIn(state, tap, tap.mode, policy) : tapOut(state, tap, policy);
}
