/**
 * @module controllers/runtime
 * Running controllers on a clock and describing them as SPaT.
 */
export { ControllerRuntime } from './runtime.ts';
export type { ControllerRuntimeOptions } from './runtime.ts';
export { spatOf, movementPhaseStateOf } from './spat.ts';
