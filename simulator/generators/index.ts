/**
 * @module simulator/generators
 * Scenario generators for tests and benchmarks.
 */
export { gridScenario } from './grid.ts';
export type { GridOptions } from './grid.ts';
