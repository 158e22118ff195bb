/**
 * @module bin/commands/demo-sim.int.test
 * `its demo --only sim` (the production topology's simulator) against a broker that requires
 * credentials: it logs in with ITS_MQTT_USERNAME / ITS_MQTT_PASSWORD like every other part, and
 * without them the broker refuses it and the process says so and exits non-zero.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, test } from 'vitest';
import mqtt from 'mqtt';
import { MINI_SCENARIO_PATH, parseMessage } from '../../core/index.ts';
import { startEmbeddedBroker, type MessageBroker } from '../../broker/index.ts';

const children: ChildProcess[] = [];
let broker: MessageBroker | undefined;
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await broker?.close();
});

type Run = {
  readonly ready: Promise<string>;
  readonly exited: Promise<{ code: number | null; out: string }>;
};

function simOnly(url: string, env: Record<string, string>): Run {
  const child = spawn(
    process.execPath,
    ['bin/its.mjs', 'demo', '--only', 'sim', '--mqtt', url, '--scenario', MINI_SCENARIO_PATH, '--speed', '5'],
    {
      env: { ...process.env, ITS_MQTT_USERNAME: '', ITS_MQTT_PASSWORD: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  const exited = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out })),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (/^ready/m.test(out)) resolve(out);
    });
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    void exited.then(({ code }) => reject(new Error(`its demo --only sim exited ${code}: ${out}`)));
  });
  ready.catch(() => undefined);
  return { ready, exited };
}

test('the standalone simulator publishes under the identity from ITS_MQTT_USERNAME/PASSWORD and is refused without it', async () => {
  let refused = 0;
  broker = await startEmbeddedBroker({
    port: 0,
    auth: {
      authenticate: (_id, username, password) => {
        const ok = (username === 'sim' && password === 'sim-secret') || username === 'watcher';
        if (!ok) refused++;
        return ok;
      },
    },
  });
  const watcher = await mqtt.connectAsync(broker.url, { username: 'watcher', password: 'x' });
  const kinds = new Set<string>();
  watcher.on('message', (_t, payload) => {
    const r = parseMessage(payload);
    if (r.ok) kinds.add(r.message.kind);
  });
  await watcher.subscribeAsync('its/v1/#', { qos: 0 });
  try {
    const run = simOnly(broker.url, { ITS_MQTT_USERNAME: 'sim', ITS_MQTT_PASSWORD: 'sim-secret' });
    expect(await run.ready).toContain('as sim');
    await expect.poll(() => kinds.size, { timeout: 30_000 }).toBeGreaterThan(0);

    const anonymous = simOnly(broker.url, {});
    const { code, out } = await anonymous.exited;
    expect(code).not.toBe(0);
    expect(out).toMatch(/Not authorized|Bad username/i);
    expect(refused).toBeGreaterThan(0);
  } finally {
    await watcher.endAsync();
  }
}, 90_000);
