/**
 * @module simulator/engine
 * The microscopic traffic engine: compiled networks, demand, the `Simulation` facade and the signal
 * heads interface through which controllers from `controllers/` drive it.
 */
export { MAX_STEP_S, Simulation } from './simulation.ts';
export type { SimulationOptions, IntersectionSeries, StepObserver, VehicleObserver } from './simulation.ts';
export { buildSimNet, connectionTo } from './net-builder.ts';
export type {
  NetSpec,
  NodeSpec,
  LinkSpec,
  LaneSpec,
  ConnectionSpec,
  IntersectionSpec,
} from './net-builder.ts';
export { createRouter } from './routing.ts';
export type { Router } from './routing.ts';
export { createRng } from './rng.ts';
export type { Rng } from './rng.ts';
export { constantSignalHeads } from './signals.ts';
export type { SignalHeads, SignalColor } from './signals.ts';
export { TURN, GO } from './types.ts';
export type {
  SimNet,
  SimDemand,
  SimVehicleType,
  Departure,
  SignalRef,
  SimIntersection,
  TurnCode,
} from './types.ts';
export type { SimState, SimCounters } from './state.ts';
export { TripLog } from './trip-log.ts';
export { HALT_SPEED } from './drive.ts';
export { checkLanes } from './invariants.ts';
export type { InvariantViolation } from './invariants.ts';
