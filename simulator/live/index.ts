/**
 * @module simulator/live
 * Live mode: the simulation paced to a clock, its devices publishing as the field would.
 */
export { runPaced } from './pacer.ts';
export type { PaceOptions } from './pacer.ts';
