/**
 * @module edge/adapters/mqtt/ledger-worker
 * The recording half of the threaded ledger service, run in a `worker_thread`: it owns the ledger file
 * (SQLite, opened here so that one thread holds the connection and the ledger's in-memory state) and
 * the settlement pump. The main thread receives MQTT, parses and checks each payload, and sends the
 * valid messages here in chunks; every chunk that arrived while the previous commit ran is recorded in
 * one durable transaction (group commit), and only then is the main thread told, which sends the
 * PUBACKs. So rating and SQLite run on one core while MQTT receive and validation run on the other.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ScaledClock, type WallTimebase } from '../../../core/index.ts';
import type { TollNetwork } from '../../../core/fares/index.ts';
import { seoulPolicy } from '../../../core/fares/index.ts';
import type { SettlementAck, SettlementBatch } from '../../../core/messages/index.ts';
import type { RatedMessage } from '../../ledger/index.ts';
import { Ledger, SettlementPump } from '../../ledger/index.ts';
import { SqliteLedgerStore } from '../sqlite/index.ts';
import type { LedgerServiceStats } from './ledger-service.ts';

/** What the worker is started with (`workerData`). */
export type LedgerWorkerSetup = {
  readonly ledgerFile: string;
  readonly region: string;
  readonly edgeId: string;
  readonly tollNetwork: TollNetwork;
  /** Run the settlement pump (batches go to the main thread to publish); null: record only. */
  readonly settlement: { readonly resendAfterMs?: number; readonly pollMs?: number } | null;
  /**
   * Largest group: whole chunks are committed together until this many messages are in; what is left
   * goes in the next group right after, so acknowledgements flow back while the broker sends more.
   */
  readonly maxGroupMessages: number;
  /** The caller's clock, kept here with a clock of the worker's own (the demo's runs scaled). */
  readonly timebase: WallTimebase;
};

/** The ledger's counters as the service reports them. */
export type LedgerWorkerStats = Omit<LedgerServiceStats, 'rejected'>;

/** Main thread -> worker. */
export type ToLedgerWorker =
  | { readonly kind: 'ingest'; readonly messages: readonly RatedMessage[] }
  | { readonly kind: 'ack'; readonly ack: SettlementAck }
  | { readonly kind: 'close' };

/** Worker -> main thread. `committed`: the oldest `chunks` chunks are durable (or failed). */
export type FromLedgerWorker =
  | { readonly kind: 'ready'; readonly stats: LedgerWorkerStats }
  | {
      readonly kind: 'committed';
      readonly chunks: number;
      readonly error: string | null;
      readonly stats: LedgerWorkerStats;
    }
  | { readonly kind: 'batch'; readonly batch: SettlementBatch }
  | { readonly kind: 'stats'; readonly stats: LedgerWorkerStats }
  | { readonly kind: 'closed' };

const port = parentPort;
if (port === null) throw new Error('ledger-worker runs as a worker_thread');
const setup = workerData as LedgerWorkerSetup;
const clock = ScaledClock.of(setup.timebase);
const ledger = Ledger.open(new SqliteLedgerStore(setup.ledgerFile), {
  policy: seoulPolicy(),
  tollNetwork: setup.tollNetwork,
  clock,
  edgeId: setup.edgeId,
  region: setup.region,
});
const post = (message: FromLedgerWorker): void => port.postMessage(message);
const pump =
  setup.settlement === null
    ? null
    : new SettlementPump({
        ledger,
        clock,
        publish: (batch) => post({ kind: 'batch', batch }),
        ...setup.settlement,
      });
let groups = 0;
const stats = (): LedgerWorkerStats => ({
  recorded: ledger.counters.recorded,
  duplicates: ledger.counters.duplicates,
  corrections: ledger.counters.corrections,
  groups,
  lastEntryNo: ledger.lastEntryNo,
  batchesSent: pump?.counters.sent ?? 0,
  batchesResent: pump?.counters.resent ?? 0,
  batchesPending: ledger.pendingBatches,
});

/** Chunks received and not yet committed, oldest first. */
const waiting: (readonly RatedMessage[])[] = [];
let scheduled = false;
const schedule = (): void => {
  if (scheduled) return;
  scheduled = true;
  setImmediate(commit);
};
/** Record whole chunks that arrived since the last commit in one transaction, then tell the main thread. */
function commit(): void {
  scheduled = false;
  if (waiting.length === 0) return;
  const group: RatedMessage[] = [];
  let chunks = 0;
  while (waiting.length > 0 && (chunks === 0 || group.length < setup.maxGroupMessages)) {
    for (const m of waiting.shift() ?? []) group.push(m);
    chunks += 1;
  }
  let error: string | null = null;
  try {
    ledger.ingest(group);
    groups += 1;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  post({ kind: 'committed', chunks, error, stats: stats() });
  if (waiting.length > 0) schedule();
}

const statsTimer = setInterval(() => post({ kind: 'stats', stats: stats() }), 200);
port.on('message', (message: ToLedgerWorker) => {
  switch (message.kind) {
    case 'ingest':
      // Chunks queued behind a running commit are all delivered before the commit runs: one group.
      waiting.push(message.messages);
      schedule();
      return;
    case 'ack':
      pump?.onAck(message.ack);
      return;
    case 'close':
      while (waiting.length > 0) commit();
      pump?.stop();
      clearInterval(statsTimer);
      ledger.close();
      post({ kind: 'closed' });
      port.close();
      return;
    default: {
      const never: never = message;
      throw new Error(`unknown message ${JSON.stringify(never)}`);
    }
  }
});
pump?.start();
post({ kind: 'ready', stats: stats() });
