/**
 * @module bench/center-ingest.bench
 * Center ingest on the machine's Mosquitto and Redis: uplink batches per second one center process
 * absorbs into Redis, as a ratio of what the same broker delivers to a bare subscriber in the same run
 * (target >= 0.8); and end-to-end latency from an edge publishing a bus position to the update on a
 * center WebSocket client, at offered rates of 5,000 and 20,000 messages/s (target p99 < 100 ms). The
 * latency driver (MQTT publisher and WebSocket client, timing both ends on one clock) runs in a child
 * process, as edges and clients live outside the center; the center runs here. On a shared machine
 * every process gets a share of the cores, so each window's figure is set against a bare subscriber
 * measured just before it, and the latency notes give the center's CPU time per message and the load.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { loadScenario, topicForMessage, type EdgeBatch } from '../core/index.ts';
import { RedisStateStore } from '../center/adapters/redis/index.ts';
import { connectWsClient } from '../center/http/testing/index.ts';
import { busProgressItem, linkStateItem, sampleBatch } from '../center/ingest/index.ts';
import { startCenterNode } from '../center/node/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

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

/**
 * Publish in chunks of 500 and wait for the receiver to take each chunk before the next: Mosquitto
 * queues at most 1,000 QoS 1 messages per subscriber by default (`max_queued_messages`) and drops the
 * rest, so an unpaced flood would measure the broker's drops, not the receiver.
 */
async function publishPaced(
  msgs: readonly { topic: string; payload: string }[],
  received: () => number,
): Promise<number> {
  const pub = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5 });
  (pub.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  const base = received();
  const t0 = performance.now();
  for (let i = 0; i < msgs.length; i += 500) {
    const chunk = msgs.slice(i, i + 500);
    await Promise.all(chunk.map((m) => pub.publishAsync(m.topic, m.payload, { qos: 1 })));
    const want = i + chunk.length;
    const deadline = performance.now() + 60_000;
    while (received() - base < want && performance.now() < deadline) await sleep(2);
  }
  const rate = (received() - base) / ((performance.now() - t0) / 1000);
  await pub.endAsync();
  return rate;
}

