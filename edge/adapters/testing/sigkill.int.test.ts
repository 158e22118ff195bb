/**
 * @module edge/adapters/testing/sigkill.int.test
 * An edge process killed with SIGKILL loses nothing it acknowledged.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from 'vitest';
import mqtt from 'mqtt';
import type { EdgeBatch } from '../../../core/index.ts';
import { startTestBroker } from '../mqtt/test-broker.ts';

const CHILD = fileURLToPath(new URL('./echo-edge-child.ts', import.meta.url));

function startChild(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`edge child exited with ${code}: ${err}`)));
  });
}

test('an edge killed with SIGKILL and restarted loses nothing it acknowledged', async () => {
  const field = await startTestBroker();
  const centerBroker = await startTestBroker();
  const tag = `${process.pid}-${Date.now()}`;
  const db = join(mkdtempSync(join(tmpdir(), 'edge-kill-')), 'edge.db');
  const args = [db, field.url, centerBroker.url, tag];
  const received = new Set<string>();
  const seqs: number[] = [];
  const center = await mqtt.connectAsync(centerBroker.url, { clientId: `center-${tag}`, clean: false });
  center.on('message', (_t, payload) => {
    const batch = JSON.parse(payload.toString()) as EdgeBatch;
    seqs.push(batch.seq);
    for (const item of batch.items) if (item.type === 'alarm') received.add(item.alarmId);
  });
  await center.subscribeAsync('its/v1/r1/edge/+/up', { qos: 1 });

  let child = await startChild(args);
  const device = await mqtt.connectAsync(field.url, { clientId: `device-${tag}` });
  const T = Date.now();
  const publish = async (seq: number): Promise<void> => {
    const message = {
      kind: 'det.report',
      id: `report-${tag}-${seq}`,
      deviceId: 'd1',
      seq,
      ts: T,
      intervalStart: T - 30_000,
      intervalS: 30,
      volume: 3,
      occupancyPct: 5,
      speedKmh: null,
    };
    await device.publishAsync('its/v1/r1/det/d1', JSON.stringify(message), { qos: 1 });
  };
  let seq = 0;
  while (received.size < 40) {
    await publish(seq++);
    if (seq % 10 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  for (let i = 0; i < 100; i++) await publish(seq++);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  for (let i = 0; i < 100; i++) await publish(seq++);
  child = await startChild(args);
  const total = seq;
  await expect.poll(() => received.size, { timeout: 30_000, interval: 100 }).toBe(total);
  const firstSeen = [...new Set(seqs)];
  expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));

  child.kill('SIGKILL');
  await device.endAsync(true);
  await center.endAsync(true);
  await field.stop();
  await centerBroker.stop();
});
