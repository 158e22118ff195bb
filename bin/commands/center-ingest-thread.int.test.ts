/**
 * @module bin/commands/center-ingest-thread.int.test
 * `its center --ingest-thread` on an embedded broker of its own (port 0: a center on the machine's
 * Mosquitto would hear, and acknowledge, other tests' uplinks) and the machine's Redis under a prefix
 * of its own: it starts with the ingest worker and reports ready; without `--redis` (or `--mqtt`) it
 * refuses to start, naming the option.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH } from '../../core/index.ts';
import { startEmbeddedBroker, type MessageBroker } from '../../broker/index.ts';
import { TestPrefixes } from '../../center/adapters/redis/testing.ts';
import { MACHINE_REDIS_URL } from '../../center/node/testing/isolated-center.ts';
import { REPO_ROOT } from '../demo/testing/demo-process.ts';
import { spawnCenter, urlOf, type ItsProcess } from './testing/its-process.ts';

const processes: ItsProcess[] = [];
const prefixes = new TestPrefixes(MACHINE_REDIS_URL);
let broker: MessageBroker | null = null;

afterAll(async () => {
  await broker?.close();
  await Promise.all(processes.map((p) => p.stop()));
  // The center wrote its stops (and would write its audit) under the run's prefix.
  await prefixes.purge();
});

const args = ['--scenario', MINI_SCENARIO_PATH, '--http-port', '0', '--no-displays'];

test('starts with the ingest worker and answers /readyz', async () => {
  broker = await startEmbeddedBroker({ port: 0 });
  const center = spawnCenter([
    ...args,
    ...['--mqtt', broker.url, '--redis', MACHINE_REDIS_URL, '--redis-prefix', prefixes.fresh()],
    '--ingest-thread',
  ]);
  processes.push(center);
  const line = await center.ready;
  expect(line).toContain('ingest thread');
  const url = urlOf(line);
  await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 20_000 }).toBe(200);
}, 60_000);

test('refuses the ingest thread without Redis, naming the option', () => {
  expect(() =>
    execFileSync(
      process.execPath,
      ['bin/its.mjs', 'center', ...args, '--mqtt', 'mqtt://127.0.0.1:1', '--ingest-thread'],
      {
        cwd: REPO_ROOT,
        // REDIS_URL stands for --redis when set: clear it so this run has no Redis.
        env: { ...process.env, REDIS_URL: '' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  ).toThrow(/--ingest-thread: needs --redis and --mqtt/);
});
