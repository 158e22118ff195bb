/**
 * @module center/state/memory-store
 * The in-process state store: the embedded default for a single center instance and for the
 * simulator. Updates are delivered synchronously to listeners after each write.
 */
import type { Clock } from '../../core/index.ts';
import { haversineM } from './geo.ts';
import {
  COLLECTION_NAMES,
  GEO_COLLECTIONS,
  STREAM_NAMES,
  recordId,
  recordRegion,
  type CollectionName,
  type GeoCollection,
  type HistoryStreams,
  type LatestCollections,
  type StreamName,
} from './records.ts';
import type {
  ListFilter,
  NearbyHit,
  StateChange,
  StateListener,
  StateStore,
  StateUpdate,
} from './state-store.ts';

/** Options of {@link MemoryStateStore}. */
export type MemoryStateStoreOptions = {
  /** Source of "now" for message-id expiry. */
  readonly clock: Clock;
  /** Records kept per history stream. Default 10,000. */
  readonly historyLimit?: number;
};

type AnyRecord = LatestCollections[CollectionName];
type AnyHistory = HistoryStreams[StreamName];

/** State kept in maps in this process. */
export class MemoryStateStore implements StateStore {
  readonly #clock: Clock;
  readonly #historyLimit: number;
  readonly #latest = new Map<CollectionName, Map<string, AnyRecord>>();
  readonly #streams = new Map<StreamName, AnyHistory[]>();
  readonly #seen = new Map<string, number>();
  readonly #listeners = new Set<StateListener>();

  constructor(options: MemoryStateStoreOptions) {
    this.#clock = options.clock;
    this.#historyLimit = options.historyLimit ?? 10_000;
    if (!(this.#historyLimit >= 1)) throw new RangeError('historyLimit must be >= 1');
    for (const c of COLLECTION_NAMES) this.#latest.set(c, new Map());
    for (const s of STREAM_NAMES) this.#streams.set(s, []);
  }

  async put<K extends CollectionName>(
    collection: K,
    records: readonly LatestCollections[K][],
  ): Promise<void> {
    const map = this.#collection(collection);
    const updates: StateUpdate[] = [];
    for (const value of records) {
      const id = recordId(collection, value);
      map.set(id, value);
      updates.push({ op: 'put', collection, id, value } as StateUpdate);
    }
    this.#emit(updates);
  }

  async get<K extends CollectionName>(collection: K, id: string): Promise<LatestCollections[K] | null> {
    return (this.#collection(collection).get(id) as LatestCollections[K] | undefined) ?? null;
  }

  async list<K extends CollectionName>(
    collection: K,
    filter: ListFilter = {},
  ): Promise<LatestCollections[K][]> {
    const all = [...this.#collection(collection).values()] as LatestCollections[K][];
    if (filter.region === undefined) return all;
    return all.filter((r) => recordRegion(r) === filter.region);
  }

  async delete(collection: CollectionName, id: string): Promise<boolean> {
    const existed = this.#collection(collection).delete(id);
    if (existed) this.#emit([{ op: 'delete', collection, id }]);
    return existed;
  }

  async nearby(collection: GeoCollection, lon: number, lat: number, radiusM: number): Promise<NearbyHit[]> {
    if (!(GEO_COLLECTIONS as readonly string[]).includes(collection)) {
      throw new RangeError(`collection ${collection} has no position index`);
    }
    const hits: NearbyHit[] = [];
    for (const [id, r] of this.#collection(collection)) {
      const p = r as { lon: number; lat: number };
      const distanceM = haversineM(lon, lat, p.lon, p.lat);
      if (distanceM <= radiusM) hits.push({ id, distanceM });
    }
    return hits.sort((a, b) => a.distanceM - b.distanceM);
  }

  async append<S extends StreamName>(stream: S, records: readonly HistoryStreams[S][]): Promise<void> {
    const list = this.#streams.get(stream);
    if (list === undefined) throw new RangeError(`unknown stream ${stream}`);
    list.push(...records);
    if (list.length > this.#historyLimit) list.splice(0, list.length - this.#historyLimit);
    this.#emit(records.map((value) => ({ op: 'append', stream, value }) as StateUpdate));
  }

  async recent<S extends StreamName>(stream: S, limit: number): Promise<HistoryStreams[S][]> {
    const list = (this.#streams.get(stream) ?? []) as HistoryStreams[S][];
    return limit <= 0 ? [] : list.slice(-limit);
  }

  async markSeen(messageId: string, ttlMs: number): Promise<boolean> {
    const now = this.#clock.now();
    const until = this.#seen.get(messageId);
    if (until !== undefined && until > now) return false;
    this.#seen.set(messageId, now + ttlMs);
    if (this.#seen.size > 100_000) this.#expireSeen(now);
    return true;
  }

  async commit(change: StateChange): Promise<boolean> {
    if (change.dedup !== undefined && !(await this.markSeen(change.dedup.id, change.dedup.ttlMs)))
      return false;
    const updates: StateUpdate[] = [];
    for (const g of change.puts ?? []) {
      const map = this.#collection(g.collection);
      for (const value of g.records) {
        const id = recordId(g.collection, value);
        map.set(id, value);
        updates.push({ op: 'put', collection: g.collection, id, value } as StateUpdate);
      }
    }
    for (const g of change.appends ?? []) {
      const list = this.#streams.get(g.stream) ?? [];
      list.push(...g.records);
      if (list.length > this.#historyLimit) list.splice(0, list.length - this.#historyLimit);
      for (const value of g.records) updates.push({ op: 'append', stream: g.stream, value } as StateUpdate);
    }
    this.#emit(updates);
    return true;
  }

  subscribe(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
  }

  #collection(collection: CollectionName): Map<string, AnyRecord> {
    const map = this.#latest.get(collection);
    if (map === undefined) throw new RangeError(`unknown collection ${collection}`);
    return map;
  }

  #emit(updates: StateUpdate[]): void {
    if (updates.length === 0) return;
    for (const l of this.#listeners) l(updates);
  }

  #expireSeen(now: number): void {
    for (const [id, until] of this.#seen) if (until <= now) this.#seen.delete(id);
  }
}
