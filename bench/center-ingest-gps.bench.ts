/**
 * @module bench/center-ingest-gps.bench
 * GPS to board on the real pipeline (issue 8's end-to-end latency, measured from the bus): buses
 * publish `bus.position` fixes on the region's field topic of the machine's Mosquitto; a real edge
 * (`startEdgeRuntime` in a child process: its bus tracker, the SQLite store-and-forward uplink with
 * the center's `uplink.ack`) forwards their progress over MQTT; a real center (`startCenterNode` on the
 * machine's Redis, its own prefix and share group) ingests it and updates its `stop:<id>` boards; a
 * WebSocket client (a process of its own) times the first frame of a board already showing the bus
 * whose arrival carries the fix's time (`asOf`), split into the edge stage and the center stage by a
 * subscriber on the uplink topic (`center-ingest-gps-driver.ts`; the first sighting on any board, the
 * figure before session 8, is in the note). The center's CPU time is taken over the fleet's run
 * only, per fix and per uplink batch. The rate is one edge's: 1,000 buses reporting every second. The
 * run is made with the uplink's default prompt window (50 ms) and with the lane off (1 s batches,
 * the edge before session 7), each against a fresh center and edge. The center-stage figures at
 * 5,000 and 20,000 messages/s are `center-ingest.bench.ts`'s.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../core/index.ts';
import { RedisStateStore } from '../center/adapters/redis/index.ts';
import { startCenterNode } from '../center/node/index.ts';
import { isolatedCenterOptions, MACHINE_REDIS_URL } from '../center/node/testing/isolated-center.ts';
import type { BenchFigure, Benchmark } from './types.ts';
import { benchBoardPacing, pacingNote } from './center-ingest-pacing.ts';
import { gpsToBoardInChild, type GpsBoardResult, type StageLatency } from './center-ingest-gps-driver.ts';
import { startEdgeChild, type EdgeReport } from './center-ingest-gps-edge.ts';

const SCENARIO = 'scenarios/demo-city';
const PACING = benchBoardPacing();
/** The isolated center hears the region `gangnam` only (center/node/testing/isolated-center.ts). */
const REGION = 'gangnam';
/** One edge's fleet: 1,000 buses reporting every second; `ITS_GPS_BENCH_BUSES` sets another size. */
const BUSES = Number(process.env['ITS_GPS_BENCH_BUSES'] ?? 1000);

