/**
 * @module bin/commands/edge.int.test
 * `its controller` + broker + `its edge` as processes, end to end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import mqtt from 'mqtt';
import { MINI_SCENARIO_PATH, parseMessage } from '../../core/index.ts';
import type { EdgeBatch } from '../../core/index.ts';
import { startTestBroker } from '../../edge/adapters/mqtt/test-broker.ts';
import type { TestBroker } from '../../edge/adapters/mqtt/test-broker.ts';
import { spawnIts, type ItsProcess } from './testing/its-process.ts';

const children: ItsProcess[] = [];
let broker: TestBroker | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Start `its <args>`; resolves with all it printed once a line starts with `ready`. */
async function its(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawnIts(args, /^ready.*$/m, env);
  children.push(child);
  await child.ready;
  return child.output();
}

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop('SIGKILL')));
  await broker?.stop();
});

test('controller over OPC UA, MQTT broker and edge process: the edge takes the signal, reports upward, and raises an alarm when the controller dies', async () => {
  broker = await startTestBroker();
  const dir = mkdtempSync(join(tmpdir(), 'its-edge-int-'));
  // The controller trusts only the certificates in its PKI: the edge's, put there by its pki opcua.
  execFileSync(process.execPath, ['bin/its.mjs', 'pki', 'opcua', '--out', join(dir, 'pki')], {
    stdio: 'ignore',
  });
  const opcuaPort = await freePort();
  const out = await its(
    [
      'controller',
      '--scenario',
      MINI_SCENARIO_PATH,
      '--opcua-port',
      String(opcuaPort),
      '--mqtt',
      broker.url,
      '--pki',
      join(dir, 'pki', 'controller'),
    ],
    { ITS_OPCUA_USERS: 'edge:pw:operator' },
  );
  const endpoint = /opcua (\S+)/.exec(out)?.[1];
  expect(endpoint).toBeDefined();
  const center = await mqtt.connectAsync(broker.url, { clientId: `center-${process.pid}` });
  const batches: EdgeBatch[] = [];
  const spatModes: string[] = [];
  center.on('message', (_topic, payload) => {
    const r = parseMessage(payload);
    if (!r.ok) return;
    if (r.message.kind === 'edge.batch') batches.push(r.message);
    if (r.message.kind === 'spat') spatModes.push(r.message.mode);
  });
  await center.subscribeAsync(['its/v1/gangnam/edge/+/up', 'its/v1/gangnam/spat/+'], { qos: 1 });
  const banner = await its(
    [
      'edge',
      '--scenario',
      MINI_SCENARIO_PATH,
      '--region',
      'gangnam',
      '--mqtt',
      broker.url,
      '--strategy',
      'max-pressure',
      '--tsp',
      '--tsp-min-late',
      '30',
      '--opcua',
      endpoint ?? '',
      '--db',
      join(dir, 'edge.sqlite'),
      '--pki',
      join(dir, 'pki', 'edge'),
    ],
    { ITS_EDGE_OPCUA_USER: 'edge:pw' },
  );
  // The priority rule the edge runs, as given on its command line.
  expect(banner).toContain('strategy max-pressure+tsp (late >= 30 s)');
  const device = await mqtt.connectAsync(broker.url, { clientId: `device-${process.pid}` });
  let seq = 0;
  const items = (): EdgeBatch['items'] => batches.flatMap((b) => b.items);
  for (let i = 0; i < 40 && !spatModes.includes('external'); i++) {
    for (const d of ['det-s-sb-1', 'det-n-sb-1']) {
      const message = {
        kind: 'det.actuation',
        id: `it-${process.pid}-${seq}`,
        deviceId: d,
        seq: seq++,
        ts: Date.now(),
        state: i % 2 ? 'off' : 'on',
      };
      await device.publishAsync(`its/v1/gangnam/det/${d}/act`, JSON.stringify(message));
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await expect.poll(() => spatModes.at(-1), { timeout: 20_000 }).toBe('external');
  await expect
    .poll(
      () => items().some((i) => i.type === 'signal-state' && i.strategy === 'max-pressure+tsp' && i.online),
      {
        timeout: 40_000,
      },
    )
    .toBe(true);

  // The controller process dies: the edge raises controller-lost (the controller's own watchdog is what
  // returns a surviving controller to its local plan).
  await children[0]?.stop('SIGKILL');
  await expect
    .poll(
      () => items().some((i) => i.type === 'alarm' && i.code === 'controller-lost' && i.state === 'raised'),
      {
        timeout: 30_000,
      },
    )
    .toBe(true);
  await device.endAsync();
  await center.endAsync();
}, 120_000);
