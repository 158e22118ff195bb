/**
 * @module bench/center-fanout.bench
 * WebSocket fan-out to 10,000 clients (issue 8): N clients subscribed to the `vehicles` channel of one
 * center; deltas published through the channel hub; client frames received per second in total,
 * uWebSockets.js against the node:http + ws fallback in the same run. The clients live in two child
 * processes, so the server's process holds only its own 10,000 sockets (a process here may open
 * 20,000 files, and client and server ends in one process would exceed it). The clients share the
 * machine's two cores with the server, so the figure is a floor for the server.
 *
 * Then the delivery latency a client sees at a steady rate: deltas stamped with the wall time they were
 * published, two a second, each reaching all N clients; per frame, publish → the client's `message`
 * event (clients and server on one machine read one clock), p50 and p99 over every frame, and the time
 * until the last client has a delta (the fan-out's completion), p99 over the deltas.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { loadScenario } from '../core/index.ts';
import { startCenterNode, type WebEngine } from '../center/node/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

const CHILD_ENV = 'ITS_FANOUT_CLIENTS';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type ChildReport = {
  readonly ready?: number;
  readonly received?: number;
  readonly failed?: number;
  /** Per stamped delta (its stamp), the latencies of every client's frame, ms. */
  readonly latencies?: Record<string, number[]>;
};

const STAMP = /"sentAt":([0-9.]+)/;
const wallMs = (): number => performance.timeOrigin + performance.now();

/** Client side (in a child process): open `count` subscribed clients, then report frames received. */
async function runClients(port: number, count: number): Promise<void> {
  let received = 0;
  let failed = 0;
  const latencies: Record<string, number[]> = {};
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 250) {
    await Promise.all(
      Array.from({ length: Math.min(250, count - i) }, async () => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { perMessageDeflate: false });
        sockets.push(ws);
        try {
          await new Promise<void>((resolve, reject) => {
            ws.once('error', reject);
            ws.once('open', () => {
              ws.send(JSON.stringify({ op: 'subscribe', channel: 'vehicles' }));
              ws.once('message', () => resolve());
            });
          });
          ws.on('message', (data) => {
            received++;
            const stamp = STAMP.exec(String(data))?.[1];
            if (stamp !== undefined) (latencies[stamp] ??= []).push(wallMs() - Number(stamp));
          });
        } catch {
          failed++;
        }
      }),
    );
  }
  process.send?.({ ready: count - failed, failed } satisfies ChildReport);
  process.on('message', (m: { op?: string }) => {
    if (m.op === 'report') process.send?.({ received } satisfies ChildReport);
    if (m.op === 'latencies') process.send?.({ latencies } satisfies ChildReport);
    if (m.op === 'exit') {
      for (const s of sockets) s.terminate();
      process.exit(0);
    }
  });
}

/** Fork a client process and wait until its clients are subscribed. */
async function clientProcess(port: number, count: number): Promise<{ child: ChildProcess; ready: number }> {
  const child = fork(fileURLToPath(import.meta.url), [String(port), String(count)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [CHILD_ENV]: '1' },
  });
  const ready = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: ChildReport) => resolve(m.ready ?? 0));
    child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
  });
  return { child, ready };
}

function receivedBy(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: ChildReport) => resolve(m.received ?? 0));
    child.send({ op: 'report' });
  });
}

function latenciesOf(child: ChildProcess): Promise<Record<string, number[]>> {
  return new Promise((resolve) => {
    child.once('message', (m: ChildReport) => resolve(m.latencies ?? {}));
    child.send({ op: 'latencies' });
  });
}

type Delivery = {
  readonly p50: number;
  readonly p99: number;
  readonly lastP99: number;
  readonly frames: number;
};

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** Publish stamped deltas at `perS` for `count` deltas, then gather every client's latencies. */
async function steadyDelivery(
  publish: (payload: readonly object[]) => void,
  children: readonly ChildProcess[],
  count: number,
  perS: number,
): Promise<Delivery> {
  for (let d = 0; d < count; d++) {
    const sentAt = wallMs();
    publish([{ collection: 'vehicle', op: 'put', id: 'bus-1', value: { vehicleId: 'bus-1', sentAt } }]);
    await sleep(1000 / perS);
  }
  await sleep(2000);
  const byDelta = new Map<string, number[]>();
  for (const part of await Promise.all(children.map(latenciesOf)))
    for (const [stamp, l] of Object.entries(part)) byDelta.set(stamp, [...(byDelta.get(stamp) ?? []), ...l]);
  const all = [...byDelta.values()].flat().sort((a, b) => a - b);
  const last = [...byDelta.values()].map((l) => Math.max(...l)).sort((a, b) => a - b);
  return {
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    lastP99: percentile(last, 0.99),
    frames: all.length,
  };
}

