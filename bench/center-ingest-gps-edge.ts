/**
 * @module bench/center-ingest-gps-edge
 * The real edge of the GPS-to-board bench, in a child process of its own as an edge runs on its own
 * machine: `startEdgeRuntime` (field subscriber, EdgeNode with its bus tracker, the SQLite
 * store-and-forward uplink with end-to-end acks, the ledger), on the machine's Mosquitto for both the
 * field and the center side, the wall clock, no controllers. It answers `ready` over IPC, and on `stop`
 * sends its counters and the CPU time it spent, stops in order and exits.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { loadScenario, SystemClock } from '../core/index.ts';
import { startEdgeRuntime } from '../edge/runtime/index.ts';
import type { UplinkStats } from '../edge/uplink/index.ts';

const MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const EDGE_ENV = 'ITS_GPS_BENCH_EDGE';

/** What the edge child reports when stopped. */
export type EdgeReport = {
  readonly uplink: UplinkStats;
  /** Field messages the node accepted. */
  readonly accepted: number;
  readonly busesTracked: number;
  /** CPU time of the edge process (every thread) from ready to stop, µs. */
  readonly cpuUs: number;
};

/** A running edge child. */
export type EdgeChild = { stop(): Promise<EdgeReport> };

/** Start the edge child: `promptMs` null = the prompt lane off. Resolves once it is subscribed. */
export async function startEdgeChild(options: {
  readonly scenarioPath: string;
  readonly region: string;
  readonly edgeId: string;
  readonly dataDir: string;
  readonly promptMs: number | null;
}): Promise<EdgeChild> {
  const args = [
    options.scenarioPath,
    options.region,
    options.edgeId,
    options.dataDir,
    String(options.promptMs),
  ];
  const child = fork(fileURLToPath(import.meta.url), args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [EDGE_ENV]: '1' },
    serialization: 'advanced',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A start takes seconds idle, up to a minute on a loaded machine (tsx, node-opcua's import).
  const stuck = setTimeout(() => child.kill('SIGKILL'), 120_000);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    void exited.then((code) => reject(new Error(`edge child exited with ${code} before ready`)));
  }).finally(() => clearTimeout(stuck));
  return {
    stop: async () => {
      const report = new Promise<EdgeReport>((resolve) =>
        child.once('message', (m: EdgeReport) => resolve(m)),
      );
      child.send('stop');
      const r = await Promise.race([report, exited.then(() => null)]);
      // An orderly stop drains for 2 s at most; a child still there after 30 s is stuck.
      const stuck = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(stuck);
      if (r === null) throw new Error('edge child exited without a report');
      await forgetSessions(options.edgeId);
      return r;
    },
  };
}

/**
 * The edge's persistent sessions (field subscriber, ledger, settlement) would otherwise stay on the
 * shared broker and queue QoS 1 messages for a client that never comes back: connect each once with
 * a clean session, which discards it (MQTT 3.1.1 §3.1.2.4).
 */
async function forgetSessions(edgeId: string): Promise<void> {
  for (const clientId of [`its-${edgeId}`, `its-${edgeId}-ledger`, `its-${edgeId}-settle`]) {
    const c = await mqtt.connectAsync(MQTT_URL, { clientId, clean: true, reconnectPeriod: 0 });
    await c.endAsync();
  }
}

async function main(): Promise<void> {
  const [scenarioPath, region, edgeId, dataDir, prompt] = process.argv.slice(2);
  if (scenarioPath === undefined || region === undefined || edgeId === undefined || dataDir === undefined) {
    throw new Error('usage: <scenario> <region> <edgeId> <dataDir> <promptMs|null>');
  }
  const edge = await startEdgeRuntime({
    scenario: loadScenario(scenarioPath),
    region,
    edgeId,
    clock: new SystemClock(),
    fieldMqttUrl: MQTT_URL,
    fieldAuth: undefined,
    centerAuth: undefined,
    dbFile: `${dataDir}/${edgeId}.sqlite`,
    strategy: 'actuated',
    tsp: false,
    uplinkPromptMs: prompt === 'null' ? null : Number(prompt),
    log: () => undefined,
  });
  const cpu = process.cpuUsage();
  process.once('message', () => {
    const used = process.cpuUsage(cpu);
    const s = edge.stats();
    const report: EdgeReport = {
      uplink: s.uplink,
      accepted: s.node.ingest.accepted,
      busesTracked: s.node.busesTracked,
      cpuUs: used.user + used.system,
    };
    process.send?.(report, () => {
      void edge.stop().then(() => process.exit(0));
    });
  });
  process.send?.('ready');
}

if (process.env[EDGE_ENV] === '1') {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
