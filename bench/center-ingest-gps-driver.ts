/**
 * @module bench/center-ingest-gps-driver
 * The GPS side of the GPS-to-board bench, in a child process of its own (devices and sign clients
 * live outside both edge and center). A fleet of buses (`center-ingest-gps-fleet.ts`) publishes
 * `bus.position` fixes on the region's field topics, QoS 0 as GPS units do; one WebSocket client
 * watches the `stop:<id>` board of every stop of the fleet's trips; a plain subscriber beside it
 * watches the edge's uplink topic. Every fix is keyed by vehicle and fix time: a board shows that fix
 * when a bus's arrival carries it as `asOf` (the edge's progress report carries the fix's time, and
 * the center's prediction is made from it). All three ends are timed on this process's clock:
 *
 * - total: GPS publish → the first board frame that shows the fix;
 * - edge stage: GPS publish → the uplink batch carrying its progress seen on the broker (the field
 *   broker hop, ingest, map matching, the uplink's batching, the SQLite seal, the publish);
 * - center stage: that batch seen on the broker → the board frame (ingest, Redis, pub/sub, the live
 *   feed's prediction and board, WebSocket).
 *
 * The edge forwards a bus's progress once per 10 s (or at a stop event), so only those fixes can
 * reach a board; and a board shows the next two buses per route and direction, so the fixes timed are
 * those of the buses nearest each watched stop. Fixes published during the warm-up (buses starting)
 * are not timed.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { loadScenario } from '../core/index.ts';
import type { StopBoard } from '../core/api/index.ts';
import { busFleet, busTopic, fixOf } from './center-ingest-gps-fleet.ts';
import { openWs } from './center-ingest-latency-driver.ts';

const MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const DRIVER_ENV = 'ITS_GPS_BOARD_DRIVER';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Percentiles of one stage, ms. */
export type StageLatency = {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly n: number;
};

/** What the driver measured. */
export type GpsBoardResult = {
  /** Fixes published in the timed window, and per second. */
  readonly fixes: number;
  /** Fixes published in all, warm-up included. */
  readonly published: number;
  readonly fixesPerS: number;
  /** Progress reports of timed fixes seen on the uplink (the edge forwards one per bus per 10 s). */
  readonly forwarded: number;
  readonly total: StageLatency;
  readonly edge: StageLatency;
  readonly center: StageLatency;
  readonly boardFrames: number;
  readonly stopsWatched: number;
};

/** What the driver is asked to do. */
export type GpsBoardRun = {
  readonly port: number;
  readonly scenarioPath: string;
  readonly region: string;
  readonly edgeId: string;
  readonly buses: number;
  readonly warmS: number;
  readonly timedS: number;
};

function stage(values: number[]): StageLatency {
  values.sort((a, b) => a - b);
  const p = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
  return { p50: p(0.5), p99: p(0.99), max: values[values.length - 1] ?? NaN, n: values.length };
}

