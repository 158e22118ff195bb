/**
 * @module bench/center-ingest.bench
 * Center ingest on the machine's Mosquitto and Redis: uplink batches per second one center process
 * absorbs into Redis, as a ratio of what the same broker delivers to a bare subscriber in the same run
 * (target >= 0.8); and end-to-end latency at offered rates of 5,000 and 20,000 messages/s from an edge
 * publishing a bus's progress to the updated arrival on a `stop:<id>` WebSocket client (target p99
 * < 100 ms), with the latency to the `vehicles` channel beside it. The latency driver
 * (`center-ingest-latency-driver.ts`: an MQTT publisher and, in another process, the WebSocket
 * clients, both timing on the machine's clock) runs in child processes, as edges and clients live
 * outside the center; the center runs here,
 * on the demo city so boards have routes and stops ahead. On a shared machine every process gets a
 * share of the cores, so each window's figure is set against a bare subscriber measured just before
 * it, with the CPU time per batch of both beside it (publisher included: it runs in this process),
 * and the latency notes give the center's CPU time per message (over the publishing and the clients'
 * drain only, not the driver's start) and the load. `ITS_BENCH_BOARD_INTERVAL_MS` sets the center's
 * board pacing (`center-ingest-pacing.ts`; 0 as before session 8). The latency runs follow
 * an untimed warm-up and use the center's default window, as `its center` runs. The 64-window
 * throughput and the latency runs are also made with the ingest in a worker thread (`ingestThread`;
 * CPU time counts every thread of the process). These figures are the center's stage only: the whole
 * path from a bus's GPS fix through a real edge is `center-ingest-gps.bench.ts`. */
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import mqtt from 'mqtt';
import { loadScenario, topicForMessage, type EdgeBatch } from '../core/index.ts';
import { RedisStateStore } from '../center/adapters/redis/index.ts';
import { busProgressItem, linkStateItem, sampleBatch } from '../center/ingest/index.ts';
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MIN_IN_FLIGHT, startCenterNode } from '../center/node/index.ts';
import { isolatedCenterOptions } from '../center/node/testing/isolated-center.ts';
import type { ArrivalService } from '../center/prediction/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';
import { benchBoardPacing, pacingNote } from './center-ingest-pacing.ts';
import {
  LATENCY_SCENARIO,
  latencyInChild,
  latencyLayout,
  type ChannelLatency,
  type LatencyResult,
} from './center-ingest-latency-driver.ts';

const PACING = benchBoardPacing();
const MQTT_URL = process.env['MQTT_URL'] ?? 'mqtt://127.0.0.1:1883';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function batches(edgeId: string, n: number): { topic: string; payload: string }[] {
  const out: { topic: string; payload: string }[] = [];
  const now = Date.now();
  for (let seq = 0; seq < n; seq++) {
    const b: EdgeBatch = sampleBatch({
      region: 'gangnam',
      edgeId,
      seq,
      ts: now,
      items: [
        linkStateItem(`L${seq % 50}`, 40, now),
        busProgressItem(`bus-${seq % 200}`, now, {
          routeId: '140',
          nextStopId: '22-202',
          lastStopId: '22-201',
        } as never),
      ],
    });
    out.push({ topic: topicForMessage('gangnam', b), payload: JSON.stringify(b) });
  }
  return out;
}

/** A receiver's rate, and the CPU time this process spent per message meanwhile (µs; publisher included). */
type Received = { readonly rate: number; readonly cpuUs: number };

/**
 * Publish in chunks of 500 and wait for the receiver to take each chunk before the next: Mosquitto
 * queues at most 1,000 QoS 1 messages per subscriber by default (`max_queued_messages`) and drops the
 * rest, so an unpaced flood would measure the broker's drops, not the receiver.
 */
