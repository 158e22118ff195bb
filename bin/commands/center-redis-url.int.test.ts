/**
 * @module bin/commands/center-redis-url.int.test
 * `its center` without `--redis` takes Redis from `REDIS_URL` (as `its demo` does): started so on the
 * machine's Redis under a prefix of its own, it says so on its start line, and an operator's write is
 * in the shared audit stream that any other instance on that prefix reads. The prefix's keys are
 * deleted afterwards.
 */
import { afterAll, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH } from '../../core/index.ts';
import { RedisAuditLog } from '../../center/adapters/redis/index.ts';
import { TestPrefixes } from '../../center/adapters/redis/testing.ts';
import { MACHINE_REDIS_URL } from '../../center/node/testing/isolated-center.ts';
import { spawnCenter, urlOf, type ItsProcess } from './testing/its-process.ts';

const prefixes = new TestPrefixes(MACHINE_REDIS_URL);
const prefix = prefixes.fresh();
const OPERATOR = 'operator-token-0123456789';
let center: ItsProcess | null = null;

afterAll(async () => {
  await center?.stop();
  await prefixes.purge();
});

test('without --redis it uses REDIS_URL, and writes its audit log to the shared stream', async () => {
  center = spawnCenter(
    [
      ...['--scenario', MINI_SCENARIO_PATH, '--http-port', '0', '--no-displays'],
      ...['--redis-prefix', prefix, '--tokens', `ops-kim:operator:${OPERATOR}`],
    ],
    { REDIS_URL: MACHINE_REDIS_URL },
  );
  const line = await center.ready;
  expect(line).toContain(`Redis ${MACHINE_REDIS_URL}`);
  const url = urlOf(line);
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
