/**
 * @module simulator/testing
 * Hand-made networks and demand for the simulator's tests.
 */
export { CAR, corridorNet, departures, carDemand, leftTurnNet } from './corridor.ts';
