/**
 * @module core/fares/toll
 * Hi-pass-like expressway tolls (Korea Expressway Corporation tariff, see SOURCES.md). Closed system:
 * an exit pass pairs with the vehicle's entry and pays base 900 + km x class rate; open system: each
 * plaza charges base 720 + its charged km x class rate. The per-km part is adjusted by the road's
 * lane count (6+ lanes 1.2x, 2 lanes 0.5x), light cars pay half, and the toll is rounded to 100 won
 * (50 won or less dropped, more rounded up; KTV). An exit with no entry is charged from the farthest
 * entry. A vehicle without OBU, or whose purse cannot pay, is recorded against its plate for billing.
 */
import { ConfigError } from '../errors/index.ts';
import type { TollPass, TollVehicleClass } from '../messages/index.ts';
import type { FarePolicy } from './policy.ts';
import type { ChargeLine, ChargeReason, Rating } from './rating.ts';
import { ratingOf } from './rating.ts';
import { localDay } from './local-time.ts';
import { inRatingOrder } from './rate-trip.ts';

/** A toll road, shaped like the scenario's `tollRoads` entries. */
export type TollRoad = {
  readonly id: string;
  readonly operatorId: string;
  readonly system: 'closed' | 'open';
  readonly lanesEachWay: number;
};

/** A gantry, shaped like the scenario's `tollGantries` entries. */
export type TollGantry = {
  readonly id: string;
  readonly tollRoadId: string;
  readonly role: 'entry' | 'exit' | 'plaza';
  readonly chainageKm: number;
  readonly chargedKm?: number;
};

/** Roads and gantries the toll engine knows. */
export type TollNetwork = { readonly roads: readonly TollRoad[]; readonly gantries: readonly TollGantry[] };

/** A network indexed for lookups; build once with {@link indexTollNetwork}. */
export type TollIndex = {
  readonly roads: ReadonlyMap<string, TollRoad>;
  readonly gantries: ReadonlyMap<string, TollGantry>;
  /** Chainages of each road's entry gantries, for the missing-entry maximum. */
  readonly entryKm: ReadonlyMap<string, readonly number[]>;
};

/** Index a toll network; throws ConfigError on a gantry of an unknown road. */
export function indexTollNetwork(network: TollNetwork): TollIndex {
  const roads = new Map(network.roads.map((r) => [r.id, r]));
  const gantries = new Map<string, TollGantry>();
  const entryKm = new Map<string, number[]>();
  network.gantries.forEach((g, i) => {
    if (!roads.has(g.tollRoadId))
      throw new ConfigError(`gantries[${i}].tollRoadId`, `unknown toll road ${JSON.stringify(g.tollRoadId)}`);
    gantries.set(g.id, g);
    if (g.role === 'entry') entryKm.set(g.tollRoadId, [...(entryKm.get(g.tollRoadId) ?? []), g.chainageKm]);
  });
  return { roads, gantries, entryKm };
}

/** Round to 100 won the tariff's way: a remainder of 50 won or less is dropped, more is rounded up. */
export function roundToll(krw: number): number {
  const cents = Math.round(krw * 100);
  const rest = cents % 10_000;
  return rest <= 5_000 ? (cents - rest) / 100 : (cents - rest + 10_000) / 100;
}

/** Toll in won for `km` on `road` by a vehicle class, with base `baseKrw`. */
export function tollKrw(
  km: number,
  vehicleClass: TollVehicleClass,
  road: TollRoad,
  policy: FarePolicy,
): number {
  const t = policy.toll;
  const rate = vehicleClass === 'light' ? t.ratePerKm.class1 : t.ratePerKm[`class${vehicleClass}`];
  const lanes = road.lanesEachWay * 2;
  const laneFactor =
    lanes >= 6 ? t.laneAdjustment.sixOrMoreLanes : lanes <= 2 ? t.laneAdjustment.twoLanes : 1;
  const base = road.system === 'closed' ? t.closedSystem.baseFare : t.openSystem.baseFare;
  const full = base + km * rate * laneFactor;
  return roundToll(vehicleClass === 'light' ? full * (1 - t.lightCarDiscount) : full);
}

type OpenEntry = { readonly passId: string; readonly roadId: string; readonly chainageKm: number };

/** What a vehicle carries between gantries: the entry it has not exited yet. */
export type VehicleTollState = { readonly vehicleKey: string; readonly entry: OpenEntry | null };

/** The key a vehicle's passes pair by: its OBU, or its plate when it has none. */
export function vehicleKeyOf(pass: TollPass): string {
  return pass.obuId ?? `plate:${pass.plate}`;
}

/** Result of one pass. */
export type PassCharge = { readonly rating: Rating; readonly state: VehicleTollState };

/** Charge one gantry pass from the vehicle's state, as the gantry's lane controller does. */
export function chargeAtGantry(
  state: VehicleTollState,
  pass: TollPass,
  index: TollIndex,
  policy: FarePolicy,
): PassCharge {
  const gantry = index.gantries.get(pass.gantryId);
  const road = gantry === undefined ? undefined : index.roads.get(gantry.tollRoadId);
  if (gantry === undefined || road === undefined)
    return { rating: ratingOf(pass.id, [], 'unknown-gantry'), state };
  if (gantry.role === 'entry') {
    const entry = { passId: pass.id, roadId: road.id, chainageKm: gantry.chainageKm };
    return { rating: ratingOf(pass.id, []), state: { ...state, entry } };
  }
  let km: number;
  let reason: ChargeReason;
  let journeyId = pass.id;
  if (gantry.role === 'plaza') {
    km = gantry.chargedKm ?? 0;
    reason = 'toll-open';
  } else if (state.entry !== null && state.entry.roadId === road.id) {
    km = Math.abs(gantry.chainageKm - state.entry.chainageKm);
    reason = 'toll-closed';
    journeyId = state.entry.passId;
  } else {
    const entries = index.entryKm.get(road.id) ?? [gantry.chainageKm];
    km = Math.max(...entries.map((e) => Math.abs(gantry.chainageKm - e)));
    reason = 'toll-missing-entry';
  }
  const amountKrw = tollKrw(km, pass.vehicleClass, road, policy);
  const paid = pass.obuId !== null && pass.balanceKrw !== null && pass.balanceKrw >= amountKrw;
  const tollLine: ChargeLine = {
    journeyId,
    day: localDay(pass.ts, policy.utcOffsetMs),
    legNo: 1,
    operatorId: road.operatorId,
    mode: 'toll',
    routeId: road.id,
    legBaseKrw: amountKrw,
    legM: Math.round(km * 1000),
    payer: paid ? `obu:${pass.obuId}` : `plate:${pass.plate}`,
    reason,
    amountKrw,
  };
  const next = gantry.role === 'exit' ? { ...state, entry: null } : state;
  return { rating: ratingOf(pass.id, [tollLine], paid ? undefined : 'unpaid-plate-billing'), state: next };
}

/** Re-rate toll passes from scratch, per vehicle in device-time order; duplicates rated once. */
export function rateTollPasses(passes: Iterable<TollPass>, index: TollIndex, policy: FarePolicy): Rating[] {
  const vehicles = new Map<string, VehicleTollState>();
  const ratings: Rating[] = [];
  for (const pass of inRatingOrder(passes)) {
    const key = vehicleKeyOf(pass);
    const charged = chargeAtGantry(
      vehicles.get(key) ?? { vehicleKey: key, entry: null },
      pass,
      index,
      policy,
    );
    vehicles.set(key, charged.state);
    ratings.push(charged.rating);
  }
  return ratings;
}
