/**
 * @module center/node/ingest-thread
 * A center on Redis on two cores: MQTT receive, parsing, deduplication, the Redis commit and the
 * `uplink.ack`s run in a `worker_thread` (`ingest-worker.ts`), while this thread keeps the arrival
 * prediction, the live feed, the WebSocket fan-out and the API. The two meet in Redis: the worker's
 * writes reach this thread's store on its update channel, the way another instance's do, so every
 * listener of the store (live feed, arrivals, incidents) works unchanged. The profile of the
 * single-threaded center at 20,000 batches/s put MQTT, ingest and the Redis commit at about half of
 * its busy time, and prediction with the fan-out at most of the rest, on one core.
 */
import { startTsWorker } from '../../core/workers/index.ts';
import type { IngestOutcome, IngestStats } from '../ingest/index.ts';
import type { FromIngestWorker, IngestWorkerSetup, ToIngestWorker } from './ingest-worker.ts';

const WORKER = new URL('./ingest-worker.ts', import.meta.url).href;

/** What the center needs of its ingest, in this thread or the worker's. */
export type IngestPort = {
  /** Handle one message as if it came over MQTT; resolves when it is stored (or refused). */
  handle(topic: string, payload: Uint8Array | string): Promise<IngestOutcome>;
  /** Totals so far (from the worker: counts as of now, rejects and edges as of its last report). */
  stats(): IngestStats;
};

/** A running ingest thread. */
export type IngestThread = {
  readonly ingest: IngestPort;
  readonly protocolVersion: 5 | 4;
  readonly uplinkSubscription: string;
  /** False once the worker has stopped (crashed or closed). */
  alive(): boolean;
  /** The worker's metric families, as of its last report. */
  metricsText(): string;
  /** Close the worker's MQTT session (in-flight batches are stored first) and Redis, then the worker. */
  close(): Promise<void>;
};

const EMPTY_STATS: IngestStats = { accepted: 0, duplicates: 0, rejected: {}, edges: [] };

/** The ingest of a center whose ingest thread has not started (yet): nothing handled. */
export const NOT_STARTED: IngestPort = {
  handle: () => Promise.reject(new Error('the ingest thread has not started')),
  stats: () => EMPTY_STATS,
};

/** Start the ingest worker; resolves once it is subscribed. `log` gets the worker's log lines. */
export async function startIngestThread(
  options: Omit<IngestWorkerSetup, 'counts'>,
  log: (line: string) => void,
): Promise<IngestThread> {
  const counts = new BigInt64Array(new SharedArrayBuffer(16));
  const setup: IngestWorkerSetup = { ...options, counts: counts.buffer as SharedArrayBuffer };
  const worker = startTsWorker(WORKER, setup);
  let stats = EMPTY_STATS;
  let metrics = '';
  let alive = true;
  let nextCall = 0;
  const calls = new Map<number, { resolve: (o: IngestOutcome) => void; reject: (e: Error) => void }>();
  let closed: (() => void) | null = null;
  const stop = (error: Error): void => {
    alive = false;
    for (const c of calls.values()) c.reject(error);
    calls.clear();
    closed?.();
  };
  const ready = new Promise<{ protocolVersion: 5 | 4; uplinkSubscription: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`ingest worker exited with code ${code} before it was ready`)),
    );
    worker.on('message', (message: FromIngestWorker) => {
      switch (message.kind) {
        case 'ready':
          resolve(message);
          break;
        case 'failed':
          reject(new Error(`ingest worker: ${message.message}`));
          break;
        case 'stats':
          stats = message.stats;
          metrics = message.metrics;
          break;
        case 'handled':
          calls.get(message.call)?.resolve(message.outcome);
          calls.delete(message.call);
          break;
        case 'handle-failed':
          calls.get(message.call)?.reject(new Error(message.message));
          calls.delete(message.call);
          break;
        case 'log':
          log(message.line);
          break;
        case 'closed':
          closed?.();
          break;
        default: {
          const never: never = message;
          throw new Error(`unknown ingest worker message ${JSON.stringify(never)}`);
        }
      }
    });
  });
  worker.on('error', (err: unknown) => {
    log(`center ingest worker: ${(err as Error).message}`);
    stop(err instanceof Error ? err : new Error(String(err)));
  });
  worker.on('exit', (code) => {
    // Nothing is ingested any more: say so (and `/readyz` turns false through `alive`).
    if (closed === null) log(`center ingest worker exited with code ${code}: uplinks are no longer taken`);
    stop(new Error(`ingest worker exited with code ${code}`));
  });
  let subscribed: { protocolVersion: 5 | 4; uplinkSubscription: string };
  try {
    subscribed = await ready;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  return {
    ingest: {
      handle: (topic, payload) =>
        new Promise<IngestOutcome>((resolve, reject) => {
          if (!alive) return reject(new Error('ingest worker stopped'));
          const call = nextCall++;
          calls.set(call, { resolve, reject });
          worker.postMessage({ kind: 'handle', call, topic, payload } satisfies ToIngestWorker);
        }),
      // Accepted and duplicates as of now (shared memory), the rest as of the worker's last report.
      stats: () => ({
        ...stats,
        accepted: Number(Atomics.load(counts, 0)),
        duplicates: Number(Atomics.load(counts, 1)),
      }),
    },
    protocolVersion: subscribed.protocolVersion,
    uplinkSubscription: subscribed.uplinkSubscription,
    alive: () => alive,
    metricsText: () => metrics,
    close: async () => {
      if (alive) {
        const gone = new Promise<void>((resolve) => (closed = resolve));
        worker.postMessage({ kind: 'close' } satisfies ToIngestWorker);
        await gone;
      }
      await worker.terminate();
    },
  };
}
