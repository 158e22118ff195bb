/**
 * @module bin/commands/center-flags.int.test
 * `its center --board-interval-ms` and `--trust-proxy`: a bad value is refused before anything
 * starts, naming the flag; a good one starts the center (the pacing itself: center/http
 * board-pacer.test; whose address a request is: center/http client-address.test and
 * center/node center-trust-proxy.int.test).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH } from '../../core/index.ts';
import { REPO_ROOT } from '../demo/testing/demo-process.ts';
import { spawnCenter, urlOf, type ItsProcess } from './testing/its-process.ts';

const args = ['--scenario', MINI_SCENARIO_PATH, '--http-port', '0', '--no-displays'];
let center: ItsProcess | null = null;
afterAll(() => center?.stop());

/** `its center` with one more flag, run to its end (a refusal exits 2 before anything starts). */
const startWith = (flag: string, value: string): string =>
  execFileSync(process.execPath, ['bin/its.mjs', 'center', ...args, flag, value], {
    cwd: REPO_ROOT,
    env: { ...process.env, REDIS_URL: '' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

test.each(['abc', '-1', '2.5', '90000'])('--board-interval-ms %s is refused, naming the flag', (value) => {
  expect(() => startWith('--board-interval-ms', value)).toThrow(
    /--board-interval-ms: must be an integer 0-60000/,
  );
});

test.each([
  ['localhost', "'localhost' is not an IP address or CIDR block"],
  ['10.0.0.0/', "'10.0.0.0/' is not an IP address or CIDR block"],
  [',', 'names no address'],
])('--trust-proxy %s is refused, naming the flag and the entry', (value, why) => {
  expect(() => startWith('--trust-proxy', value)).toThrow(`--trust-proxy: ${why}`);
});

test('--board-interval-ms 250 (and a good --trust-proxy) starts the center, which serves stop boards', async () => {
  center = spawnCenter([...args, '--board-interval-ms', '250', '--trust-proxy', '127.0.0.1,10.0.0.0/8']);
  const url = urlOf(await center.ready);
  const stops = (await (await fetch(`${url}/api/v1/stops`)).json()) as { id: string }[];
  expect(stops.length).toBeGreaterThan(0);
  const board = await fetch(`${url}/api/v1/stops/${stops[0]?.id ?? ''}/arrivals`);
  expect(board.status).toBe(200);
}, 60_000);
