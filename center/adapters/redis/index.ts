/**
 * @module center/adapters/redis
 * Redis implementation of the center state store (scale-out: many center instances, one Redis).
 */
export { RedisStateStore } from './redis-state-store.ts';
export type { RedisStateStoreOptions } from './redis-state-store.ts';
