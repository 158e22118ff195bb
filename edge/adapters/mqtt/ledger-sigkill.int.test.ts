/**
 * @module edge/adapters/mqtt/ledger-sigkill.int.test
 * The live ledger service in its own process behind a real broker: taps and toll passes (duplicated,
 * reordered, partly late) published at QoS 1 are recorded once each; a SIGKILL mid-stream loses
 * nothing the broker saw acknowledged, and after a restart every message is recorded exactly once,
 * with balances equal to an in-process reference ledger. Invalid payloads are counted by reason and
 * never written.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import { VirtualClock } from '../../../core/clock/index.ts';
import { kst, seoulPolicy } from '../../../core/fares/index.ts';
import { topicForMessage } from '../../../core/topics/index.ts';
import type { RatedMessage } from '../../ledger/index.ts';
import {
  Ledger,
  MemoryLedgerStore,
  SYNTHETIC_TOLL_NETWORK,
  syntheticDay,
  uploadSchedule,
} from '../../ledger/index.ts';
import { SqliteLedgerStore } from '../sqlite/index.ts';
import { startTestBroker } from './test-broker.ts';

const CHILD = fileURLToPath(new URL('./ledger-service-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Child = { process: ChildProcess; stats: () => Record<string, unknown> | null };

function startChild(args: string[]): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let last: Record<string, unknown> | null = null;
  let buffered = '';
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve({ process: child, stats: () => last });
        else if (line.startsWith('stats ')) last = JSON.parse(line.slice(6)) as Record<string, unknown>;
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`ledger child exited ${code ?? signal}: ${err}`)));
  });
}

function recordedIds(file: string): Set<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set((db.prepare('SELECT id FROM message').all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}

test('a ledger service killed with SIGKILL loses nothing acknowledged and counts nothing twice', async () => {
  const field = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const edgeId = `edge-${tag}`;
  const ledgerFile = join(dir, 'edge.sqlite');
  const args = [ledgerFile, field.url, 'gn', edgeId];
  const acked = new Set<string>();
  field.broker().on('ack', (packet, client) => {
    if (client?.id !== `${edgeId}-ledger` || packet === undefined || !('payload' in packet)) return;
    const id = /"id":"([^"]+)"/.exec(packet.payload.toString())?.[1];
    if (id !== undefined) acked.add(id);
  });

  const day = syntheticDay({ seed: 5, riders: 1500, tollPasses: 300, dayStartMs: kst('2026-03-10T00:00') });
  const unique = [...day.taps, ...day.passes];
  const arrivals = uploadSchedule(unique, {
    seed: 6,
    duplicateShare: 0.05,
    lateDeviceShare: 0.1,
    reorderWindow: 200,
  });
  const device = await mqtt.connectAsync(field.url, { clientId: `devices-${tag}` });
  const publish = (messages: readonly RatedMessage[]): Promise<unknown> =>
    Promise.all(
      messages.map((m) => device.publishAsync(topicForMessage('gn', m), JSON.stringify(m), { qos: 1 })),
    );

  let child = await startChild(args);
  const third = Math.floor(arrivals.length / 3);
  await publish(arrivals.slice(0, third));
  await expect.poll(() => acked.size, { timeout: 20_000, interval: 20 }).toBeGreaterThan(third / 3);
  const second = publish(arrivals.slice(third, 2 * third));
  await new Promise((r) => setTimeout(r, 30));
  child.process.kill('SIGKILL');
  await new Promise((r) => child.process.once('exit', r));
  await second;
  const ackedAtKill = new Set(acked);
  const onDisk = recordedIds(ledgerFile);
  // Nothing the broker saw acknowledged is missing from the ledger file.
  expect([...ackedAtKill].filter((id) => !onDisk.has(id))).toEqual([]);
  expect(onDisk.size).toBeLessThan(unique.length);

  await publish(arrivals.slice(2 * third));
  child = await startChild(args);
  // Invalid payloads beside valid ones: each counted by reason, none written.
  const tap = day.taps[0] as RatedMessage;
  await device.publishAsync('its/v1/gn/tap/reader-x', 'not json', { qos: 1 });
  await device.publishAsync('its/v1/gn/tap/reader-x', JSON.stringify({ ...tap, chargedKrw: -5 }), { qos: 1 });
  await device.publishAsync(
    'its/v1/gn/toll/some-gantry',
    JSON.stringify({ ...tap, id: 'tap-on-toll-topic' }),
    {
      qos: 1,
    },
  );
  await expect
    .poll(() => recordedIds(ledgerFile).size, { timeout: 30_000, interval: 100 })
    .toBe(new Set(unique.map((m) => m.id)).size);
  await expect
    .poll(() => child.stats()?.rejected, { timeout: 5_000, interval: 50 })
    .toEqual({ 'not-json': 1, schema: 1, 'topic-mismatch': 1 });
  child.process.kill('SIGKILL');
  await new Promise((r) => child.process.once('exit', r));

  // Counted once: the same balances as every message recorded once, in process.
  const reference = Ledger.open(new MemoryLedgerStore(), {
    policy: seoulPolicy(),
    tollNetwork: SYNTHETIC_TOLL_NETWORK,
    clock: new VirtualClock(0),
    edgeId,
    region: 'gn',
  });
  reference.ingest(unique);
  const store = new SqliteLedgerStore(ledgerFile, { readonly: true });
  const live = store.accountTotals(1, Number.MAX_SAFE_INTEGER, true);
  store.close();
  const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0));
  expect(nonZero(live)).toEqual(nonZero(reference.balances()));
  expect([...live.values()].reduce((s, v) => s + v, 0)).toBe(0);

  await device.endAsync(true);
  await field.stop();
}, 60_000);
