/**
 * @module simulator/scenario
 * Compile a scenario (core/scenario) into the engine's network and demand.
 */
export { compileNetwork } from './compile-network.ts';
export { compileDemand } from './compile-demand.ts';
export { localProjection } from './projection.ts';
export type { Projection } from './projection.ts';
