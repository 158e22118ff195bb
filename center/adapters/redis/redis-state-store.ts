/**
 * @module center/adapters/redis/redis-state-store
 * The shared state store on Redis, so many center instances behave as one: a hash per collection for
 * latest state, GEO sets for vehicles and stops, capped streams for recent history, `SET NX PX` for
 * message-id deduplication, and one pub/sub channel on which every write is announced to every
 * instance. An announcement is `<origin>\n<JSON array of updates>`: the writer hands its own updates
 * to its listeners when Redis confirms the write (nothing to decode, no extra hop) and skips its own
 * announcements by origin; every other instance decodes and hands them on, so the WebSocket clients
 * of every instance see every update.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  GEO_COLLECTIONS,
  recordId,
  recordRegion,
  type CollectionName,
  type GeoCollection,
  type HistoryStreams,
  type LatestCollections,
  type ListFilter,
  type NearbyHit,
  type StateChange,
  type StateListener,
  type StateStore,
  type StateUpdate,
  type StreamName,
} from '../../state/index.ts';
import { COMMIT_MANY_LUA, CommitBatcher } from './commit-batcher.ts';

/** Options of {@link RedisStateStore.connect}. */
export type RedisStateStoreOptions = {
  /** `redis://host:port/db`. Default `REDIS_URL` or `redis://127.0.0.1:6379`. */
  readonly url?: string;
  /** Prefix of every key and the update channel, so deployments and test runs do not collide. */
  readonly prefix?: string;
  /** Approximate number of records kept per history stream (XADD MAXLEN ~). Default 10,000. */
  readonly historyLimit?: number;
};

type CommitCommand = (...args: (string | Buffer)[]) => Promise<number[]>;

/** Name of the commit script's command on the client. */
const COMMIT_COMMAND = 'itsCommitMany';

const isGeo = (c: string): c is GeoCollection => (GEO_COLLECTIONS as readonly string[]).includes(c);

/** Center state in Redis. Create with {@link RedisStateStore.connect}. */
export class RedisStateStore implements StateStore {
  readonly #cmd: Redis;
  readonly #sub: Redis;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #historyLimit: number;
  readonly #listeners = new Set<StateListener>();
  readonly #batcher: CommitBatcher;
  /** Tag of this instance's announcements (see the module comment). */
  readonly #origin = randomUUID();
  readonly #originHead = Buffer.from(`${this.#origin}\n`);

