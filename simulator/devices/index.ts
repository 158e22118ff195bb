/**
 * @module simulator/devices
 * Simulated field devices emitting `core/messages` shapes through a sink callback: loop detectors,
 * buses with GPS and card readers, toll gantries, and communication faults.
 */
export { Envelopes } from './sink.ts';
export type { FieldMessage, MessageSink } from './sink.ts';
export { LoopDetectors } from './loop-detectors.ts';
export type { LoopTotals } from './loop-detectors.ts';
export { busTrips, busDepartures, startOfDayS } from './bus-trips.ts';
export type { BusTrip, BusStop } from './bus-trips.ts';
export { Buses } from './buses.ts';
export type { BusOptions, ReaderInfo } from './buses.ts';
export { FareCards } from './fare-cards.ts';
export type { Rider, TapContext } from './fare-cards.ts';
export { TollGantries } from './tolls.ts';
export { CommFaults } from './faults.ts';
export { pointOnLane } from './geometry.ts';
export { SpatEmitter } from './spat.ts';
export { SubwayGates } from './subway.ts';
