/**
 * @module center/node/ingest-worker
 * The ingest half of a center on Redis, run in a `worker_thread` (`ingest-thread.ts` starts it): its
 * own MQTT client takes the uplink and status subscriptions, each message is checked and parsed,
 * deduplicated by id and written by {@link CenterIngest} through its own {@link RedisStateStore}, and
 * each stored batch is answered with `uplink.ack` from here, after the write, as in one thread. The
 * main thread's store hears these writes on the store's update channel, as it hears another
 * instance's, and runs the arrival prediction, the live feed and the API. Sequence gaps are tracked
 * here, the one place every batch of this instance passes.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { SystemClock } from '../../core/index.ts';
import { connectUplinkSubscriber, IN_FLIGHT_GAUGE, type UplinkSubscriber } from '../adapters/mqtt/index.ts';
import { RedisStateStore } from '../adapters/redis/index.ts';
import { CenterIngest, UplinkAcks, type IngestOutcome, type IngestStats } from '../ingest/index.ts';
import { Metrics } from '../metrics/index.ts';

/** What the worker is started with (`workerData`). */
export type IngestWorkerSetup = {
  readonly redisUrl: string;
  readonly redisPrefix: string;
  readonly mqttUrl: string;
  readonly mqttProtocol: 5 | 4 | 'auto';
  readonly mqttAuth?: { readonly username: string; readonly password: string };
  readonly shareGroup: string;
  readonly centerId: string;
  readonly maxInFlight: number;
  readonly minInFlight: number;
  readonly uplinkFilter?: string;
  readonly statusFilter?: string;
  /** Accepted and duplicate counts (two int64), written here, read by the main thread. */
  readonly counts: SharedArrayBuffer;
};

/** Main thread -> worker. `handle`: one message given directly (tests, the displays' demo feed). */
export type ToIngestWorker =
  | {
      readonly kind: 'handle';
      readonly call: number;
      readonly topic: string;
      readonly payload: Uint8Array | string;
    }
  | { readonly kind: 'close' };

/** Worker -> main thread. */
export type FromIngestWorker =
  | { readonly kind: 'ready'; readonly protocolVersion: 5 | 4; readonly uplinkSubscription: string }
  | { readonly kind: 'handled'; readonly call: number; readonly outcome: IngestOutcome }
  | { readonly kind: 'handle-failed'; readonly call: number; readonly message: string }
  | { readonly kind: 'stats'; readonly stats: IngestStats; readonly metrics: string }
  | { readonly kind: 'log'; readonly line: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'closed' };

/** Stats and metrics are posted at most this often (ms): `/metrics` is scraped every few seconds. */
const REPORT_EVERY_MS = 200;

if (parentPort === null) throw new Error('ingest-worker runs as a worker_thread');
const port: MessagePort = parentPort;
const setup = workerData as IngestWorkerSetup;
const post = (message: FromIngestWorker): void => port.postMessage(message);
const log = (line: string): void => post({ kind: 'log', line });
const clock = new SystemClock();
const metrics = new Metrics();

/**
 * Reports the ingest's totals. Accepted and duplicate counts, which callers poll (tests, the bench's
 * paced publisher), go into memory shared with the main thread as each message is settled; the rest
 * of the stats (rejects, per-edge sequences) and the metrics text are posted at most every
 * {@link REPORT_EVERY_MS}, and once more after the last change (a post per turn was 8% of the worker).
 */
class StatsReporter {
  readonly #ingest: CenterIngest;
  readonly #counts: BigInt64Array;
  #timer: NodeJS.Timeout | null = null;

  constructor(ingest: CenterIngest, counts: BigInt64Array) {
    this.#ingest = ingest;
    this.#counts = counts;
  }

  settled(outcome: IngestOutcome): void {
    if (outcome.status === 'accepted') Atomics.add(this.#counts, 0, 1n);
    else if (outcome.status === 'duplicate') Atomics.add(this.#counts, 1, 1n);
    this.#timer ??= setTimeout(() => this.post(), REPORT_EVERY_MS);
  }

  /** Post the stats and metrics now. */
  post(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    post({ kind: 'stats', stats: this.#ingest.stats(), metrics: metrics.render() });
  }
}

async function start(): Promise<void> {
  const store = await RedisStateStore.connect({ url: setup.redisUrl, prefix: setup.redisPrefix });
  const ingest = new CenterIngest({
    store,
    clock,
    metrics,
    onFirstReject: (reason, topic, detail) =>
      log(`center ingest: rejected (${reason}) on ${topic}: ${detail}`),
  });
  const reporter = new StatsReporter(ingest, new BigInt64Array(setup.counts));
  let subscriber: UplinkSubscriber | null = null;
  const acks = new UplinkAcks({
    centerId: setup.centerId,
    clock,
    publish: (topic, payload) =>
      subscriber === null
        ? Promise.reject(new Error('not connected yet'))
        : subscriber.publish(topic, payload),
    onError: (err) => log(`center uplink ack: ${(err as Error).message} (the edge will resend)`),
  });
  const answer = (outcome: IngestOutcome): IngestOutcome => {
    void acks.answer(outcome);
    reporter.settled(outcome);
    return outcome;
  };
  const handle = (topic: string, payload: Uint8Array | string): Promise<IngestOutcome> =>
    ingest.handle(topic, payload).then(answer);
  try {
    subscriber = await connectUplinkSubscriber({
      url: setup.mqttUrl,
      protocol: setup.mqttProtocol,
      shareGroup: setup.shareGroup,
      maxInFlight: setup.maxInFlight,
      minInFlight: setup.minInFlight,
      ...setup.mqttAuth,
      ...(setup.uplinkFilter === undefined ? {} : { uplinkFilter: setup.uplinkFilter }),
      ...(setup.statusFilter === undefined ? {} : { statusFilter: setup.statusFilter }),
      clientId: `${setup.centerId}-ingest-${Math.random().toString(16).slice(2, 10)}`,
      handler: handle,
      onError: (err, topic) => log(`center mqtt: ${topic}: ${(err as Error).message}`),
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const connected = subscriber;
  metrics.onCollect(() => metrics.set(...IN_FLIGHT_GAUGE, connected.window()));
  port.on('message', (message: ToIngestWorker) => {
    if (message.kind === 'handle') {
      void handle(message.topic, message.payload).then(
        (outcome) => post({ kind: 'handled', call: message.call, outcome }),
        (err: unknown) => post({ kind: 'handle-failed', call: message.call, message: String(err) }),
      );
    } else {
      void (async () => {
        await connected.close();
        await store.close();
        reporter.post();
        post({ kind: 'closed' });
      })();
    }
  });
  post({
    kind: 'ready',
    protocolVersion: connected.protocolVersion,
    uplinkSubscription: connected.uplinkSubscription,
  });
}

start().catch((err: unknown) => post({ kind: 'failed', message: (err as Error).message }));
