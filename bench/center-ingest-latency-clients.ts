/**
 * @module bench/center-ingest-latency-clients
 * The WebSocket clients of the center-ingest latency driver, in a child process of their own: a
 * `vehicles` client and a client of the watched `stop:<id>` boards. At 20,000 messages/s the
 * `vehicles` client parses as many deltas a second; in the publisher's process (until session 8) that
 * parsing delayed both the publishes and the receive times it was timing. Each frame is stamped on
 * arrival in epoch milliseconds of `performance` (comparable with the publisher's process), and the
 * driver matches the records with its publishes after the run.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StopBoard } from '../core/api/index.ts';
import { epochNow, openWs } from './center-ingest-ws.ts';

const CLIENTS_ENV = 'ITS_LATENCY_CLIENTS';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What the clients saw: each vehicle report's first delta, and each board frame's timed arrivals. */
export type ClientsReport = {
  /** `[vehicleId@at, epoch ms]` of the first `vehicles` delta carrying each report. */
  readonly vehicles: readonly (readonly [string, number])[];
  /** Per board frame, in arrival order: its epoch ms and the `[vehicleId, asOf]` of its timed buses. */
  readonly boards: readonly (readonly [number, readonly (readonly [string, number])[]])[];
  readonly stopFrames: number;
  /** CPU time of the clients' process while watching, µs. */
  readonly cpuUs: number;
};

/** Running clients: `stop` drains them (`drained` is called then), then fetches their report. */
export type LatencyClients = { stop(drained?: () => void): Promise<ClientsReport> };

/** Start the clients in a child process; resolves once every snapshot came. */
export function startLatencyClients(
  port: number,
  stopIds: readonly string[],
  timedIds: readonly string[],
): Promise<LatencyClients> {
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify({ port, stopIds, timedIds })], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [CLIENTS_ENV]: '1' },
    serialization: 'advanced',
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`latency clients exited with ${code}`))),
  );
  const next = (): Promise<unknown> =>
    Promise.race([new Promise((resolve) => child.once('message', resolve)), exited]);
  return next().then(() => ({
    stop: async (drained) => {
      const done = next();
      child.send('stop');
      await done;
      drained?.();
      const report = next() as Promise<ClientsReport>;
      child.send('report');
      return report;
    },
  }));
}

async function watch(port: number, stopIds: readonly string[], timedIds: readonly string[]): Promise<void> {
  const timed = new Set(timedIds);
  const vehicles = new Map<string, number>();
  const boards: [number, [string, number][]][] = [];
  let stopFrames = 0;
  let lastFrameAt = epochNow();
  const v = await openWs(port, ['vehicles'], (text) => {
    const now = epochNow();
    lastFrameAt = now;
    const frame = JSON.parse(text) as {
      type?: string;
      data?: { value?: { vehicleId?: string; at?: number } }[];
    };
    if (frame.type !== 'delta' || !Array.isArray(frame.data)) return;
    for (const d of frame.data) {
      const key = `${d.value?.vehicleId}@${d.value?.at}`;
      if (!vehicles.has(key)) vehicles.set(key, now);
    }
  });
  const b = await openWs(
    port,
    stopIds.map((s) => `stop:${s}`),
    (text) => {
      const now = epochNow();
      lastFrameAt = now;
      const frame = JSON.parse(text) as { type?: string; data?: StopBoard };
      if (frame.type !== 'delta' || frame.data === undefined) return;
      stopFrames++;
      const shown: [string, number][] = [];
      for (const route of frame.data.routes) {
        for (const a of route.arrivals) {
          if (a.vehicleId !== null && a.asOf !== null && timed.has(a.vehicleId))
            shown.push([a.vehicleId, a.asOf]);
        }
      }
      if (shown.length > 0) boards.push([now, shown]);
    },
  );
  const cpu = process.cpuUsage();
  process.send?.('ready');
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  // Drain: until 2 s pass without a frame (what is left will not come), at most 10 s.
  const drainEnd = epochNow() + 10_000;
  while (epochNow() - lastFrameAt < 2000 && epochNow() < drainEnd) await sleep(50);
  const used = process.cpuUsage(cpu);
  v.close();
  b.close();
  const asked = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send?.('drained');
  await asked;
  const report: ClientsReport = {
    vehicles: [...vehicles],
    boards,
    stopFrames,
    cpuUs: used.user + used.system,
  };
  process.send?.(report, () => process.exit(0));
}

if (process.env[CLIENTS_ENV] === '1') {
  const o = JSON.parse(process.argv[2] ?? '{}') as { port: number; stopIds: string[]; timedIds: string[] };
  void watch(o.port, o.stopIds, o.timedIds);
}
