/**
 * @module core/clock
 * Injected time: the `Clock` interface, the wall clock and a virtual clock for simulation and tests.
 */
export type { Clock, TimerHandle } from './clock.ts';
export { SystemClock, VirtualClock } from './clock.ts';
