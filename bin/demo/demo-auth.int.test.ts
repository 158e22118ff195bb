/**
 * @module bin/demo/demo-auth.int.test
 * The demo's broker enforces the credentials it generated (issue 11): controllers, center and
 * simulator and edges connect with their own identities and the system still runs end to end, while a client
 * without valid credentials and a device speaking for another device are refused and counted. The
 * controllers' OPC UA server trusts only the edges' certificates the demo created.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import {
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  UserTokenType,
} from 'node-opcua';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import type { Credential } from '../../broker/index.ts';
import { startDemo, type DemoSystem } from './demo-system.ts';
import { mqttLogin } from './demo-secrets.ts';
import { REPO_ROOT } from './testing/demo-process.ts';

let demo: DemoSystem;
const dataDir = mkdtempSync(join(tmpdir(), 'its-demo-auth-'));
const clients: MqttClient[] = [];

beforeAll(async () => {
  demo = await startDemo({
    scenario: loadScenario(join(REPO_ROOT, 'scenarios', 'demo-city')),
    speed: 10,
    httpPort: 0,
    mqttPort: 0,
    opcuaPort: 0,
    dataDir,
    strategy: 'actuated',
    seed: 1,
    regions: ['gangnam'],
    log: () => {},
  });
}, 120_000);

afterAll(async () => {
  for (const c of clients) await c.endAsync(true);
  await demo?.close();
});

/** Connect with a demo identity; no reconnect, so a closed connection stays closed. */
async function connectAs(username: string): Promise<MqttClient> {
  const client = await mqtt.connectAsync(demo.broker.url, {
    ...mqttLogin(demo.secrets, username),
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  clients.push(client);
  return client;
}

/** Two detectors of the demo's gangnam region. */
function twoDetectors(): [Credential, Credential] {
  const dets = demo.secrets.mqtt.filter(
    (c) => c.role === 'device' && c.kind === 'det' && c.region === 'gangnam',
  );
  const [a, b] = dets;
  if (a === undefined || b === undefined) throw new Error('the demo city has fewer than two detectors');
  return [a, b];
}

test('every part connects with its own identity and data flows end to end', async () => {
  expect(demo.mqttAuth).toBe('enforced');
  await expect
    .poll(
      async () =>
        ((await (await fetch(`http://127.0.0.1:${demo.center.port}/api/v1/signals`)).json()) as unknown[])
          .length,
      { timeout: 60_000, interval: 500 },
    )
    .toBeGreaterThan(0);
  expect(demo.broker.stats().refusedConnections).toBe(0);
  expect(demo.broker.stats().refusedPublishes).toBe(0);
  expect(demo.broker.stats().refusedPayloads).toBe(0);
}, 90_000);

test('a client with a wrong password, or without credentials, is refused', async () => {
  const [det] = twoDetectors();
  const before = demo.broker.stats().refusedConnections;
  await expect(
    mqtt.connectAsync(demo.broker.url, {
      username: det.username,
      password: 'not-the-password-1234',
      reconnectPeriod: 0,
    }),
  ).rejects.toThrow(/Not authorized|Bad username/i);
  await expect(mqtt.connectAsync(demo.broker.url, { reconnectPeriod: 0 })).rejects.toThrow(
    /Not authorized|Bad username/i,
  );
  expect(demo.broker.stats().refusedConnections).toBe(before + 2);
});

test('a device subscribing to its/# is refused', async () => {
  const [det] = twoDetectors();
  const nosy = await connectAs(det.username);
  // aedes answers SUBACK 0x80, which MQTT.js turns into a rejection.
  await expect(nosy.subscribeAsync('its/#', { qos: 0 })).rejects.toThrow(/Subscribe error/);
});

test("a device publishing under another device's id is refused and counted", async () => {
  const [mine, other] = twoDetectors();
  const myId = mine.id;
  const otherId = other.id;
  const watcher = await connectAs('edge.gangnam.edge-gangnam');
  const delivered: string[] = [];
  watcher.on('message', (_topic, payload) => delivered.push(payload.toString()));
  await watcher.subscribeAsync('its/v1/gangnam/det/#', { qos: 1 });

  // On the other device's topic: the topic rules refuse it.
  const stats0 = demo.broker.stats();
  const onTopic = await connectAs(mine.username);
  const closedTopic = new Promise<void>((resolve) => onTopic.once('close', () => resolve()));
  onTopic.publish(
    `its/v1/gangnam/det/${otherId}`,
    JSON.stringify({ kind: 'det.report', deviceId: otherId, tag: 'spoof-topic' }),
    { qos: 1 },
  );
  await closedTopic;
  expect(demo.broker.stats().refusedPublishes).toBe(stats0.refusedPublishes + 1);

  // On its own topic but naming the other device inside: the device binding refuses it.
  const inPayload = await connectAs(mine.username);
  const closedPayload = new Promise<void>((resolve) => inPayload.once('close', () => resolve()));
  inPayload.publish(
    `its/v1/gangnam/det/${myId}`,
    JSON.stringify({ kind: 'det.report', deviceId: otherId, tag: 'spoof-payload' }),
    { qos: 1 },
  );
  await closedPayload;
  expect(demo.broker.stats().refusedPayloads).toBe(stats0.refusedPayloads + 1);

  // Speaking for itself on its own topic goes through.
  const honest = await connectAs(mine.username);
  await honest.publishAsync(
    `its/v1/gangnam/det/${myId}`,
    JSON.stringify({ kind: 'det.report', deviceId: myId, tag: 'honest' }),
    { qos: 1 },
  );
  await expect.poll(() => delivered.some((p) => p.includes('honest'))).toBe(true);
  expect(delivered.some((p) => p.includes('spoof'))).toBe(false);
});

/** Open a SignAndEncrypt operator session with the client PKI in `pkiDir`; true when it succeeds. */
async function opcuaOperatorSession(pkiDir: string): Promise<boolean> {
  const clientCertificateManager = new OPCUACertificateManager({
    rootFolder: pkiDir,
    automaticallyAcceptUnknownCertificate: true,
  });
  const client = OPCUAClient.create({
    applicationName: 'its-edge',
    endpointMustExist: false,
    securityMode: MessageSecurityMode.SignAndEncrypt,
    securityPolicy: SecurityPolicy.Basic256Sha256,
    clientCertificateManager,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
  });
  try {
    await client.connect(demo.endpoints.opcua);
    const session = await client.createSession({
      type: UserTokenType.UserName,
      userName: demo.secrets.operators.opcua.username,
      password: demo.secrets.operators.opcua.password,
    });
    await session.close();
    return true;
  } catch {
    return false;
  } finally {
    await client.disconnect().catch(() => {});
    await clientCertificateManager.dispose();
  }
}

test("the controllers accept the edge's OPC UA certificate and refuse one nobody trusted", async () => {
  expect(await opcuaOperatorSession(join(dataDir, 'edge-gangnam', 'opcua-pki'))).toBe(true);
  // The right operator password does not help a client whose certificate the demo did not trust.
  expect(await opcuaOperatorSession(mkdtempSync(join(tmpdir(), 'its-stranger-pki-')))).toBe(false);
}, 60_000);
