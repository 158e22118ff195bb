/**
 * @module bench/center-ingest-gps-driver
 * The GPS side of the GPS-to-board bench, in child processes of its own (devices and sign clients
 * live outside both edge and center). A fleet of buses (`center-ingest-gps-fleet.ts`) publishes
 * `bus.position` fixes on the region's field topics, QoS 0 as GPS units do, with a plain subscriber
 * beside it on the edge's uplink topic; in another process one WebSocket client watches the
 * `stop:<id>` board of every stop of the fleet's trips (`center-ingest-gps-boards.ts`; until session 8
 * it ran in the publisher's process, whose publishes and receive times waited behind its parsing of
 * every board frame). Every fix is keyed by vehicle and fix time: a board shows that fix when a bus's
 * arrival carries it as `asOf` (the edge's progress report carries the fix's time, and the center's
 * prediction is made from it). The ends are timed in epoch milliseconds of `performance` (comparable
 * across the two processes):
 *
 * - total: GPS publish → the first frame of a board that already showed the bus, carrying the fix;
 * - edge stage: GPS publish → the uplink batch carrying its progress seen on the broker (the field
 *   broker hop, ingest, map matching, the uplink's batching, the SQLite seal, the publish);
 * - center stage: that batch seen on the broker → that board frame (ingest, Redis, pub/sub, the live
 *   feed's prediction and board, WebSocket).
 *
 * A board shows the next two buses per route and direction, so a bus can appear on a board when the
 * one ahead passes the stop, carrying a report up to a progress period (10 s) old: that is the
 * report's age, not its latency, and it made the center stage's p99 about 10 s until session 8. It is
 * kept as `appeared` (first sighting on any board), for comparison with earlier figures.
 *
 * The edge forwards a bus's progress once per 10 s (or at a stop event), so only those fixes can
 * reach a board. Fixes published during the warm-up (buses starting) are not timed.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { loadScenario } from '../core/index.ts';
import { busFleet, busTopic, fixOf } from './center-ingest-gps-fleet.ts';
import { startBoardsChild, type BoardsReport } from './center-ingest-gps-boards.ts';
import { epochNow } from './center-ingest-ws.ts';

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
  /** GPS publish → the first frame of a board that already showed the bus with an older report. */
  readonly total: StageLatency;
  /**
   * GPS publish → the first frame of any board showing it: also counts a bus moving up onto a board
   * when the one ahead passed, with a report up to 10 s old (the figure before session 8).
   */
  readonly appeared: StageLatency;
  readonly edge: StageLatency;
  readonly center: StageLatency;
  readonly boardFrames: number;
  readonly stopsWatched: number;
  /** CPU time of the publisher's and of the board client's process, µs. */
  readonly publisherCpuUs: number;
  readonly boardClientCpuUs: number;
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

/** The stops of the fleet's trips: the boards watched. */
function fleetStops(run: GpsBoardRun): string[] {
  const scenario = loadScenario(run.scenarioPath);
  const fleet = busFleet(scenario, { region: run.region, buses: run.buses, prefix: run.edgeId });
  const tripIds = new Set(fleet.map((b) => b.tripId));
  return [
    ...new Set(
      (scenario.transit?.trips ?? [])
        .filter((t) => tripIds.has(t.id))
        .flatMap((t) => t.stopTimes.map((st) => st.stopId)),
    ),
  ];
}

/** What the publisher process sends back: epoch ms of each timed fix's publish and uplink sighting. */
type PublisherReport = {
  readonly sent: readonly (readonly [string, number])[];
  readonly spied: readonly (readonly [string, number])[];
  readonly published: number;
  readonly timedFixes: number;
  /** CPU time of the publisher's process over the run, µs. */
  readonly cpuUs: number;
};