async function fanout(
  engine: WebEngine,
  clients: number,
  deltas: number,
): Promise<{ perS: number; engine: string; subscribed: number; delivered: number; steady: Delivery }> {
  const node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    httpPort: 0,
    engine,
    // Every client comes from 127.0.0.1: room for all of them under the per-address cap.
    wsMaxPerAddress: clients,
    tokens: [],
    log: () => undefined,
  });
  const children: ChildProcess[] = [];
  try {
    const perChild = Math.ceil(clients / 2);
    const started = await Promise.all([perChild, clients - perChild].map((n) => clientProcess(node.port, n)));
    children.push(...started.map((s) => s.child));
    const subscribed = started.reduce((a, s) => a + s.ready, 0);
    const payload = [
      { collection: 'vehicle', op: 'put', id: 'bus-1', value: { vehicleId: 'bus-1', lat: 37.5, lon: 127.0 } },
    ];
    const count = async (): Promise<number> =>
      (await Promise.all(children.map(receivedBy))).reduce((a, b) => a + b, 0);
    const base = await count();
    const t0 = performance.now();
    const want = subscribed * deltas;
    for (let d = 0; d < deltas; d++) {
      node.api.hub.publish('vehicles', payload);
      await new Promise((r) => setImmediate(r));
    }
    let delivered = (await count()) - base;
    while (delivered < want && performance.now() - t0 < 120_000) {
      await sleep(50);
      delivered = (await count()) - base;
    }
    const perS = delivered / ((performance.now() - t0) / 1000);
    const steady = await steadyDelivery((p) => node.api.hub.publish('vehicles', p), children, 10, 2);
    return { perS, engine: node.engine, subscribed, delivered, steady };
  } finally {
    for (const c of children) c.send({ op: 'exit' });
    await sleep(200);
    for (const c of children) c.kill();
    await node.close();
  }
}

if (process.env[CHILD_ENV] === '1') {
  void runClients(Number(process.argv[2]), Number(process.argv[3]));
}

export const benchmark: Benchmark = {
  name: 'center fan-out',
  run: async ({ quick }) => {
    const clients = quick ? 1000 : 10_000;
    const deltas = 20;
    const uws = await fanout('uws', clients, deltas);
    const node = await fanout('node', clients, deltas);
    const n = clients.toLocaleString('en');
    const latency = (r: typeof uws): string =>
      `p50 ${r.steady.p50.toFixed(1)} ms, last client p99 ${r.steady.lastP99.toFixed(1)} ms over ${r.steady.frames} frames`;
    return [
      {
        name: `WebSocket deltas delivered/s to ${n} clients (${uws.engine})`,
        value: Math.round(uws.perS),
        unit: 'msg/s',
        reference: { name: `node:http + ws (${node.engine})`, value: Math.round(node.perS) },
        ratio: Number((uws.perS / node.perS).toFixed(2)),
        note:
          `${deltas} deltas each; ${uws.subscribed}/${clients} subscribed, ${uws.delivered} frames delivered ` +
          `(ws: ${node.subscribed} subscribed, ${node.delivered} delivered); clients in 2 child processes`,
      },
      {
        name: `WebSocket delta latency p99 to ${n} clients, 2 deltas/s (${uws.engine})`,
        value: Number(uws.steady.p99.toFixed(1)),
        unit: 'ms',
        reference: { name: `node:http + ws (${node.engine})`, value: Number(node.steady.p99.toFixed(1)) },
        note: `publish → a client's message event, every frame; ${uws.engine}: ${latency(uws)}; ${node.engine}: ${latency(node)}`,
      },
    ] satisfies BenchFigure[];
  },
};
