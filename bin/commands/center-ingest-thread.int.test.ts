/**
 * @module bin/commands/center-ingest-thread.int.test
 * `its center --ingest-thread` on an embedded broker of its own (port 0: a center on the machine's
 * Mosquitto would hear, and acknowledge, other tests' uplinks) and the machine's Redis under a prefix
 * of its own: it starts with the ingest worker and reports ready; without `--redis` (or `--mqtt`) it
 * refuses to start, naming the option.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH } from '../../core/index.ts';
import { startEmbeddedBroker, type MessageBroker } from '../../broker/index.ts';
import { RedisStateStore } from '../../center/adapters/redis/index.ts';
import { MACHINE_REDIS_URL } from '../../center/node/testing/isolated-center.ts';
import { REPO_ROOT } from '../demo/testing/demo-process.ts';

const processes: ChildProcess[] = [];
const prefixes: string[] = [];
let broker: MessageBroker | null = null;

afterAll(async () => {
  await broker?.close();
  for (const p of processes) {
    if (p.exitCode !== null) continue;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }
  // The center wrote its stops (and would write its audit) under the run's prefix.
  for (const prefix of prefixes) {
    const store = await RedisStateStore.connect({ url: MACHINE_REDIS_URL, prefix });
    await store.purge();
    await store.close();
  }
});

const base = ['bin/its.mjs', 'center', '--scenario', MINI_SCENARIO_PATH, '--http-port', '0', '--no-displays'];

test('starts with the ingest worker and answers /readyz', async () => {
  const group = `c${randomUUID().slice(0, 8)}`;
  broker = await startEmbeddedBroker({ port: 0 });
  prefixes.push(`its-test:${group}`);
  const child = spawn(
    process.execPath,
    [
      ...base,
      '--mqtt',
      broker.url,
      '--redis',
      MACHINE_REDIS_URL,
      '--redis-prefix',
      `its-test:${group}`,
      '--ingest-thread',
    ],
    { cwd: REPO_ROOT },
  );
  processes.push(child);
  let output = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
      const found = /its center: .*/.exec(output)?.[0];
      if (found !== undefined) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`its center exited ${code}: ${output}`)));
  });
  expect(line).toContain('ingest thread');
  const url = /(http:\/\/\S+?:\d+)/.exec(line)![1]!;
  await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 20_000 }).toBe(200);
}, 60_000);

test('refuses the ingest thread without Redis, naming the option', () => {
  expect(() =>
    execFileSync(process.execPath, [...base, '--mqtt', 'mqtt://127.0.0.1:1', '--ingest-thread'], {
      cwd: REPO_ROOT,
      // REDIS_URL stands for --redis when set: clear it so this run has no Redis.
      env: { ...process.env, REDIS_URL: '' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ).toThrow(/--ingest-thread: needs --redis and --mqtt/);
});