/** Batches/s one center absorbs into Redis with `maxInFlight` handlers. */
async function centerRate(n: number, maxInFlight: number): Promise<number> {
  const prefix = `its-bench:${randomUUID()}`;
  const group = `b${randomUUID().slice(0, 8)}`;
  const node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    mqttUrl: MQTT_URL,
    shareGroup: group,
    maxInFlight,
    uplinkFilter: `its/v1/gangnam/edge/${group}/up`,
    statusFilter: `its/v1/gangnam/status/${group}`,
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
async function bareRate(edgeId: string, n: number): Promise<number> {
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
  const rate = await publishPaced(batches(edgeId, n), () => got);
  await sub.endAsync();
  return rate;
}

export const benchmark: Benchmark = {
  name: 'center ingest',
  run: async ({ quick }) => {
    const n = quick ? 3000 : 20_000;
    const window = 64;
    const figures: BenchFigure[] = [];
    const reference = await bareRate(`bare-${randomUUID().slice(0, 8)}`, n);
    const ref = { name: 'bare MQTT 5 subscriber, same broker', value: Math.round(reference) };
    const strict = await centerRate(Math.min(n, 2000), 1);
    figures.push({
      name: 'uplink batches/s into Redis, ack after store',
      value: Math.round(strict),
      unit: 'msg/s',
      reference: ref,
      ratio: Number((strict / reference).toFixed(3)),
      note: 'maxInFlight 1: each QoS 1 batch acknowledged only after its Redis writes',
    });
    // Each window is compared with a bare subscriber measured just before it: the machine's load moves.
    for (const w of [window, LATENCY_WINDOW]) {
      const bare = await bareRate(`bare-${randomUUID().slice(0, 8)}`, n);
      const windowed = await centerRate(n, w);
      figures.push({
        name: `uplink batches/s into Redis, ${w} in flight`,
        value: Math.round(windowed),
        unit: 'msg/s',
        target: '>= 0.8 x bare subscriber',
        reference: { name: 'bare MQTT 5 subscriber, same broker, just before', value: Math.round(bare) },
        ratio: Number((windowed / bare).toFixed(3)),
        met: windowed / bare >= 0.8,
        note: `${n} QoS 1 batches of 2 items; up to ${w} acknowledged before stored; load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
      });
    }
    const prefix = `its-bench:${randomUUID()}`;
    const group = `b${randomUUID().slice(0, 8)}`;
    const node = await startCenterNode({
      scenario: loadScenario('core/scenario/fixtures/mini.json'),
      redisUrl: REDIS_URL,
      redisPrefix: prefix,
      mqttUrl: MQTT_URL,
      shareGroup: group,
      maxInFlight: LATENCY_WINDOW,
      uplinkFilter: `its/v1/gangnam/edge/${group}/up`,
      statusFilter: `its/v1/gangnam/status/${group}`,
      httpPort: 0,
      tokens: [],
      log: () => undefined,
    });
    try {
      for (const rate of quick ? [1000, 5000] : [5000, 20_000]) {
        const accepted = node.ingest.stats().accepted;
        const cpu = process.cpuUsage();
        const result = await latencyInChild(node.port, group, rate, quick ? 2 : 5);
        const used = process.cpuUsage(cpu);
        const perMessageUs = (used.user + used.system) / Math.max(1, node.ingest.stats().accepted - accepted);
        figures.push(latencyFigure(result, perMessageUs));
      }
    } finally {
      await node.close();
      const s = await RedisStateStore.connect({ url: REDIS_URL, prefix });
      await s.purge();
      await s.close();
    }
    return figures;
  },
};

/** Publish bus positions at `rate`/s for `seconds`; latency from publish to the WebSocket delta. */
async function latencyAt(
  port: number,
  edgeId: string,
  rate: number,
  seconds: number,
): Promise<LatencyResult> {
  const ws = await connectWsClient(port);
  ws.send({ op: 'subscribe', channel: 'vehicles' });
  await ws.next((f) => f['type'] === 'snapshot');
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  const seen = (frame: Record<string, unknown>): boolean => {
    if (frame['type'] !== 'delta') return false;
    const now = performance.now();
    for (const d of frame['data'] as { value?: { vehicleId?: string; at?: number } }[]) {
      const key = `${d.value?.vehicleId}@${d.value?.at}`;
      const t = sentAt.get(key);
      if (t !== undefined) {
        latencies.push(now - t);
        sentAt.delete(key);
      }
    }
    return false;
  };
  void ws.next(seen).catch(() => undefined);
  const pub = await mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, log: () => undefined });
  (pub.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
  // Unique batch ids without a crypto call per message: the driver shares the machine's two cores with
  // the center it measures, so what it spends on itself shows up as the center's latency.
  const runId = randomUUID();
  const perTick = Math.max(1, Math.round(rate / 100));
  const total = rate * seconds;
  let seq = 1_000_000 + Math.floor(Math.random() * 1e6);
  const start = performance.now();
  for (let sent = 0; sent < total;) {
    for (let i = 0; i < perTick && sent < total; i++, sent++) {
      const at = Date.now() * 1000 + (sent % 1000);
      const vehicleId = `lat-${sent % 500}`;
      const b = sampleBatch({
        region: 'gangnam',
        edgeId,
        id: `${runId}-${seq}`,
        seq: seq++,
        items: [
          busProgressItem(vehicleId, Math.floor(at / 1000), {
            routeId: '140',
            nextStopId: '22-202',
            lastStopId: '22-201',
          } as never),
        ],
      });
      sentAt.set(`${vehicleId}@${Math.floor(at / 1000)}`, performance.now());
      pub.publish(topicForMessage('gangnam', b), JSON.stringify(b), { qos: 1 });
    }
    const due = start + (sent / perTick) * 10;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const offeredS = (performance.now() - start) / 1000;
  for (let i = 0; i < 200 && latencies.length < total * 0.95; i++) await sleep(50);
  await pub.endAsync();
  await ws.close();
  latencies.sort((a, b) => a - b);
  const p = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rate,
    p50: p(0.5),
    p99: p(0.99),
    seen: latencies.length,
    total,
    offered: Math.round(total / offeredS),
  };
}

/** What the latency driver measured at one offered rate. */
type LatencyResult = {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly seen: number;
  readonly total: number;
  readonly offered: number;
};

/** Handlers in flight in the center during the latency runs (at 20,000/s a Redis round trip of a few ms needs well over 64). */
const LATENCY_WINDOW = 512;
const DRIVER_ENV = 'ITS_LATENCY_DRIVER';

/** `centerCpuUs`: CPU time of the center process per message it accepted during the run. */
function latencyFigure(r: LatencyResult, centerCpuUs: number): BenchFigure {
  return {
    name: `publish → WebSocket latency p99 at ${r.rate} msg/s offered`,
    value: Number(r.p99.toFixed(1)),
    unit: 'ms',
    target: '< 100 ms',
    met: r.p99 < 100,
    note: `p50 ${r.p50.toFixed(1)} ms; ${r.seen}/${r.total} updates seen; offered ${r.offered} msg/s; center ${centerCpuUs.toFixed(0)} µs CPU per message; driver in a child process; ${LATENCY_WINDOW} in flight; load ${loadavg()[0]?.toFixed(1)}`,
  };
}

/** Run {@link latencyAt} in a child process against the center listening on `port`. */
function latencyInChild(port: number, edgeId: string, rate: number, seconds: number): Promise<LatencyResult> {
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
