/**
 * @module bench/center-ingest-latency-driver
 * The latency driver of the center-ingest bench, run in a child process as edges and clients live
 * outside the center. It publishes uplink batches of one bus-progress item at an offered rate, as an
 * edge's uplink does, and times them on one clock to two WebSocket clients of the center:
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
 * showed it (coalesced: the live feed publishes one board per stop per event-loop turn), or stored
 * and never shown (lost).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { loadScenario, topicForMessage, type Scenario } from '../core/index.ts';
import type { StopBoard } from '../core/api/index.ts';
import { busProgressItem, sampleBatch } from '../center/ingest/index.ts';

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

/** A WebSocket client of the center subscribed to `channels`; resolves once every snapshot came. */
export async function openWs(port: number, channels: readonly string[], onFrame: (text: string) => void) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let snapshots = 0;
  const subscribed = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const text = data.toString();
      if (snapshots < channels.length && text.startsWith('{"type":"snapshot"')) {
        if (++snapshots === channels.length) resolve();
        return;
      }
      onFrame(text);
    });
  });
  for (const channel of channels) ws.send(JSON.stringify({ op: 'subscribe', channel }));
  await subscribed;
  return ws;
}

/** Publish at `rate`/s for `seconds`; latency from publish to the `vehicles` delta and to the stop board. */
async function latencyAt(
  port: number,
  edgeId: string,
  rate: number,
  seconds: number,
): Promise<LatencyResult> {
  const { timed, load, watchedStops } = latencyLayout(loadScenario(LATENCY_SCENARIO));
  const vehicleSent = new Map<string, number>();
  const vehicleLatencies: number[] = [];
  const timedIds = new Set(timed.map((b) => b.vehicleId));
  const timedStored = new Set<string>();
  let lastFrameAt = performance.now();
  const vehicles = await openWs(port, ['vehicles'], (text) => {
    lastFrameAt = performance.now();
    const frame = JSON.parse(text) as {
      type?: string;
      data?: { value?: { vehicleId?: string; at?: number } }[];
    };
    if (frame.type !== 'delta' || !Array.isArray(frame.data)) return;
    const now = performance.now();
    for (const d of frame.data) {
      const key = `${d.value?.vehicleId}@${d.value?.at}`;
      if (timedIds.has(d.value?.vehicleId ?? '')) timedStored.add(key);
      const t = vehicleSent.get(key);
      if (t !== undefined) {
        vehicleLatencies.push(now - t);
        vehicleSent.delete(key);
      }
    }
  });
  // Per timed bus, its reports not yet shown on a board, oldest first.
  const pending = new Map<string, { at: number; sentAt: number }[]>(timed.map((b) => [b.vehicleId, []]));
  const stopLatencies: number[] = [];
  const overtaken: string[] = [];
  let stopFrames = 0;
  const boards = await openWs(
    port,
    watchedStops.map((s) => `stop:${s}`),
    (text) => {
      const frame = JSON.parse(text) as { type?: string; data?: StopBoard };
      if (frame.type !== 'delta' || frame.data === undefined) return;
      stopFrames++;
      const now = performance.now();
      lastFrameAt = now;
      for (const route of frame.data.routes) {
        for (const a of route.arrivals) {
          const list = a.vehicleId === null || a.asOf === null ? undefined : pending.get(a.vehicleId);
          if (list === undefined || a.asOf === null) continue;
          while (list.length > 0 && (list[0]?.at ?? Infinity) < a.asOf) {
            overtaken.push(`${a.vehicleId}@${list.shift()?.at}`);
          }
          if (list[0]?.at === a.asOf) stopLatencies.push(now - (list.shift()?.sentAt ?? now));
        }
      }
    },
  );
  const pub = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, log: () => undefined });
  (pub.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  // Unique batch ids without a crypto call per message: the driver shares the machine's two cores with
  // the center it measures, so what it spends on itself shows up as the center's latency.
  const runId = randomUUID();
  const perTick = Math.max(timed.length + 1, Math.round(rate / 100));
  const total = rate * seconds;
  let seq = 1_000_000 + Math.floor(Math.random() * 1e6);
  const lastAt = new Map<string, number>();
  let brokerAcked = 0;
  let timedTotal = 0;
  let timedReports = 0;
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
    const sentAt = performance.now();
    vehicleSent.set(`${bus.vehicleId}@${at}`, sentAt);
    pub.publish(topicForMessage('gangnam', b), JSON.stringify(b), { qos: 1 }, (err) => {
      if (!err) brokerAcked++;
    });
    return { at, sentAt };
  };
  const start = performance.now();
  let tick = 0;
  for (let sent = 0; sent < total; tick++) {
    let inTick = 0;
    if (tick % TIMED_EVERY_TICKS === 0) {
      const share = 0.1 + 0.8 * ((timedReports++ % 16) / 16);
      for (const bus of timed) {
        if (sent >= total) break;
        pending.get(bus.vehicleId)?.push(publish(bus, share));
        timedTotal++;
        sent++;
        inTick++;
      }
    }
    for (; inTick < perTick && sent < total; inTick++, sent++) {
      const bus = load[sent % load.length];
      if (bus !== undefined) publish(bus, 0.5);
    }
    const wait = start + (tick + 1) * 10 - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const offeredS = (performance.now() - start) / 1000;
  // Drain: until every report showed, or 2 s without a frame (what is left will not come), at most 10 s.
  const unshown = (): string[] => [...pending].flatMap(([id, l]) => l.map((r) => `${id}@${r.at}`));
  for (let i = 0; i < 200 && (unshown().length > 0 || vehicleSent.size > 0); i++) {
    if (performance.now() - lastFrameAt > 2000) break;
    await sleep(50);
  }
  // A driver starved of CPU at 20,000/s can hold tens of thousands of publishes it never sent; a
  // graceful end would wait for all of them. Give it 5 s, then drop what is left (counted above).
  const ended = await Promise.race([pub.endAsync().then(() => true), sleep(5000).then(() => false)]);
  if (!ended) await pub.endAsync(true);
  vehicles.close();
  boards.close();
  vehicleLatencies.sort((a, b) => a - b);
  stopLatencies.sort((a, b) => a - b);
  return {
    rate,
    offered: Math.round(total / offeredS),
    vehicles: { ...percentiles(vehicleLatencies), total, seen: vehicleLatencies.length },
    stops: {
      ...percentiles(stopLatencies),
      total: timedTotal,
      seen: stopLatencies.length,
      notStored: [...overtaken, ...unshown()].filter((k) => !timedStored.has(k)).length,
      coalesced: overtaken.filter((k) => timedStored.has(k)).length,
      lost: unshown().filter((k) => timedStored.has(k)).length,
    },
    stopFrames,
    brokerAcked,
  };
}

/** Run the driver in a child process against the center listening on `port`. */
export function latencyInChild(
  port: number,
  edgeId: string,
  rate: number,
  seconds: number,
): Promise<LatencyResult> {
  const child = fork(fileURLToPath(import.meta.url), [String(port), edgeId, String(rate), String(seconds)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [DRIVER_ENV]: '1' },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: LatencyResult) => resolve(m));
    child.once('exit', (code) => reject(new Error(`latency driver exited with ${code}`)));
  });
}

if (process.env[DRIVER_ENV] === '1') {
  const [port, edgeId, rate, seconds] = process.argv.slice(2);
  void latencyAt(Number(port), edgeId ?? '', Number(rate), Number(seconds)).then((r) => {
    process.send?.(r, () => process.exit(0));
  });
}
