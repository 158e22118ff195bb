/**
 * @module bench/ledger-end-to-end
 * The end-to-end half of the ledger bench: taps published at QoS 1 by a lean load generator (the card
 * readers are separate devices, so their client should cost the measured machine little) to a broker,
 * received by the ledger service in its own process (`ledger-service-child.ts`), recorded with group
 * commit and acknowledged after their commit; the rate is counted until the service reports the last
 * tap recorded. CPU time per tap is taken for each process (service, this process, and Mosquitto when
 * it runs), which stays meaningful when other work shares the cores and the rate does not.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOSQUITTO_DELIVERY_SETTINGS, startEmbeddedBroker } from '../broker/index.ts';
import { topicForMessage } from '../core/topics/index.ts';
import type { RatedMessage } from '../edge/ledger/index.ts';
import { encodeQos1Load, runQos1Load } from './mqtt-load.ts';

const CHILD = fileURLToPath(new URL('../edge/adapters/mqtt/ledger-service-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A broker for the end-to-end run. */
export type BenchBroker = {
  readonly url: string;
  /** CPU time of the broker's own process so far, µs; null when it runs in this process. */
  cpuUs(): number | null;
  close(): Promise<void>;
};

/** The embedded broker (aedes, in this process, as `npm start` runs it). */
export async function embeddedBroker(): Promise<BenchBroker> {
  const broker = await startEmbeddedBroker({ port: 0 });
  return { url: broker.url, cpuUs: () => null, close: () => broker.close() };
}

/** User plus system CPU time in a proc(5) `stat` file, µs; null when it cannot be read (not Linux). */
function statCpuUs(path: string): number | null {
  try {
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

function processCpuUs(pid: number | undefined): number | null {
  return statCpuUs(`/proc/${pid}/stat`);
}

/** CPU time of each thread of a process so far, µs, by thread id (empty when not on Linux). */
function threadCpuUs(pid: number | undefined): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    const us = statCpuUs(`/proc/${pid}/task/${tid}/stat`);
    if (us !== null) out.set(tid, us);
  }
  return out;
}

/** CPU per tap of the two busiest threads between two readings, busiest first. */
function busiestThreads(before: Map<string, number>, after: Map<string, number>, taps: number): number[] {
  return [...after]
    .map(([tid, us]) => (us - (before.get(tid) ?? 0)) / taps)
    .sort((a, b) => b - a)
    .slice(0, 2);
}

async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * Mosquitto (the production broker) on a free port with the delivery settings `its broker config`
 * writes, anonymous (the access rules are not what is measured); null when it is not installed.
 */
export async function mosquittoBroker(dir: string): Promise<BenchBroker | null> {
  if (spawnSync('mosquitto', ['-h']).error !== undefined) return null;
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  const lines = ['allow_anonymous true', 'persistence false', ...MOSQUITTO_DELIVERY_SETTINGS];
  writeFileSync(conf, [...lines, `listener ${port} 127.0.0.1`, 'user root', ''].join('\n'));
  const proc = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await runQos1Load(encodeQos1Load([{ topic: 'bench/probe', payload: '' }]), {
        url,
        clientId: 'bench-probe',
      });
      break;
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    cpuUs: () => processCpuUs(proc.pid),
    close: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

type ChildStats = { recorded: number; groups: number; cpuUs: number };

/** Start the ledger service process; resolves once it is subscribed. */
function startService(args: string[], onStats: (s: ChildStats) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT });
  let buffered = '';
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve(child);
        else if (line.startsWith('stats ')) onStats(JSON.parse(line.slice(6)) as ChildStats);
      }
    });
    child.once('exit', (code) => reject(new Error(`ledger service exited ${code}: ${err}`)));
  });
}

/** What the end-to-end run measured. */
export type EndToEnd = {
  readonly rate: number;
  readonly perCommit: number;
  /** CPU time per tap of the ledger service process. */
  readonly serviceCpuUs: number;
  /**
   * CPU time per tap of the service's two busiest threads (the worker and the main thread when it
   * runs threaded; V8's helper threads take the rest): the busiest one bounds the service's rate.
   */
  readonly serviceThreadsUs: readonly number[];
  /** CPU time per tap of this process: the load generator, and the broker when it is embedded. */
  readonly benchCpuUs: number;
  /** CPU time per tap of the broker's own process (Mosquitto); null when embedded. */
  readonly brokerCpuUs: number | null;
};

/**
 * Taps/s from the first publish until the service reports the last one recorded. The devices keep
 * `window` QoS 1 publishes in flight (a new tap goes out as soon as an earlier one is acknowledged by
 * the broker), not waves that wait for every tap of the wave. The broker is closed afterwards.
 */
export async function endToEndRate(
  dir: string,
  taps: readonly RatedMessage[],
  broker: BenchBroker,
  window = 2000,
): Promise<EndToEnd> {
  let stats: ChildStats = { recorded: 0, groups: 0, cpuUs: 0 };
  let reached: (() => void) | null = null;
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `e2e.sqlite${suffix}`), { force: true });
  const child = await startService([join(dir, 'e2e.sqlite'), broker.url, 'bench', 'edge-bench'], (s) => {
    stats = s;
    if (s.recorded >= taps.length) reached?.();
  });
  const done = new Promise<void>((resolve) => (reached = resolve));
  const load = encodeQos1Load(
    taps.map((m) => ({ topic: topicForMessage('bench', m), payload: JSON.stringify(m) })),
  );
  const started = performance.now();
  const cpu = process.cpuUsage();
  const brokerBefore = broker.cpuUs();
  const threadsBefore = threadCpuUs(child.pid);
  const before = stats;
  await runQos1Load(load, { url: broker.url, clientId: 'bench-devices', window });
  await done;
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const brokerAfter = broker.cpuUs();
  const threadsAfter = threadCpuUs(child.pid);
  const after = stats;
  child.kill('SIGKILL');
  await broker.close();
  return {
    rate: taps.length / seconds,
    perCommit: taps.length / Math.max(1, after.groups - before.groups),
    serviceCpuUs: (after.cpuUs - before.cpuUs) / taps.length,
    serviceThreadsUs: busiestThreads(threadsBefore, threadsAfter, taps.length),
    benchCpuUs: (used.user + used.system) / taps.length,
    brokerCpuUs:
      brokerBefore === null || brokerAfter === null ? null : (brokerAfter - brokerBefore) / taps.length,
  };
}
