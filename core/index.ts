/**
 * @module core
 * The domain model and every contract the parts share. Depends on nothing of ours (STYLE.md §3).
 */
export * from './clock/index.ts';
export * from './errors/index.ts';
export * from './ids/index.ts';
export * from './messages/index.ts';
export * from './topics/index.ts';
export * from './network/index.ts';
export * from './transit/index.ts';
export * from './scenario/index.ts';
export * from './shared-data/index.ts';
export * from './api/index.ts';
export * from './signal-strategies/index.ts';
