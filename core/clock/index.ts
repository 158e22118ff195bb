/**
 * @module core/clock
 * Injected time: the `Clock` interface, the wall clock, a scaled wall clock (the demo's) and a
 * virtual clock for simulation and tests.
 */
export type { Clock, TimerHandle } from './clock.ts';
export { SystemClock, VirtualClock } from './clock.ts';
export { ScaledClock, timebaseOf } from './scaled-clock.ts';
export type { WallTimebase } from './scaled-clock.ts';