/** The fleet's publisher and the uplink subscriber (the board client is another process). */
async function publishFleet(run: GpsBoardRun, ready: () => Promise<void>): Promise<PublisherReport> {
  const scenario = loadScenario(run.scenarioPath);
  const fleet = busFleet(scenario, { region: run.region, buses: run.buses, prefix: run.edgeId });
  const sentAt = new Map<string, number>();
  const timedKeys = new Set<string>();
  const spiedAt = new Map<string, number>();
  const cpu = process.cpuUsage();
  const spy = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, log: () => undefined });
  (spy.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  spy.on('message', (_topic, payload) => {
    const now = epochNow();
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
  await ready();
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
      sentAt.set(key, epochNow());
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
  const used = process.cpuUsage(cpu);
  const timed = <T>(m: Map<string, T>): [string, T][] => [...m].filter(([k]) => timedKeys.has(k));
  return {
    sent: timed(sentAt),
    spied: timed(spiedAt),
    published,
    timedFixes,
    cpuUs: used.user + used.system,
  };
}

/**
 * Run the driver: the board client in one child process, the fleet's publisher and the uplink
 * subscriber in another (a board client parsing hundreds of frames a second in the publisher's
 * process delayed its publishes and its own receive times), and put their times together.
 */
export async function gpsToBoardInChild(
  run: GpsBoardRun,
  window: { start(): void; end(): void } = { start: () => undefined, end: () => undefined },
): Promise<GpsBoardResult> {
  const stops = fleetStops(run);
  const boards = await startBoardsChild(run.port, stops);
  let seen: BoardsReport | null = null;
  try {
    // Both children started and connected before the window opens: it holds the fleet's run only.
    const publisher = await publisherInChild(run);
    window.start();
    const pub = await publisher.go();
    window.end();
    seen = await boards.stop();
    const sent = new Map(pub.sent);
    const spied = new Map(pub.spied);
    const total: number[] = [];
    const appeared: number[] = [];
    const edge: number[] = [];
    const center: number[] = [];
    for (const [key, firstMs, updateMs] of seen.sightings) {
      const s = sent.get(key);
      if (s === undefined) continue;
      appeared.push(firstMs - s);
      if (updateMs === null) continue;
      total.push(updateMs - s);
      const u = spied.get(key);
      if (u !== undefined) {
        edge.push(u - s);
        center.push(updateMs - u);
      }
    }
    return {
      fixes: pub.timedFixes,
      published: pub.published,
      fixesPerS: pub.timedFixes / run.timedS,
      forwarded: spied.size,
      total: stage(total),
      appeared: stage(appeared),
      edge: stage(edge),
      center: stage(center),
      boardFrames: seen.frames,
      stopsWatched: stops.length,
      publisherCpuUs: pub.cpuUs,
      boardClientCpuUs: seen.cpuUs,
    };
  } finally {
    if (seen === null) await boards.stop().catch(() => undefined);
  }
}

/** Start the publisher in a child process; resolves once it is connected, `go` runs the fleet. */
async function publisherInChild(run: GpsBoardRun): Promise<{ go(): Promise<PublisherReport> }> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(run)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [DRIVER_ENV]: '1' },
    serialization: 'advanced',
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`GPS publisher exited with ${code}`))),
  );
  const next = <T>(): Promise<T> =>
    Promise.race([new Promise<T>((resolve) => child.once('message', (m: T) => resolve(m))), exited]);
  await next<string>();
  return {
    go: async () => {
      // The run lasts warm-up + timed + 2.5 s of drain; a driver still there long after is stuck.
      const stuck = setTimeout(() => child.kill('SIGKILL'), (run.warmS + run.timedS + 90) * 1000);
      const report = next<PublisherReport>();
      child.send('go');
      return report.finally(() => clearTimeout(stuck));
    },
  };
}

if (process.env[DRIVER_ENV] === '1') {
  const run = JSON.parse(process.argv[2] ?? '{}') as GpsBoardRun;
  const ready = (): Promise<void> =>
    new Promise((resolve) => {
      process.once('message', () => resolve());
      process.send?.('ready');
    });
  void publishFleet(run, ready).then((r) => {
    process.send?.(r, () => process.exit(0));
  });
}
