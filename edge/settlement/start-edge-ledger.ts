/**
 * @module edge/settlement/start-edge-ledger
 * The fare and toll ledger of one region's edge, wired once for every caller (the edge runtime, tests):
 * a SQLite ledger file (WAL, synchronous FULL) rated with the Seoul fare table and the scenario's toll
 * roads, behind the live ledger service (its own MQTT session on `tap` and `toll`, group commit,
 * settlement batches to the center broker).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock, Scenario } from '../../core/index.ts';
import { seoulPolicy } from '../../core/fares/index.ts';
import type { LedgerService } from '../adapters/mqtt/ledger-service.ts';
import { startLedgerService } from '../adapters/mqtt/ledger-service.ts';
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
  readonly log: (line: string) => void;
};

/** A running edge ledger. */
export type EdgeLedger = {
  readonly ledger: Ledger;
  readonly service: LedgerService;
  /** Commit what waits, close the sessions, then the file. */
  stop(): Promise<void>;
};

/** Open the ledger file and start the live ledger service. */
export async function startEdgeLedger(options: EdgeLedgerOptions): Promise<EdgeLedger> {
  mkdirSync(dirname(options.ledgerFile), { recursive: true });
  const ledger = Ledger.open(new SqliteLedgerStore(options.ledgerFile), {
    policy: seoulPolicy(),
    tollNetwork: { roads: options.scenario.tollRoads, gantries: options.scenario.tollGantries },
    clock: options.clock,
    edgeId: options.edgeId,
    region: options.region,
  });
  const logged = new Set<string>();
  let service: LedgerService;
  try {
    service = await startLedgerService({
      ledger,
      clock: options.clock,
      region: options.region,
      edgeId: options.edgeId,
      fieldUrl: options.fieldMqttUrl,
      ...(options.centerMqttUrl === undefined ? {} : { centerUrl: options.centerMqttUrl }),
      clientIdPrefix: options.clientIdPrefix ?? `its-${options.edgeId}`,
      ...(options.fieldAuth === undefined ? {} : { fieldAuth: options.fieldAuth }),
      ...(options.centerAuth === undefined ? {} : { centerAuth: options.centerAuth }),
      // Logged once per reason; every one is counted in the service's stats.
      onReject: (reason, topic, detail) => {
        if (logged.has(reason)) return;
        logged.add(reason);
        options.log(`${options.edgeId} ledger: refused ${reason} on ${topic}: ${detail}`);
      },
    });
  } catch (err) {
    ledger.close();
    throw err;
  }
  return {
    ledger,
    service,
    stop: async () => {
      await service.close();
      ledger.close();
    },
  };
}
