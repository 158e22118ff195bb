/**
 * @module core/fares
 * Fare and toll rules as pure functions of data: the fare table loader, the integrated distance fare
 * charged at each tap and re-rated per trip, the taxi meter and the expressway toll engine. Shared by
 * the edge ledger, the center's clearing house and the simulator.
 */
export { fareTableSchema, parseFareTable, loadFareTable } from './fare-table.ts';
export type { FareTable } from './fare-table.ts';
export { farePolicyFromTable, DEFAULT_FARE_POLICY_OPTIONS } from './policy.ts';
export type { FarePolicy, FarePolicyOptions, TransitFareMode, DistanceBand } from './policy.ts';
export { localDay, localMinuteOfDay } from './local-time.ts';
export { distanceSurchargeKrw, metresOf } from './distance.ts';
export { taxiFareKrw, taxiNightRate } from './taxi.ts';
export type { TaxiRide } from './taxi.ts';
export { ratingOf, compareMessages } from './rating.ts';
export type { ChargeLine, ChargeReason, Rating, Orderable } from './rating.ts';
export { chargeAtTap, emptyCardState, journeyFareKrw, legBaseKrw, isTransfer } from './transit-fare.ts';
export type { CardState, Journey, JourneyLeg, TapCharge } from './transit-fare.ts';
export { rateTrip, inRatingOrder } from './rate-trip.ts';
export type { TripRating } from './rate-trip.ts';
export {
  indexTollNetwork,
  roundToll,
  tollKrw,
  chargeAtGantry,
  rateTollPasses,
  vehicleKeyOf,
} from './toll.ts';
export type { TollRoad, TollGantry, TollNetwork, TollIndex, VehicleTollState, PassCharge } from './toll.ts';
export { SEOUL_FARE_TABLE_FILE, seoulPolicy, kst, tapOf, passOf, TEST_TOLL_NETWORK } from './test-support.ts';
