/**
 * @module center/adapters/redis/redis-state-store.int.test
 * The Redis store passes the shared state-store contract against the real Redis (REDIS_URL or
 * 127.0.0.1:6379). Each store gets its own key prefix so parallel runs never collide.
 */
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { runStateStoreContract } from '../../state/testing/index.ts';
import { RedisStateStore } from './index.ts';

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

runStateStoreContract({
  create: () => RedisStateStore.connect({ prefix: freshPrefix() }),
  createPeers: async () => {
    const prefix = freshPrefix();
    return [await RedisStateStore.connect({ prefix }), await RedisStateStore.connect({ prefix })] as const;
  },
});