async function publishPaced(
  msgs: readonly { topic: string; payload: string }[],
  received: () => number,
): Promise<Received> {
  const pub = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5 });
  (pub.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  const base = received();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < msgs.length; i += 500) {
    const chunk = msgs.slice(i, i + 500);
    await Promise.all(chunk.map((m) => pub.publishAsync(m.topic, m.payload, { qos: 1 })));
    const want = i + chunk.length;
    const deadline = performance.now() + 60_000;
    while (received() - base < want && performance.now() < deadline) await sleep(2);
  }
  const got = received() - base;
  const rate = got / ((performance.now() - t0) / 1000);
  const used = process.cpuUsage(cpu);
  await pub.endAsync();
  return { rate, cpuUs: (used.user + used.system) / Math.max(1, got) };
}

/** A window of handlers in flight: fixed (min = max) or adaptive. */
type Window = { readonly min: number; readonly max: number };

/** Batches/s one center absorbs into Redis with a window of handlers (ingest in a worker thread or not). */
async function centerRate(n: number, window: Window, ingestThread = false): Promise<Received> {
  const prefix = `its-bench:${randomUUID()}`;
  const group = `b${randomUUID().slice(0, 8)}`;
  const node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    ...isolatedCenterOptions(group, prefix),
    minInFlight: window.min,
    maxInFlight: window.max,
    ingestThread,
    httpPort: 0,
    tokens: [],
    log: () => undefined,
  });
  try {
    return await publishPaced(batches(group, n), () => node.ingest.stats().accepted);
  } finally {
    await node.close();
    const s = await RedisStateStore.connect({ url: REDIS_URL, prefix });
    await s.purge();
    await s.close();
  }
}

/**
 * The reference: a subscriber that only counts, connected as the center's subscriber connects (MQTT 5
 * Receive Maximum 1,024, TCP_NODELAY, no debug logging), so the figure is what the broker can deliver,
 * not what Mosquitto's default 20 messages in flight allow.
 */
