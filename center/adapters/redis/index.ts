/**
 * @module center/adapters/redis
 * Redis implementations of the center state store and the audit log (scale-out: many center
 * instances, one Redis).
 */
export { RedisStateStore } from './redis-state-store.ts';
export type { RedisStateStoreOptions } from './redis-state-store.ts';
export { DEFAULT_AUDIT_MAX_ENTRIES, RedisAuditLog } from './redis-audit-log.ts';
export type { RedisAuditLogOptions } from './redis-audit-log.ts';
