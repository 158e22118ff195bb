/**
 * @module center/adapters/redis/redis-audit-log.int.test
 * The Redis audit log passes the shared audit-log contract against the real Redis (REDIS_URL or
 * 127.0.0.1:6379), including the shared and bounded parts. Each log gets its own key prefix, and the
 * keys are deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { runAuditLogContract } from '../../audit/testing/index.ts';
import { RedisAuditLog, RedisStateStore } from './index.ts';

const prefixes: string[] = [];
const freshPrefix = (): string => {
  const p = `its-test:${randomUUID()}`;
  prefixes.push(p);
  return p;
};

afterAll(async () => {
  for (const prefix of prefixes) {
    const store = await RedisStateStore.connect({ prefix });
    await store.purge();
    await store.close();
  }
});

runAuditLogContract({
  create: () => RedisAuditLog.connect({ prefix: freshPrefix() }),
  createPeers: async () => {
    const prefix = freshPrefix();
    return [await RedisAuditLog.connect({ prefix }), await RedisAuditLog.connect({ prefix })] as const;
  },
  createBounded: (maxEntries) => RedisAuditLog.connect({ prefix: freshPrefix(), maxEntries }),
});