  private constructor(cmd: Redis, sub: Redis, prefix: string, historyLimit: number) {
    this.#cmd = cmd;
    this.#sub = sub;
    this.#prefix = prefix;
    this.#channel = `${prefix}:updates`;
    this.#historyLimit = historyLimit;
    const run = (cmd as unknown as Record<typeof COMMIT_COMMAND, CommitCommand>)[COMMIT_COMMAND];
    this.#batcher = new CommitBatcher(
      {
        channel: this.#channel,
        origin: this.#origin,
        historyLimit,
        seen: (id) => `${prefix}:seen:${id}`,
        hash: (c) => `${prefix}:latest:${c}`,
        geo: (c) => `${prefix}:geo:${c}`,
        stream: (st) => `${prefix}:stream:${st}`,
      },
      (args) => run.call(cmd, ...args),
      (updates, texts) => this.#emit(updates, texts),
    );
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (channel.toString() !== this.#channel) return;
      const head = this.#originHead;
      if (message.length > head.length && message.compare(head, 0, head.length, 0, head.length) === 0) return;
      const nl = message.indexOf(10);
      const updates = JSON.parse(message.toString('utf8', nl + 1)) as StateUpdate[];
      this.#emit(updates);
    });
  }

  /** Connect two clients (commands and subscription) and subscribe to the update channel. */
  static async connect(options: RedisStateStoreOptions = {}): Promise<RedisStateStore> {
    const url = options.url ?? process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const prefix = options.prefix ?? 'its';
    const historyLimit = options.historyLimit ?? 10_000;
    // Auto-pipelining sends the commands of concurrent writers in one round trip. Not the commit
    // script: the batcher already makes it one call per turn, and a pipeline of one costs a Pipeline,
    // its script check and a tick per call.
    const cmd = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 3,
      enableAutoPipelining: true,
      autoPipeliningIgnoredCommands: [COMMIT_COMMAND],
    });
    const sub = new Redis(url, { lazyConnect: true });
    try {
      await Promise.all([cmd.connect(), sub.connect()]);
      await sub.subscribe(`${prefix}:updates`);
    } catch (err) {
      cmd.disconnect();
      sub.disconnect();
      throw err;
    }
    for (const c of [cmd, sub]) c.stream?.setNoDelay?.(true);
    cmd.defineCommand(COMMIT_COMMAND, { numberOfKeys: 0, lua: COMMIT_MANY_LUA });
    return new RedisStateStore(cmd, sub, prefix, historyLimit);
  }

  async put<K extends CollectionName>(
    collection: K,
    records: readonly LatestCollections[K][],
  ): Promise<void> {
    if (records.length === 0) return;
    const tx = this.#cmd.multi();
    const updates: StateUpdate[] = [];
    const fields: string[] = [];
    for (const value of records) {
      const id = recordId(collection, value);
      fields.push(id, JSON.stringify(value));
      if (isGeo(collection)) {
        const p = value as { lon: number; lat: number };
        tx.geoadd(this.#geoKey(collection), p.lon, p.lat, id);
      }
      updates.push({ op: 'put', collection, id, value } as StateUpdate);
    }
    tx.hset(this.#hashKey(collection), ...fields);
    tx.publish(this.#channel, this.#announcement(updates));
    await tx.exec();
    this.#emit(updates);
  }

  async get<K extends CollectionName>(collection: K, id: string): Promise<LatestCollections[K] | null> {
    const raw = await this.#cmd.hget(this.#hashKey(collection), id);
    return raw === null ? null : (JSON.parse(raw) as LatestCollections[K]);
  }

  async list<K extends CollectionName>(
    collection: K,
    filter: ListFilter = {},
  ): Promise<LatestCollections[K][]> {
    const all = (await this.#cmd.hvals(this.#hashKey(collection))).map(
      (raw) => JSON.parse(raw) as LatestCollections[K],
    );
    if (filter.region === undefined) return all;
    return all.filter((r) => recordRegion(r) === filter.region);
  }

  async delete(collection: CollectionName, id: string): Promise<boolean> {
    const removed = await this.#cmd.hdel(this.#hashKey(collection), id);
    if (removed === 0) return false;
    const tx = this.#cmd.multi();
    if (isGeo(collection)) tx.zrem(this.#geoKey(collection), id);
    const update: StateUpdate = { op: 'delete', collection, id };
    tx.publish(this.#channel, this.#announcement([update]));
    await tx.exec();
    this.#emit([update]);
    return true;
  }

  async nearby(collection: GeoCollection, lon: number, lat: number, radiusM: number): Promise<NearbyHit[]> {
    if (!isGeo(collection)) throw new RangeError(`collection ${String(collection)} has no position index`);
    const raw = (await this.#cmd.geosearch(
      this.#geoKey(collection),
      'FROMLONLAT',
      lon,
      lat,
      'BYRADIUS',
      radiusM,
      'm',
      'ASC',
      'WITHDIST',
    )) as [string, string][];
    return raw.map(([id, dist]) => ({ id, distanceM: Number(dist) }));
  }

  async append<S extends StreamName>(stream: S, records: readonly HistoryStreams[S][]): Promise<void> {
    if (records.length === 0) return;
    const tx = this.#cmd.multi();
    const key = this.#streamKey(stream);
    for (const value of records) {
      tx.xadd(key, 'MAXLEN', '~', this.#historyLimit, '*', 'v', JSON.stringify(value));
    }
    const updates = records.map((value) => ({ op: 'append', stream, value }) as StateUpdate);
    tx.publish(this.#channel, this.#announcement(updates));
    await tx.exec();
    this.#emit(updates);
  }

  async recent<S extends StreamName>(stream: S, limit: number): Promise<HistoryStreams[S][]> {
    if (limit <= 0) return [];
    const entries = await this.#cmd.xrevrange(this.#streamKey(stream), '+', '-', 'COUNT', limit);
    return entries.reverse().map(([, fields]) => JSON.parse(fields[1] ?? 'null') as HistoryStreams[S]);
  }

  async markSeen(messageId: string, ttlMs: number): Promise<boolean> {
    const ok = await this.#cmd.set(`${this.#prefix}:seen:${messageId}`, '1', 'PX', Math.max(1, ttlMs), 'NX');
    return ok === 'OK';
  }

  commit(change: StateChange): Promise<boolean> {
    return this.#batcher.commit(change);
  }

  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await Promise.allSettled([this.#sub.quit(), this.#cmd.quit()]);
  }

  /** Delete every key under this store's prefix (tests use it to clean up their own run). */
  async purge(): Promise<number> {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.#cmd.scan(cursor, 'MATCH', `${this.#prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) removed += await this.#cmd.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  }

  #announcement(updates: readonly StateUpdate[]): string {
    return `${this.#origin}\n${JSON.stringify(updates)}`;
  }

  #emit(updates: readonly StateUpdate[], texts?: readonly string[]): void {
    for (const l of this.#listeners) l(updates, texts);
  }

  #hashKey(collection: CollectionName): string {
    return `${this.#prefix}:latest:${collection}`;
  }

  #geoKey(collection: GeoCollection): string {
    return `${this.#prefix}:geo:${collection}`;
  }

  #streamKey(stream: StreamName): string {
    return `${this.#prefix}:stream:${stream}`;
  }
}
