/**
 * @module center/state/state-store
 * The one interface behind which the center keeps its state (STYLE.md §5): latest records per
 * collection, a position index for vehicles and stops, recent history streams, message-id
 * deduplication, and a feed of updates that every center instance sharing the store receives.
 */
import type {
  CollectionName,
  GeoCollection,
  HistoryStreams,
  LatestCollections,
  StreamName,
} from './records.ts';

/** One change to the state. Writes are announced in batches, in the order they were made. */
export type StateUpdate =
  | {
      [K in CollectionName]: {
        readonly op: 'put';
        readonly collection: K;
        readonly id: string;
        readonly value: LatestCollections[K];
      };
    }[CollectionName]
  | { readonly op: 'delete'; readonly collection: CollectionName; readonly id: string }
  | {
      [S in StreamName]: { readonly op: 'append'; readonly stream: S; readonly value: HistoryStreams[S] };
    }[StreamName];

/** Records to put into one collection. */
export type PutGroup = {
  [K in CollectionName]: { readonly collection: K; readonly records: readonly LatestCollections[K][] };
}[CollectionName];

/** Records to append to one stream. */
export type AppendGroup = {
  [S in StreamName]: { readonly stream: S; readonly records: readonly HistoryStreams[S][] };
}[StreamName];

/** Several writes applied together, optionally only if a message id is new. */
export type StateChange = {
  /** Apply only if `id` was not seen within `ttlMs` (and remember it): idempotent ingest. */
  readonly dedup?: { readonly id: string; readonly ttlMs: number };
  readonly puts?: readonly PutGroup[];
  readonly appends?: readonly AppendGroup[];
};

/**
 * Called with each batch of updates, from this instance or any other sharing the store. `texts`, when
 * given, holds each update as JSON (`texts[i]` is `JSON.stringify(updates[i])` up to key order), as
 * the store already encoded it for its own writes: a listener that forwards updates as JSON (the live
 * feed) need not encode them again.
 */
export type StateListener = (updates: readonly StateUpdate[], texts?: readonly string[]) => void;

/** A record near a point. */
export type NearbyHit = { readonly id: string; readonly distanceM: number };

/** Filter for {@link StateStore.list}. */
export type ListFilter = { readonly region?: string };

/**
 * Center state. Every method is asynchronous because the shared implementation lives in Redis.
 * Writes resolve once stored; their updates reach every subscriber (of every instance) soon after.
 */
export interface StateStore {
  /** Store (replace) records; each is announced as a `put` update. */
  put<K extends CollectionName>(collection: K, records: readonly LatestCollections[K][]): Promise<void>;
  /** One record, or null. */
  get<K extends CollectionName>(collection: K, id: string): Promise<LatestCollections[K] | null>;
  /** All records of a collection (optionally of one region), in no particular order. */
  list<K extends CollectionName>(collection: K, filter?: ListFilter): Promise<LatestCollections[K][]>;
  /** Remove a record; true when it existed (only then is a `delete` announced). */
  delete(collection: CollectionName, id: string): Promise<boolean>;
  /** Records of a positioned collection within `radiusM` of a point, nearest first. */
  nearby(collection: GeoCollection, lon: number, lat: number, radiusM: number): Promise<NearbyHit[]>;
  /** Append to a history stream (capped at the store's history limit); each is announced. */
  append<S extends StreamName>(stream: S, records: readonly HistoryStreams[S][]): Promise<void>;
  /** The last `limit` records of a stream, oldest first. */
  recent<S extends StreamName>(stream: S, limit: number): Promise<HistoryStreams[S][]>;
  /**
   * Remember a message id for `ttlMs`; true when it was not seen before (so the caller handles it),
   * false for a duplicate. Atomic across instances sharing the store.
   */
  markSeen(messageId: string, ttlMs: number): Promise<boolean>;
  /**
   * Apply a change atomically (one round trip in Redis) and announce its updates as one batch; false,
   * with nothing written, when its dedup id was already seen.
   */
  commit(change: StateChange): Promise<boolean>;
  /** Receive update batches; returns the unsubscribe function. */
  subscribe(listener: StateListener): () => void;
  /** Release connections and timers. */
  close(): Promise<void>;
}
