/**
 * @module bench/center-ingest-latency-driver
 * The latency driver of the center-ingest bench, in child processes as edges and clients live outside
 * the center. A publisher process sends uplink batches of one bus-progress item at an offered rate,
 * as an edge's uplink does; another process holds two WebSocket clients of the center
 * (`center-ingest-latency-clients.ts`; until session 8 they shared the publisher's process, whose
 * publishes and receive times waited behind their parsing). Both stamp epoch milliseconds of
 * `performance`, and the records are matched here after the run:
 *
 * - `vehicles`: publish → the vehicle delta carrying that report (every message is timed);
 * - `stop:<id>`: publish → the first stop board that reflects it. A few timed buses (one per trip
 *   pattern of the demo city's bus routes, mid-route, every load bus of that pattern behind it, so
 *   each is the next arrival at the stops ahead) report every 50 ms; a client watches the three stops
 *   ahead of each. A board reflects a report when the bus's arrival carries that report's `asOf`.
 *
 * Reports that never show do not enter the percentiles; they are counted by where they went: never
 * stored by the center (not on `vehicles` either: the broker drops QoS 1 messages beyond its queue for
 * a lagging subscriber), stored but overtaken by a later report of the same bus before any board
 * showed it (coalesced: the live feed sends a board at most once per pacing interval, with the latest
 * reports), or stored and never shown (lost).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { loadScenario, topicForMessage, type Scenario } from '../core/index.ts';
import { busProgressItem, sampleBatch } from '../center/ingest/index.ts';
import { startLatencyClients, type ClientsReport } from './center-ingest-latency-clients.ts';
import { epochNow } from './center-ingest-ws.ts';

const MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const DRIVER_ENV = 'ITS_LATENCY_DRIVER';
/** The scenario the latency center runs: routes with 12-19 stops, so boards have stops ahead. */
export const LATENCY_SCENARIO = 'scenarios/demo-city';
const LOAD_BUSES = 500;
const TIMED_EVERY_TICKS = 5; // 10 ms ticks: each timed bus reports every 50 ms
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Latency percentiles of one channel. */
export type Latency = {
  readonly p50: number;
  readonly p99: number;
  /** Reports published. */
  readonly total: number;
  /** Reports shown on the channel (the percentiles). */
  readonly seen: number;
};

/** Latency percentiles of one channel and where the reports that never showed went. */
export type ChannelLatency = Latency & {
  /** Never stored by the center. */
  readonly notStored: number;
  /** Stored, overtaken by a later report of the same bus before any frame showed them. */
  readonly coalesced: number;
  /** Stored and never shown. */
  readonly lost: number;
};

/** What the latency driver measured at one offered rate. */
export type LatencyResult = {
  readonly rate: number;
  readonly offered: number;
  /** Every report; the channel shows every stored one, so unseen ones are split by the center's count. */
  readonly vehicles: Latency;
  readonly stops: ChannelLatency;
  readonly stopFrames: number;
  /** Reports the broker acknowledged to the driver (the rest never left a driver that fell behind). */
  readonly brokerAcked: number;
  /** CPU time of the WebSocket clients' process, µs. */
  readonly clientsCpuUs: number;
};

/** A bus the driver reports: where it is on which trip. */
type PlacedBus = {
  readonly vehicleId: string;
  readonly routeId: string;
  readonly tripId: string;
  /** Stop ids of the trip; the bus is between `stopIds[next - 1]` and `stopIds[next]`. */
  readonly stopIds: readonly string[];
  readonly next: number;
  readonly coords: readonly (readonly [number, number])[];
  readonly distM: readonly number[];
};

/** The timed buses, the load buses and the stops watched (three ahead of each timed bus). */
export function latencyLayout(scenario: Scenario): {
  timed: PlacedBus[];
  load: PlacedBus[];
  watchedStops: string[];
} {
  const stops = new Map((scenario.transit?.stops ?? []).map((s) => [s.id, [s.lon, s.lat] as const]));
  // Buses only (GTFS route_type 3): the issue times a bus's GPS report, and the subway is not one.
  const buses = new Set((scenario.transit?.routes ?? []).filter((r) => r.gtfsType === 3).map((r) => r.id));
  const trips = (scenario.transit?.trips ?? []).filter(
    (t) => buses.has(t.routeId) && t.stopTimes.length >= 6,
  );
  if (trips.length === 0) throw new Error(`${scenario.id}: no bus trip of 6 stops for the latency bench`);
  const place = (vehicleId: string, tripIndex: number, next: number): PlacedBus => {
    const t = trips[tripIndex % trips.length] ?? trips[0];
    if (t === undefined) throw new Error('unreachable');
    return {
      vehicleId,
      routeId: t.routeId,
      tripId: t.id,
      stopIds: t.stopTimes.map((st) => st.stopId),
      next,
      coords: t.stopTimes.map((st) => stops.get(st.stopId) ?? [0, 0]),
      distM: t.stopTimes.map((st) => st.distM ?? 0),
    };
  };
  const mid = (i: number): number => Math.floor((trips[i]?.stopTimes.length ?? 0) / 2);
  const timed = trips.map((t, i) => place(`eta-${t.id}`, i, mid(i)));
  const load = Array.from({ length: LOAD_BUSES }, (_, j) => {
    const i = j % trips.length;
    return place(`lat-${j}`, i, 1 + (Math.floor(j / trips.length) % (mid(i) - 1)));
  });
  const watchedStops = [...new Set(timed.flatMap((b) => b.stopIds.slice(b.next, b.next + 3)))];
  return { timed, load, watchedStops };
}