async function gpsToBoard(run: GpsBoardRun): Promise<GpsBoardResult> {
  const scenario = loadScenario(run.scenarioPath);
  const fleet = busFleet(scenario, { region: run.region, buses: run.buses, prefix: run.edgeId });
  const tripIds = new Set(fleet.map((b) => b.tripId));
  const stops = [
    ...new Set(
      (scenario.transit?.trips ?? [])
        .filter((t) => tripIds.has(t.id))
        .flatMap((t) => t.stopTimes.map((st) => st.stopId)),
    ),
  ];
  const sentAt = new Map<string, number>();
  const timedKeys = new Set<string>();
  const spiedAt = new Map<string, number>();
  const shown = new Set<string>();
  const total: number[] = [];
  const edge: number[] = [];
  const center: number[] = [];
  let boardFrames = 0;
  const boards = await openWs(
    run.port,
    stops.map((s) => `stop:${s}`),
    (text) => {
      const now = performance.now();
      const frame = JSON.parse(text) as { type?: string; data?: StopBoard };
      if (frame.type !== 'delta' || frame.data === undefined) return;
      boardFrames++;
      for (const route of frame.data.routes) {
        for (const a of route.arrivals) {
          if (a.vehicleId === null || a.asOf === null) continue;
          const key = `${a.vehicleId}@${a.asOf}`;
          if (!timedKeys.has(key) || shown.has(key)) continue;
          shown.add(key);
          const sent = sentAt.get(key) ?? now;
          total.push(now - sent);
          const spied = spiedAt.get(key);
          if (spied !== undefined) {
            edge.push(spied - sent);
            center.push(now - spied);
          }
        }
      }
    },
  );
  const spy = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, log: () => undefined });
  (spy.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  spy.on('message', (_topic, payload) => {
    const now = performance.now();
    const batch = JSON.parse(payload.toString()) as {
      items?: { type: string; vehicleId?: string; at?: number }[];
    };
    for (const item of batch.items ?? []) {
      if (item.type !== 'bus-progress') continue;
      const key = `${item.vehicleId}@${item.at}`;
      if (!spiedAt.has(key)) spiedAt.set(key, now);
    }
  });
  await spy.subscribeAsync(`its/v1/${run.region}/edge/${run.edgeId}/up`, { qos: 0 });
  const pub = await mqtt.connectAsync(MQTT_URL, { log: () => undefined });
  (pub.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  // Buses by the 10 ms slot of the second they report in; each reports once a second from its first fix.
  const slots: number[][] = Array.from({ length: 100 }, () => []);
  fleet.forEach((bus, j) => slots[Math.floor(bus.firstFixMs / 10) % 100]?.push(j));
  const nextDueMs = fleet.map((b) => b.firstFixMs);
  const fixCount = fleet.map(() => 0);
  const endMs = (run.warmS + run.timedS) * 1000;
  const start = performance.now();
  let timedFixes = 0;
  let published = 0;
  for (let slot = 0; slot * 10 < endMs; slot++) {
    const wait = start + slot * 10 - performance.now();
    if (wait > 0) await sleep(wait);
    for (const j of slots[slot % 100] ?? []) {
      const bus = fleet[j];
      const k = fixCount[j] ?? 0;
      if (bus === undefined || (nextDueMs[j] ?? Infinity) > slot * 10 + 9) continue;
      const ts = Date.now();
      const key = `${bus.vehicleId}@${ts}`;
      sentAt.set(key, performance.now());
      if (slot * 10 >= run.warmS * 1000) {
        timedKeys.add(key);
        timedFixes++;
      }
      pub.publish(busTopic(run.region, bus), JSON.stringify(fixOf(bus, k, ts, k)), { qos: 0 });
      fixCount[j] = k + 1;
      published++;
      nextDueMs[j] = (nextDueMs[j] ?? 0) + 1000;
    }
  }
  // The last fixes' boards: at most a batch period and the center's time behind.
  await sleep(2500);
  await pub.endAsync();
  await spy.endAsync();
  boards.close();
  const forwarded = [...spiedAt.keys()].filter((k) => timedKeys.has(k)).length;
  return {
    fixes: timedFixes,
    published,
    fixesPerS: timedFixes / run.timedS,
    forwarded,
    total: stage(total),
    edge: stage(edge),
    center: stage(center),
    boardFrames,
    stopsWatched: stops.length,
  };
}

/** Run the driver in a child process. */
export function gpsToBoardInChild(run: GpsBoardRun): Promise<GpsBoardResult> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(run)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [DRIVER_ENV]: '1' },
    // Structured clone keeps NaN (a stage with no sample), which JSON would turn into null.
    serialization: 'advanced',
  });
  // The run lasts warm-up + timed + 2.5 s of drain; a driver still there long after is stuck.
  const stuck = setTimeout(() => child.kill('SIGKILL'), (run.warmS + run.timedS + 90) * 1000);
  return new Promise<GpsBoardResult>((resolve, reject) => {
    child.once('message', (m: GpsBoardResult) => resolve(m));
    child.once('exit', (code) => reject(new Error(`GPS driver exited with ${code}`)));
  }).finally(() => clearTimeout(stuck));
}

if (process.env[DRIVER_ENV] === '1') {
  const run = JSON.parse(process.argv[2] ?? '{}') as GpsBoardRun;
  void gpsToBoard(run).then((r) => {
    process.send?.(r, () => process.exit(0));
  });
}