/** One run: a fresh center and edge, the fleet for `warmS` + `timedS`. */
async function gpsRun(
  promptMs: number | null,
  warmS: number,
  timedS: number,
): Promise<{ result: GpsBoardResult; edge: EdgeReport; center: CenterCost }> {
  const prefix = `its-bench:${randomUUID()}`;
  const edgeId = `g${randomUUID().slice(0, 8)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-gps-edge-'));
  const node = await startCenterNode({
    scenario: loadScenario(SCENARIO),
    ...isolatedCenterOptions(edgeId, prefix),
    boardPacing: PACING,
    httpPort: 0,
    tokens: [],
    log: () => undefined,
  });
  try {
    const edge = await startEdgeChild({ scenarioPath: SCENARIO, region: REGION, edgeId, dataDir, promptMs });
    let report: EdgeReport | null = null;
    try {
      // The center runs in this process, alone while the fleet runs: the fleet, the board client and
      // the edge are children, started before the window and read after it.
      let cpu = process.cpuUsage();
      let accepted = 0;
      let center: CenterCost = { cpuUs: 0, batches: 0 };
      const window = {
        start: () => {
          cpu = process.cpuUsage();
          accepted = node.ingest.stats().accepted;
        },
        end: () => {
          const used = process.cpuUsage(cpu);
          center = { cpuUs: used.user + used.system, batches: node.ingest.stats().accepted - accepted };
        },
      };
      const result = await gpsToBoardInChild(
        {
          ...{ port: node.port, scenarioPath: SCENARIO, region: REGION, edgeId },
          ...{ buses: BUSES, warmS, timedS },
        },
        window,
      );
      report = await edge.stop();
      return { result, edge: report, center };
    } finally {
      if (report === null) await edge.stop().catch(() => undefined);
    }
  } finally {
    await node.close();
    const s = await RedisStateStore.connect({ url: MACHINE_REDIS_URL, prefix });
    await s.purge();
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** CPU time of the center's process over a run (every thread), and the uplink batches it stored. */
type CenterCost = { readonly cpuUs: number; readonly batches: number };

const ms = (s: StageLatency, q: 'p50' | 'p99'): string => `${s[q].toFixed(0)} ms`;

function figures(
  mode: string,
  r: GpsBoardResult,
  e: EdgeReport,
  c: CenterCost,
  target: boolean,
): BenchFigure[] {
  const load = `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
  const edgeNote = `edge: accepted ${e.accepted} field messages of the ${r.published} fixes published, ${(e.cpuUs / Math.max(1, e.accepted)).toFixed(0)} µs CPU per field message (every thread, whole run), ${e.uplink.sent} batches sent (${e.uplink.promptSeals} by the prompt lane, ${e.uplink.resent} resent), ${e.uplink.queuedBatches} unacknowledged at stop`;
  const split = `edge stage p50 ${ms(r.edge, 'p50')} p99 ${ms(r.edge, 'p99')}, center stage p50 ${ms(r.center, 'p50')} p99 ${ms(r.center, 'p99')} (${r.edge.n} split by the uplink subscriber)`;
  const centerNote = `center: ${(c.cpuUs / 1000).toFixed(0)} ms CPU over the run (warm-up included), ${(c.cpuUs / Math.max(1, r.published)).toFixed(1)} µs per fix published, ${(c.cpuUs / Math.max(1, c.batches)).toFixed(0)} µs per uplink batch stored (${c.batches}); board client ${(r.boardClientCpuUs / Math.max(1, r.boardFrames)).toFixed(0)} µs CPU per frame in its own process, publisher ${(r.publisherCpuUs / 1000).toFixed(0)} ms CPU`;
  const appeared = `first sighting on any board (a bus moving up when the one ahead passed counts, the figure before session 8): p50 ${ms(r.appeared, 'p50')} p99 ${ms(r.appeared, 'p99')} (${r.appeared.n})`;
  const common = `${r.fixes} fixes at ${r.fixesPerS.toFixed(0)}/s from ${BUSES} buses; ${r.forwarded} forwarded as progress (one per bus per 10 s), ${r.total.n} of them shown as an update of a bus already on one of the ${r.stopsWatched} boards watched (the next two buses per route and direction); ${r.boardFrames} board frames (${pacingNote(PACING)}); ${load}`;
  return [
    {
      name: `GPS publish → stop:<id> board p99, one edge at 1,000 fixes/s, ${mode}`,
      value: Number(r.total.p99.toFixed(1)),
      unit: 'ms',
      ...(target ? { target: '< 100 ms', met: r.total.p99 < 100 } : {}),
      note: `p50 ${ms(r.total, 'p50')}, max ${r.total.max.toFixed(0)} ms; ${split}; ${appeared}; ${common}; ${centerNote}; ${edgeNote}`,
    },
    {
      name: `GPS publish → stop:<id> board p50, one edge at 1,000 fixes/s, ${mode}`,
      value: Number(r.total.p50.toFixed(1)),
      unit: 'ms',
    },
  ];
}

export const benchmark: Benchmark = {
  name: 'GPS to board (real edge + center)',
  run: async ({ quick }) => {
    // 10 s of warm-up: the buses' first fixes are spread over the edge's 10 s progress period.
    const prompt = await gpsRun(50, 10, quick ? 8 : 20);
    const off = await gpsRun(null, 10, quick ? 5 : 10);
    return [
      ...figures('uplink prompt window 50 ms (default)', prompt.result, prompt.edge, prompt.center, true),
      ...figures('prompt lane off (1 s batches, as before)', off.result, off.edge, off.center, false),
    ];
  },
};
