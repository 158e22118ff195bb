/**
 * @module center/adapters/redis/redis-audit-log.int.test
 * The Redis audit log passes the shared audit-log contract against the real Redis (REDIS_URL or
 * 127.0.0.1:6379), including the shared and bounded parts. Each log gets its own key prefix, and the
 * keys are deleted afterwards.
 */
import { Redis } from 'ioredis';
import { afterAll, expect, test } from 'vitest';
import { runAuditLogContract } from '../../audit/testing/index.ts';
import { RedisAuditLog } from './index.ts';
import { TestPrefixes } from './testing.ts';

const prefixes = new TestPrefixes();
const freshPrefix = (): string => prefixes.fresh();
afterAll(() => prefixes.purge());

runAuditLogContract({
  create: () => RedisAuditLog.connect({ prefix: freshPrefix() }),
  createPeers: async () => {
    const prefix = freshPrefix();
    return [await RedisAuditLog.connect({ prefix }), await RedisAuditLog.connect({ prefix })] as const;
  },
  createBounded: (maxEntries) => RedisAuditLog.connect({ prefix: freshPrefix(), maxEntries }),
});

test('an entry written to the stream by something else is skipped and counted, not fatal', async () => {
  const prefix = freshPrefix();
  const log = await RedisAuditLog.connect({ prefix });
  const other = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  try {
    await log.append({
      at: 1,
      actor: 'ops-1',
      role: 'operator',
      action: 'sign.publish',
      target: 'sign/s1',
      detail: {},
    });
    await other.xadd(`${prefix}:audit`, '*', 'e', '{not json');
    await other.xadd(`${prefix}:audit`, '*', 'x', '{}');
    expect((await log.recent(10)).map((e) => e.target)).toEqual(['sign/s1']);
    expect(log.skippedEntries).toBe(2);
  } finally {
    other.disconnect();
    await log.close();
  }
});
