/**
 * @module core/signal-strategies
 * The signal strategy names every part agrees on (center, edge, displays). No dependencies: the
 * browser build imports it.
 */
export { STRATEGY_NAMES, isStrategyName } from './strategy-names.ts';
export type { StrategyName } from './strategy-names.ts';
