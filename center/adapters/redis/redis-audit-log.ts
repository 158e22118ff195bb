/**
 * @module center/adapters/redis/redis-audit-log
 * The audit log of center instances sharing one Redis: one stream (`<prefix>:audit`), so an operator's
 * write on any instance is read back by every instance's `GET /api/v1/audit`. Each stream entry holds
 * one {@link AuditEntry} as JSON in field `e`, the same shape the memory and file logs keep. The stream
 * is bounded to the newest `maxEntries` (exact `MAXLEN`: audit writes are operator actions, a few a
 * minute, so exact trimming costs nothing and the bound is the documented one); keep a longer record
 * by exporting it, e.g. with `XRANGE`. An entry that does not parse (written by something else) is
 * skipped and counted, as the file log does with a line.
 */
import { Redis } from 'ioredis';
import type { AuditEntry, AuditLog } from '../../audit/index.ts';

/** Options of {@link RedisAuditLog.connect}. */
export type RedisAuditLogOptions = {
  /** `redis://host:port/db`. Default `REDIS_URL` or `redis://127.0.0.1:6379`. */
  readonly url?: string;
  /** Key prefix shared with the state store of the same deployment; the stream is `<prefix>:audit`. Default `its`. */
  readonly prefix?: string;
  /** Most entries kept, the oldest trimmed first. Default {@link DEFAULT_AUDIT_MAX_ENTRIES}. */
  readonly maxEntries?: number;
};

/** Entries a Redis audit log keeps by default (about 30 MB at 300 bytes an entry). */
export const DEFAULT_AUDIT_MAX_ENTRIES = 100_000;

/** An audit log on a Redis stream. Create with {@link RedisAuditLog.connect}. */
export class RedisAuditLog implements AuditLog {
  readonly #cmd: Redis;
  readonly #key: string;
  readonly #maxEntries: number;
  /** Stream entries skipped on the last read because they were not an entry of this log (as the file log counts lines). */
  skippedEntries = 0;

  private constructor(cmd: Redis, key: string, maxEntries: number) {
    this.#cmd = cmd;
    this.#key = key;
    this.#maxEntries = maxEntries;
  }

  /** Connect to Redis; fails at once when Redis is unreachable or `maxEntries` is not a positive integer. */
  static async connect(options: RedisAuditLogOptions = {}): Promise<RedisAuditLog> {
    const maxEntries = options.maxEntries ?? DEFAULT_AUDIT_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    const url = options.url ?? process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const cmd = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    try {
      await cmd.connect();
    } catch (err) {
      cmd.disconnect();
      throw err;
    }
    return new RedisAuditLog(cmd, `${options.prefix ?? 'its'}:audit`, maxEntries);
  }

  async append(entry: AuditEntry): Promise<void> {
    // Resolves once Redis has the entry (as durable as the Redis deployment's persistence).
    await this.#cmd.xadd(this.#key, 'MAXLEN', this.#maxEntries, '*', 'e', JSON.stringify(entry));
  }

  async recent(limit: number): Promise<AuditEntry[]> {
    if (limit <= 0) return [];
    const newestFirst = await this.#cmd.xrevrange(this.#key, '+', '-', 'COUNT', limit);
    const out: AuditEntry[] = [];
    this.skippedEntries = 0;
    for (let i = newestFirst.length - 1; i >= 0; i--) {
      // Fields are [name, value, ...]; this log writes one, `e`.
      const [name, text] = newestFirst[i]?.[1] ?? [];
      try {
        if (name !== 'e' || text === undefined) throw new TypeError('no e field');
        out.push(JSON.parse(text) as AuditEntry);
      } catch {
        this.skippedEntries++;
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.#cmd.quit().catch(() => undefined);
  }
}