/** A bus-progress item for `bus` at `share` (0-1) of its current segment. */
function progressAt(bus: PlacedBus, share: number, at: number): ReturnType<typeof busProgressItem> {
  const [a, b] = [bus.coords[bus.next - 1] ?? [0, 0], bus.coords[bus.next] ?? [0, 0]];
  const [da, db] = [bus.distM[bus.next - 1] ?? 0, bus.distM[bus.next] ?? 0];
  return busProgressItem(bus.vehicleId, at, {
    routeId: bus.routeId,
    tripId: bus.tripId,
    lon: a[0] + share * (b[0] - a[0]),
    lat: a[1] + share * (b[1] - a[1]),
    distanceM: da + share * (db - da),
    lastStopId: bus.stopIds[bus.next - 1] ?? null,
    nextStopId: bus.stopIds[bus.next] ?? null,
  } as never);
}

function percentiles(sorted: readonly number[]): { p50: number; p99: number } {
  const p = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: p(0.5), p99: p(0.99) };
}

/** What the publisher process sends back. */
type PublisherReport = {
  /** `[vehicleId@at, epoch ms]` of every report published. */
  readonly sent: readonly (readonly [string, number])[];
  /** The timed buses' reports in publish order: `[vehicleId, at, epoch ms]`. */
  readonly timedReports: readonly (readonly [string, number, number])[];
  readonly offered: number;
  readonly brokerAcked: number;
};

