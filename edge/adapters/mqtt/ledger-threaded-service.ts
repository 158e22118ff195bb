/**
 * @module edge/adapters/mqtt/ledger-threaded-service
 * The live edge ledger service on two cores: this thread holds the MQTT sessions and the intake (each
 * payload parsed and checked once), a `worker_thread` (`ledger-worker.ts`) owns the ledger file, rates
 * and records with group commit, and runs the settlement pump. Valid messages go to the worker in one
 * chunk per event-loop turn; a message's PUBACK is sent only once the worker reports the commit that
 * holds it durable, so what a device saw acknowledged survives a SIGKILL, as with
 * {@link startLedgerService}. The profile of the single-threaded service put MQTT receive, parsing and
 * validation at about a third of its CPU, rating and SQLite at the rest.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../../core/workers/index.ts';
import { ConfigError } from '../../../core/errors/index.ts';
import { timebaseOf } from '../../../core/clock/index.ts';
import type { TollNetwork } from '../../../core/fares/index.ts';
import type { RatedMessage } from '../../ledger/index.ts';
import { LedgerIntake } from '../../ledger/index.ts';
import type { LedgerServiceOptions, LedgerServiceStats } from './ledger-service.ts';
import { connectSettlement, subscribeToMoney } from './ledger-sessions.ts';
import type { LedgerSubscriber } from './ledger-subscriber.ts';
import type {
  FromLedgerWorker,
  LedgerWorkerSetup,
  LedgerWorkerStats,
  ToLedgerWorker,
} from './ledger-worker.ts';
import type { SettlementLink } from './settlement-link.ts';

const DEFAULT_MAX_GROUP_MESSAGES = 2000;
/** Messages per chunk sent to the worker at most (else one per event-loop turn). */
const CHUNK_MESSAGES = 250;
const WORKER = new URL('./ledger-worker.ts', import.meta.url).href;

/** Options of {@link startThreadedLedgerService}: those of the single-threaded service, by file. */
export type ThreadedLedgerServiceOptions = Omit<LedgerServiceOptions, 'ledger' | 'groupCommit'> & {
  /**
   * Largest group commit. Default 2,000 messages. There is no wait: what arrived while the previous
   * commit ran is committed next, so groups grow with the load by themselves.
   */
  readonly maxGroupMessages?: number;
  /** The ledger's SQLite file, opened by the worker (the caller must not hold it open). */
  readonly ledgerFile: string;
  readonly tollNetwork: TollNetwork;
};

/** A running threaded ledger service. */
export type ThreadedLedgerService = {
  readonly intake: LedgerIntake;
  readonly subscriber: LedgerSubscriber;
  readonly link: SettlementLink | null;
  stats(): LedgerServiceStats;
  /** Record and acknowledge what waits, close the sessions, then the ledger file. */
  close(): Promise<void>;
};

type Ack = (error: Error | null) => void;

const NO_STATS_YET: LedgerWorkerStats = {
  recorded: 0,
  duplicates: 0,
  corrections: 0,
  groups: 0,
  lastEntryNo: 0,
  batchesSent: 0,
  batchesResent: 0,
  batchesPending: 0,
};

/** Sends valid messages to the worker a turn at a time and runs their acks when it reports them. */
class WorkerCommitter {
  readonly #worker: Worker;
  #chunk: RatedMessage[] = [];
  #chunkAcks: Ack[] = [];
  readonly #sent: Ack[][] = [];
  #scheduled = false;
  #failure: Error | null = null;
  #drained: (() => void)[] = [];

  constructor(worker: Worker) {
    this.#worker = worker;
  }