async function bareRate(edgeId: string, n: number): Promise<Received> {
  const sub = await mqtt.connectAsync(MQTT_URL, {
    protocolVersion: 5,
    properties: { receiveMaximum: 1024 },
    log: () => undefined,
  });
  (sub.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  let got = 0;
  sub.on('message', () => {
    got++;
  });
  await sub.subscribeAsync(`its/v1/gangnam/edge/${edgeId}/up`, { qos: 1 });
  const received = await publishPaced(batches(edgeId, n), () => got);
  await sub.endAsync();
  return received;
}

export const benchmark: Benchmark = {
  name: 'center ingest',
  run: async ({ quick }) => {
    const n = quick ? 3000 : 20_000;
    const fixed = (w: number): Window => ({ min: w, max: w });
    const adaptive = { min: DEFAULT_MIN_IN_FLIGHT, max: DEFAULT_MAX_IN_FLIGHT };
    const figures: BenchFigure[] = [];
    const reference = (await bareRate(`bare-${randomUUID().slice(0, 8)}`, n)).rate;
    const ref = { name: 'bare MQTT 5 subscriber, same broker', value: Math.round(reference) };
    const strict = (await centerRate(Math.min(n, 2000), { min: 1, max: 1 })).rate;
    figures.push({
      name: 'uplink batches/s into Redis, ack after store',
      value: Math.round(strict),
      unit: 'msg/s',
      reference: ref,
      ratio: Number((strict / reference).toFixed(3)),
      note: 'maxInFlight 1: each QoS 1 batch acknowledged only after its Redis writes',
    });
    // Each window is compared with a bare subscriber measured just before it: the machine's load moves.
    for (const [w, thread] of [
      [adaptive, false],
      [fixed(DEFAULT_MIN_IN_FLIGHT), false],
      [fixed(DEFAULT_MIN_IN_FLIGHT), true],
      [fixed(DEFAULT_MAX_IN_FLIGHT), false],
    ] as const) {
      const bare = await bareRate(`bare-${randomUUID().slice(0, 8)}`, n);
      const windowed = await centerRate(n, w, thread);
      const load = `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
      const width = w.min === w.max ? `${w.max}` : `${w.min}-${w.max} (default)`;
      const how = thread ? `${width} in flight, ingest thread` : `${width} in flight`;
      figures.push({
        name: `uplink batches/s into Redis, ${how}`,
        value: Math.round(windowed.rate),
        unit: 'msg/s',
        target: '>= 0.8 x bare subscriber',
        reference: {
          name: 'bare MQTT 5 subscriber, same broker, just before',
          value: Math.round(bare.rate),
        },
        ratio: Number((windowed.rate / bare.rate).toFixed(3)),
        met: windowed.rate / bare.rate >= 0.8,
        note: `${n} QoS 1 batches of 2 items; up to ${w.max} acknowledged before stored${w.min === w.max ? '' : `, the window widening from ${w.min} under a backlog`}; ${load}`,
      });
      // The rates follow the CPU share each run got on a shared machine; CPU per batch does not.
      figures.push({
        name: `CPU per uplink batch, ${how} (publisher in the same process)`,
        value: Math.round(windowed.cpuUs),
        unit: 'µs',
        reference: { name: 'bare MQTT 5 subscriber, same publisher', value: Math.round(bare.cpuUs) },
        ratio: Number((bare.cpuUs / windowed.cpuUs).toFixed(3)),
        note: `ratio = bare / center CPU per batch: the rate ratio where this process is CPU-bound, whatever share of the cores it gets (every thread of the process counted); ${load}`,
      });
    }
    const latencyScenario = loadScenario(LATENCY_SCENARIO);
    for (const ingestThread of [false, true]) {
      const prefix = `its-bench:${randomUUID()}`;
      const group = `b${randomUUID().slice(0, 8)}`;
      const node = await startCenterNode({
        scenario: latencyScenario,
        ...isolatedCenterOptions(group, prefix),
        minInFlight: LATENCY_WINDOW.min,
        maxInFlight: LATENCY_WINDOW.max,
        ingestThread,
        boardPacing: PACING,
        httpPort: 0,
        tokens: [],
        log: () => undefined,
      });
      try {
        // Untimed warm-up (JIT, Redis and WebSocket connections, the first predictions of every bus):
        // the figures are the steady state, not the first second after a start.
        await latencyInChild(node.port, group, 1000, WARM_UP_S);
        for (const rate of quick ? [1000, 5000] : [5000, 20_000]) {
          let accepted = 0;
          let cpu = process.cpuUsage();
          let used = { user: 0, system: 0 };
          let stored = 0;
          // Only the publishing and the drain: the driver's processes start and report outside it.
          const result = await latencyInChild(node.port, group, rate, quick ? 2 : 5, {
            start: () => {
              accepted = node.ingest.stats().accepted;
              cpu = process.cpuUsage();
            },
            end: () => {
              used = process.cpuUsage(cpu);
              stored = node.ingest.stats().accepted - accepted;
            },
          });
          const perMessageUs = (used.user + used.system) / Math.max(1, stored);
          figures.push(...latencyFigures(result, perMessageUs, stored, ingestThread));
        }
        if (!ingestThread) {
          figures.push(recomputeFigure(node.arrivals, latencyLayout(latencyScenario).watchedStops));
        }
      } finally {
        await node.close();
        const s = await RedisStateStore.connect({ url: REDIS_URL, prefix });
        await s.purge();
        await s.close();
      }
    }
    return figures;
  },
};

/** Seconds of untimed reports at 1,000 msg/s before the latency runs. */
const WARM_UP_S = 3;

/**
 * The latency runs' window: the center's default (64 widening to 512 under a sustained backlog), as
 * `its center` runs, or `ITS_BENCH_WINDOW=min-max` (e.g. `64-64`, the fixed window before session
 * 9) to compare. A fixed 512 lets a Redis reply settle hundreds of messages in one turn at 5,000/s,
 * and the live feed then waits behind all of them (stop board p99 110-135 ms against 75-90 ms with
 * 64, same sitting, session 6).
 */
const LATENCY_WINDOW = ((): { readonly min: number; readonly max: number } => {
  const m = /^(\d+)-(\d+)$/.exec(process.env['ITS_BENCH_WINDOW'] ?? '');
  return m === null
    ? { min: DEFAULT_MIN_IN_FLIGHT, max: DEFAULT_MAX_IN_FLIGHT }
    : { min: Number(m[1]), max: Number(m[2]) };
})();

function channelNote(c: ChannelLatency): string {
  const share = (n: number): string => `${n} (${((100 * n) / Math.max(1, c.total)).toFixed(1)}%)`;
  return `p50 ${c.p50.toFixed(1)} ms; ${c.seen}/${c.total} reports timed; never stored by the center ${share(c.notStored)}, stored but coalesced ${share(c.coalesced)}, stored and never shown ${share(c.lost)}`;
}

/**
 * `centerCpuUs`: CPU time of the center process per message it accepted during the run; `stored`:
 * batches the center stored (the rest never reached it: the broker drops QoS 1 messages beyond its
 * per-client queue while the center lags, which the center sees as sequence gaps).
 */
function latencyFigures(
  r: LatencyResult,
  centerCpuUs: number,
  stored: number,
  ingestThread: boolean,
): BenchFigure[] {
  const mode = ingestThread ? ', ingest thread' : '';
  const common = `offered ${r.offered} msg/s; the broker took ${r.brokerAcked} of ${r.vehicles.total} from the driver; center ${centerCpuUs.toFixed(0)} µs CPU per message (every thread); ${pacingNote(PACING)}; publisher and WebSocket clients in two child processes (clients ${(r.clientsCpuUs / Math.max(1, r.vehicles.total)).toFixed(0)} µs CPU per message); after a ${WARM_UP_S} s warm-up at 1,000 msg/s; ${LATENCY_WINDOW.min}-${LATENCY_WINDOW.max} in flight${LATENCY_WINDOW.min === DEFAULT_MIN_IN_FLIGHT && LATENCY_WINDOW.max === DEFAULT_MAX_IN_FLIGHT ? " (the center's default)" : ''}; load ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
  const vehicles: ChannelLatency = {
    ...r.vehicles,
    notStored: r.vehicles.total - stored,
    coalesced: 0,
    lost: Math.max(0, stored - r.vehicles.seen),
  };
  return [
    {
      name: `publish → stop:<id> arrival latency p99 at ${r.rate} msg/s offered${mode}`,
      value: Number(r.stops.p99.toFixed(1)),
      unit: 'ms',
      target: '< 100 ms',
      met: r.stops.p99 < 100 && r.stops.notStored + r.stops.lost === 0,
      note: `${channelNote(r.stops)}; to the first stop board whose arrival carries the report's asOf; ${r.stopFrames} board frames; ${common}`,
    },
    {
      name: `publish → vehicles delta latency p99 at ${r.rate} msg/s offered${mode}`,
      value: Number(r.vehicles.p99.toFixed(1)),
      unit: 'ms',
      note: `${channelNote(vehicles)}; ${common}`,
    },
  ];
}

/**
 * What one live-feed turn spends recomputing the watched boards, with the buses of the last run:
 * all at once (`ArrivalService.boards`, each bus predicted once) against one board at a time, as the
 * live feed did before (each bus predicted again for every watched stop of its route).
 */
function recomputeFigure(arrivals: ArrivalService, stopIds: readonly string[]): BenchFigure {
  const time = (f: () => void): number => {
    const reps = 20;
    f();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) f();
    return (performance.now() - t0) / reps;
  };
  const together = time(() => arrivals.boards(stopIds));
  const oneByOne = time(() => {
    for (const s of stopIds) arrivals.board(s);
  });
  return {
    name: `stop boards recomputed per live-feed turn (${stopIds.length} watched stops)`,
    value: Number(together.toFixed(2)),
    unit: 'ms',
    reference: { name: 'one board at a time (before)', value: Number(oneByOne.toFixed(2)) },
    ratio: Number((together / oneByOne).toFixed(3)),
    note: `${arrivals.allPredictions().length} buses with predictions; load ${loadavg()[0]?.toFixed(1)}`,
  };
}