/** Publish at `rate`/s for `seconds`, as an edge's uplink does (the clients are another process). */
async function publishAt(
  edgeId: string,
  rate: number,
  seconds: number,
  ready: () => Promise<void>,
): Promise<PublisherReport> {
  const { timed, load } = latencyLayout(loadScenario(LATENCY_SCENARIO));
  const sent: [string, number][] = [];
  const timedReports: [string, number, number][] = [];
  const pub = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, log: () => undefined });
  (pub.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  await ready();
  // Unique batch ids without a crypto call per message: the driver shares the machine's two cores with
  // the center it measures, so what it spends on itself shows up as the center's latency.
  const runId = randomUUID();
  const perTick = Math.max(timed.length + 1, Math.round(rate / 100));
  const total = rate * seconds;
  let seq = 1_000_000 + Math.floor(Math.random() * 1e6);
  const lastAt = new Map<string, number>();
  let brokerAcked = 0;
  let timedReportsN = 0;
  const publish = (bus: PlacedBus, share: number): { at: number; sentAt: number } => {
    // Reports of one bus strictly later than its previous one, as a GPS fix is.
    const at = Math.max(Date.now(), (lastAt.get(bus.vehicleId) ?? 0) + 1);
    lastAt.set(bus.vehicleId, at);
    const b = sampleBatch({
      region: 'gangnam',
      edgeId,
      id: `${runId}-${seq}`,
      seq: seq++,
      items: [progressAt(bus, share, at)],
    });
    const sentAt = epochNow();
    sent.push([`${bus.vehicleId}@${at}`, sentAt]);
    pub.publish(topicForMessage('gangnam', b), JSON.stringify(b), { qos: 1 }, (err) => {
      if (!err) brokerAcked++;
    });
    return { at, sentAt };
  };
  const start = performance.now();
  let tick = 0;
  for (let n = 0; n < total; tick++) {
    let inTick = 0;
    if (tick % TIMED_EVERY_TICKS === 0) {
      const share = 0.1 + 0.8 * ((timedReportsN++ % 16) / 16);
      for (const bus of timed) {
        if (n >= total) break;
        const r = publish(bus, share);
        timedReports.push([bus.vehicleId, r.at, r.sentAt]);
        n++;
        inTick++;
      }
    }
    for (; inTick < perTick && n < total; inTick++, n++) {
      const bus = load[n % load.length];
      if (bus !== undefined) publish(bus, 0.5);
    }
    const wait = start + (tick + 1) * 10 - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const offeredS = (performance.now() - start) / 1000;
  // A driver starved of CPU at 20,000/s can hold tens of thousands of publishes it never sent; a
  // graceful end would wait for all of them. Give it 5 s, then drop what is left (counted below).
  const ended = await Promise.race([pub.endAsync().then(() => true), sleep(5000).then(() => false)]);
  if (!ended) await pub.endAsync(true);
  return { sent, timedReports, offered: Math.round(total / offeredS), brokerAcked };
}

/** Latency from publish to the `vehicles` delta and to the stop board, from both processes' records. */
function matchLatencies(rate: number, pub: PublisherReport, seen: ClientsReport): LatencyResult {
  const vehicleFirst = new Map(seen.vehicles);
  const vehicleLatencies: number[] = [];
  for (const [key, sentAt] of pub.sent) {
    const at = vehicleFirst.get(key);
    if (at !== undefined) vehicleLatencies.push(at - sentAt);
  }
  // Per timed bus, its reports not yet shown on a board, oldest first; frames replayed in order.
  const pending = new Map<string, { at: number; sentAt: number }[]>();
  for (const [vehicleId, at, sentAt] of pub.timedReports) {
    const list = pending.get(vehicleId);
    if (list === undefined) pending.set(vehicleId, [{ at, sentAt }]);
    else list.push({ at, sentAt });
  }
  const stopLatencies: number[] = [];
  const overtaken: string[] = [];
  for (const [now, shown] of seen.boards) {
    for (const [vehicleId, asOf] of shown) {
      const list = pending.get(vehicleId);
      if (list === undefined) continue;
      while (list.length > 0 && (list[0]?.at ?? Infinity) < asOf)
        overtaken.push(`${vehicleId}@${list.shift()?.at}`);
      if (list[0]?.at === asOf) stopLatencies.push(now - (list.shift()?.sentAt ?? now));
    }
  }
  const timedStored = new Set(
    pub.timedReports.map(([v, at]) => `${v}@${at}`).filter((k) => vehicleFirst.has(k)),
  );
  const unshown = [...pending].flatMap(([id, l]) => l.map((r) => `${id}@${r.at}`));
  vehicleLatencies.sort((a, b) => a - b);
  stopLatencies.sort((a, b) => a - b);
  return {
    rate,
    offered: pub.offered,
    vehicles: { ...percentiles(vehicleLatencies), total: pub.sent.length, seen: vehicleLatencies.length },
    stops: {
      ...percentiles(stopLatencies),
      total: pub.timedReports.length,
      seen: stopLatencies.length,
      notStored: [...overtaken, ...unshown].filter((k) => !timedStored.has(k)).length,
      coalesced: overtaken.filter((k) => timedStored.has(k)).length,
      lost: unshown.filter((k) => timedStored.has(k)).length,
    },
    stopFrames: seen.stopFrames,
    brokerAcked: pub.brokerAcked,
    clientsCpuUs: seen.cpuUs,
  };
}

/**
 * Run the driver against the center listening on `port`: the WebSocket clients in one child process,
 * the publisher in another, their records matched here after the run.
 */
export async function latencyInChild(
  port: number,
  edgeId: string,
  rate: number,
  seconds: number,
  window: { start(): void; end(): void } = { start: () => undefined, end: () => undefined },
): Promise<LatencyResult> {
  const { timed, watchedStops } = layoutOnce();
  const clients = await startLatencyClients(
    port,
    watchedStops,
    timed.map((b) => b.vehicleId),
  );
  let seen: ClientsReport | null = null;
  try {
    const child = fork(fileURLToPath(import.meta.url), [edgeId, String(rate), String(seconds)], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, [DRIVER_ENV]: '1' },
      serialization: 'advanced',
    });
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`latency publisher exited with ${code}`))),
    );
    const next = <T>(): Promise<T> =>
      Promise.race([new Promise<T>((resolve) => child.once('message', (m: T) => resolve(m))), exited]);
    await next<string>();
    // The window holds the publishing and the clients' drain, not the children's start.
    window.start();
    const reply = next<PublisherReport>();
    child.send('go');
    const pub = await reply;
    seen = await clients.stop(() => window.end());
    return matchLatencies(rate, pub, seen);
  } finally {
    if (seen === null) await clients.stop().catch(() => undefined);
  }
}

let layout: ReturnType<typeof latencyLayout> | null = null;

/** The layout, made once per process (not inside a measured window). */
function layoutOnce(): ReturnType<typeof latencyLayout> {
  layout ??= latencyLayout(loadScenario(LATENCY_SCENARIO));
  return layout;
}

if (process.env[DRIVER_ENV] === '1') {
  const [edgeId, rate, seconds] = process.argv.slice(2);
  const ready = (): Promise<void> =>
    new Promise((resolve) => {
      process.once('message', () => resolve());
      process.send?.('ready');
    });
  void publishAt(edgeId ?? '', Number(rate), Number(seconds), ready).then((r) => {
    process.send?.(r, () => process.exit(0));
  });
}
