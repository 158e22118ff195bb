/**
 * @module edge/settlement/start-edge-ledger
 * The fare and toll ledger of one region's edge, wired once for every caller (the edge runtime, tests):
 * a SQLite ledger file (WAL, synchronous FULL) rated with the Seoul fare table and the scenario's toll
 * roads, behind the live ledger service (its own MQTT session on `tap` and `toll`, group commit,
 * settlement batches to the center broker). The ledger runs in a worker thread of its own (receive and
 * validation here, rating and the SQLite writer there: `ledger-threaded-service.ts`) whenever the clock
 * is tied to the wall clock, which a worker can keep; with a virtual clock, in this thread.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { timebaseOf, type Clock, type Scenario } from '../../core/index.ts';
import { seoulPolicy } from '../../core/fares/index.ts';
import type { LedgerServiceStats } from '../adapters/mqtt/ledger-service.ts';
import { startLedgerService } from '../adapters/mqtt/ledger-service.ts';
import { startThreadedLedgerService } from '../adapters/mqtt/ledger-threaded-service.ts';
import { SqliteLedgerStore } from '../adapters/sqlite/index.ts';
import { Ledger } from '../ledger/index.ts';

/** Options of {@link startEdgeLedger}. */
export type EdgeLedgerOptions = {
  readonly scenario: Pick<Scenario, 'tollRoads' | 'tollGantries'>;
  readonly region: string;
  readonly edgeId: string;
  readonly clock: Clock;
  /** The ledger's SQLite file (created with its folder when missing). */
  readonly ledgerFile: string;
  readonly fieldMqttUrl: string;
  /** Center broker for settlement; none: record only. */
  readonly centerMqttUrl?: string;
  readonly fieldAuth?: { readonly username: string; readonly password: string };
  readonly centerAuth?: { readonly username: string; readonly password: string };
  /** MQTT client id prefix (`-ledger`, `-settle` appended). Default `its-<edgeId>`. */
  readonly clientIdPrefix?: string;
  /** Run the ledger in a worker thread when the clock allows. Default true. */
  readonly thread?: boolean;
  readonly log: (line: string) => void;
};

/** A running edge ledger. */
export type EdgeLedger = {
  stats(): LedgerServiceStats;
  /** Record and acknowledge what waits, close the sessions, then the file. */
  stop(): Promise<void>;
};

/** Open the ledger file and start the live ledger service. */
export async function startEdgeLedger(options: EdgeLedgerOptions): Promise<EdgeLedger> {
  mkdirSync(dirname(options.ledgerFile), { recursive: true });
  const tollNetwork = { roads: options.scenario.tollRoads, gantries: options.scenario.tollGantries };
  const logged = new Set<string>();
  const sessions = {
    clock: options.clock,
    region: options.region,
    edgeId: options.edgeId,
    fieldUrl: options.fieldMqttUrl,
    ...(options.centerMqttUrl === undefined ? {} : { centerUrl: options.centerMqttUrl }),
    clientIdPrefix: options.clientIdPrefix ?? `its-${options.edgeId}`,
    ...(options.fieldAuth === undefined ? {} : { fieldAuth: options.fieldAuth }),
    ...(options.centerAuth === undefined ? {} : { centerAuth: options.centerAuth }),
    // Logged once per reason; every one is counted in the service's stats.
    onReject: (reason: string, topic: string, detail: string) => {
      if (logged.has(reason)) return;
      logged.add(reason);
      options.log(`${options.edgeId} ledger: refused ${reason} on ${topic}: ${detail}`);
    },
  };
  if ((options.thread ?? true) && timebaseOf(options.clock) !== null) {
    const service = await startThreadedLedgerService({
      ...sessions,
      ledgerFile: options.ledgerFile,
      tollNetwork,
    });
    return { stats: () => service.stats(), stop: () => service.close() };
  }
  const ledger = Ledger.open(new SqliteLedgerStore(options.ledgerFile), {
    policy: seoulPolicy(),
    tollNetwork,
    clock: options.clock,
    edgeId: options.edgeId,
    region: options.region,
  });
  try {
    const service = await startLedgerService({ ...sessions, ledger });
    return {
      stats: () => service.stats(),
      stop: async () => {
        await service.close();
        ledger.close();
      },
    };
  } catch (err) {
    ledger.close();
    throw err;
  }
}
