/**
 * @module core/network
 * Road network and signalized intersection model.
 */
export * from './network.ts';
export * from './signals.ts';
