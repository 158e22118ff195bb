/**
 * @module edge/adapters/opcua/controller-client.int.test
 * The OPC UA controller client against the controllers' server.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, SystemClock } from '../../../core/index.ts';
import { createController } from '../../../controllers/index.ts';
import { startOpcuaServer } from '../../../controllers/adapters/opcua/index.ts';
import { createOpcuaPki } from '../../../broker/tls/adapters/opcua/index.ts';
import { connectControllerClient } from './index.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('the edge trusts only its controller certificate, reads the controller over OPC UA, commands it, and sees it go offline', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'edge-opcua-'));
  const scenario = loadScenario(MINI_SCENARIO_PATH);
  const intersection = scenario.intersections[0];
  if (intersection === undefined) throw new Error('mini scenario has no intersection');
  const controller = createController(intersection, { watchdogTimeoutS: 30 });
  const stepper = setInterval(() => controller.step(Date.now()), 100);
  // Both sides trust only each other's certificate, as `its pki opcua` sets them up.
  const pki = await createOpcuaPki(join(dir, 'pki'));
  const server = await startOpcuaServer([controller], {
    port: await freePort(),
    pkiDir: pki.controllerPkiDir,
    users: [{ username: 'edge', password: 'pw', role: 'operator' }],
    trustUnknownClients: false,
  });
  // A client whose trust list lacks the controller's certificate refuses it, naming the fix.
  await expect(
    connectControllerClient({
      endpointUrl: server.endpointUrl,
      username: 'edge',
      password: 'pw',
      pkiDir: join(dir, 'stranger-pki'),
      clock: new SystemClock(),
    }),
  ).rejects.toThrow(/does not trust.*trusted\/certs/);
  const client = await connectControllerClient({
    endpointUrl: server.endpointUrl,
    username: 'edge',
    password: 'pw',
    pkiDir: pki.edgePkiDir,
    clock: new SystemClock(),
    silenceMs: 2000,
  });
  try {
    const link = client.links.get(intersection.id);
    expect(link).toBeDefined();
    if (link === undefined) return;
    await expect.poll(() => link.snapshot().mode, { timeout: 10_000 }).toBe(controller.mode);
    expect(link.snapshot().online).toBe(true);
    link.send([{ type: 'call', unit: 4 }, { type: 'heartbeat' }]);
    await expect.poll(() => controller.mode, { timeout: 10_000 }).toBe('external');
    await expect.poll(() => link.snapshot().mode, { timeout: 10_000 }).toBe('external');
    expect(client.failedCommands()).toBe(0);
    await server.stop();
    await expect.poll(() => link.snapshot().online, { timeout: 15_000 }).toBe(false);
  } finally {
    clearInterval(stepper);
    await client.close().catch(() => {});
  }
}, 90_000);
