/**
 * @module center/adapters/redis/testing
 * Test helper: Redis key prefixes of one test file on a shared Redis (the machine's, or `REDIS_URL`),
 * each its own (`its-test:<uuid>`) so parallel runs never collide, and all of their keys deleted at
 * the end (state, history and audit streams alike).
 */
import { randomUUID } from 'node:crypto';
import { RedisStateStore } from './redis-state-store.ts';

export class TestPrefixes {
  readonly #prefixes: string[] = [];

  constructor(readonly url: string = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379') {}

  /** A new prefix, deleted by {@link purge}. */
  fresh(): string {
    return this.adopt(`its-test:${randomUUID()}`);
  }

  /** Delete `prefix`'s keys at the end too (a prefix a child process was given); returns it. */
  adopt(prefix: string): string {
    this.#prefixes.push(prefix);
    return prefix;
  }

  /** Delete every key under every prefix handed out or adopted. */
  async purge(): Promise<void> {
    for (const prefix of this.#prefixes.splice(0)) {
      const store = await RedisStateStore.connect({ url: this.url, prefix });
      try {
        await store.purge();
      } finally {
        await store.close();
      }
    }
  }
}
