/**
 * @module bin/commands/center-redis-url.int.test
 * `its center` without `--redis` takes Redis from `REDIS_URL` (as `its demo` does): started so on the
 * machine's Redis under a prefix of its own, it says so on its start line, and an operator's write is
 * in the shared audit stream that any other instance on that prefix reads. The prefix's keys are
 * deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH } from '../../core/index.ts';
import { RedisAuditLog, RedisStateStore } from '../../center/adapters/redis/index.ts';
import { MACHINE_REDIS_URL } from '../../center/node/testing/isolated-center.ts';
import { REPO_ROOT } from '../demo/testing/demo-process.ts';

const prefix = `its-test:${randomUUID()}`;
const OPERATOR = 'operator-token-0123456789';
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child !== null && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  const store = await RedisStateStore.connect({ url: MACHINE_REDIS_URL, prefix });
  await store.purge();
  await store.close();
});

test('without --redis it uses REDIS_URL, and writes its audit log to the shared stream', async () => {
  child = spawn(
    process.execPath,
    [
      'bin/its.mjs',
      'center',
      '--scenario',
      MINI_SCENARIO_PATH,
      '--http-port',
      '0',
      '--no-displays',
      '--redis-prefix',
      prefix,
      '--tokens',
      `ops-kim:operator:${OPERATOR}`,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, REDIS_URL: MACHINE_REDIS_URL } },
  );
  let output = '';
  const started = child;
  const line = await new Promise<string>((resolve, reject) => {
    started.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
      const found = /its center: .*/.exec(output)?.[0];
      if (found !== undefined) resolve(found);
    });
    started.once('exit', (code) => reject(new Error(`its center exited ${code}: ${output}`)));
  });
  expect(line).toContain(`Redis ${MACHINE_REDIS_URL}`);
  const url = /(http:\/\/\S+?:\d+)/.exec(line)?.[1] ?? '';
  const r = await fetch(`${url}/api/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
    body: JSON.stringify({ linkId: 'L-e-in', lanes: [0], kind: 'crash' }),
  });
  expect(r.status).toBe(201);
  const id = ((await r.json()) as { id: string }).id;
  const shared = await RedisAuditLog.connect({ url: MACHINE_REDIS_URL, prefix });
  try {
    expect(await shared.recent(10)).toEqual([
      expect.objectContaining({ actor: 'ops-kim', action: 'incident.declare', target: `incident/${id}` }),
    ]);
  } finally {
    await shared.close();
  }
}, 120_000);