  submit(message: RatedMessage, ack: Ack): void {
    if (this.#failure !== null) {
      ack(this.#failure);
      return;
    }
    this.#chunk.push(message);
    this.#chunkAcks.push(ack);
    // One socket read can hold thousands of publishes: the worker starts on the first of them early.
    if (this.#chunk.length >= CHUNK_MESSAGES) this.send();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.send();
      });
    }
  }

  /** Hand the current chunk to the worker. */
  send(): void {
    if (this.#chunk.length === 0) return;
    const message: ToLedgerWorker = { kind: 'ingest', messages: this.#chunk };
    this.#worker.postMessage(message);
    this.#sent.push(this.#chunkAcks);
    this.#chunk = [];
    this.#chunkAcks = [];
  }

  /** The oldest `chunks` chunks are durable (error null) or failed. */
  committed(chunks: number, error: string | null): void {
    const failure = error === null ? null : new Error(`ledger commit failed: ${error}`);
    for (let i = 0; i < chunks; i++) for (const ack of this.#sent.shift() ?? []) ack(failure);
    if (this.#sent.length === 0) for (const resolve of this.#drained.splice(0)) resolve();
  }

  /** Send what waits and resolve once every chunk sent is reported. */
  async flush(): Promise<void> {
    this.send();
    if (this.#sent.length === 0) return;
    await new Promise<void>((resolve) => this.#drained.push(resolve));
  }

  /** The worker is gone: every message waiting or to come is refused (not acknowledged). */
  fail(error: Error): void {
    this.#failure = error;
    this.committed(this.#sent.length, error.message);
    for (const ack of this.#chunkAcks.splice(0)) ack(error);
    this.#chunk = [];
  }
}

/** Start the worker and the MQTT sessions; resolves once subscribed. */
export async function startThreadedLedgerService(
  options: ThreadedLedgerServiceOptions,
): Promise<ThreadedLedgerService> {
  const timebase = timebaseOf(options.clock);
  if (timebase === null)
    throw new ConfigError(
      'clock',
      'the threaded ledger needs a clock tied to the wall clock (system or scaled)',
    );
  const setup: LedgerWorkerSetup = {
    timebase,
    ledgerFile: options.ledgerFile,
    region: options.region,
    edgeId: options.edgeId,
    tollNetwork: options.tollNetwork,
    settlement: options.centerUrl === undefined ? null : { ...options.settlement },
    maxGroupMessages: options.maxGroupMessages ?? DEFAULT_MAX_GROUP_MESSAGES,
  };
  if (!Number.isInteger(setup.maxGroupMessages) || setup.maxGroupMessages < 1)
    throw new ConfigError('maxGroupMessages', `must be a positive integer, got ${setup.maxGroupMessages}`);
  const worker = startTsWorker(WORKER, setup);
  const committer = new WorkerCommitter(worker);
  let latest: LedgerWorkerStats = NO_STATS_YET;
  let link: SettlementLink | null = null;
  let closed: (() => void) | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`ledger worker exited with code ${code} before it was ready`)),
    );
    worker.on('message', (message: FromLedgerWorker) => {
      if (message.kind === 'ready') resolve();
      if ('stats' in message) latest = message.stats;
      if (message.kind === 'committed') committer.committed(message.chunks, message.error);
      else if (message.kind === 'batch') link?.publish(message.batch);
      else if (message.kind === 'closed') closed?.();
    });
  });
  worker.on('error', (err: unknown) => committer.fail(err instanceof Error ? err : new Error(String(err))));
  worker.on('exit', (code) => committer.fail(new Error(`ledger worker exited with code ${code}`)));
  await ready;
  const intake = new LedgerIntake({
    region: options.region,
    clock: options.clock,
    committer,
    ...(options.onReject === undefined ? {} : { onReject: options.onReject }),
  });
  let subscriber: LedgerSubscriber;
  try {
    if (options.centerUrl !== undefined) {
      link = await connectSettlement({ ...options, centerUrl: options.centerUrl }, (ack) =>
        worker.postMessage({ kind: 'ack', ack } satisfies ToLedgerWorker),
      );
    }
    subscriber = await subscribeToMoney(options, intake);
  } catch (err) {
    // The worker holds the ledger file open: stop it before reporting the failure.
    await worker.terminate();
    await link?.close();
    throw err;
  }
  return {
    intake,
    subscriber,
    link,
    stats: () => ({ ...latest, rejected: Object.fromEntries(intake.rejected) }),
    close: async () => {
      // As the single-threaded service: record and acknowledge what waits, stop taking more, record
      // what came meanwhile (its PUBACKs are not sent; the broker redelivers it and the ledger skips it).
      await committer.flush();
      await subscriber.close();
      await committer.flush();
      const gone = new Promise<void>((resolve) => (closed = resolve));
      worker.postMessage({ kind: 'close' } satisfies ToLedgerWorker);
      await gone;
      await worker.terminate();
      await link?.close();
    },
  };
}
