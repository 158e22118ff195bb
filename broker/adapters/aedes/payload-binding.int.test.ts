/**
 * @module broker/adapters/aedes/payload-binding.int.test
 * The embedded broker binds the device id inside a message to the publisher's identity
 * (`authorizePayload` with core/security's `payloadBinding`): a message naming another device is
 * refused and counted before any subscriber sees it, while the device's own messages flow.
 */
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH } from '../../../core/index.ts';
import { payloadBinding } from '../../../core/security/index.ts';
import type { Credential, MessageBroker } from '../../index.ts';
import { accessPolicy, identitiesForScenario, issueCredentials, startEmbeddedBroker } from '../../index.ts';

const credentials = issueCredentials(identitiesForScenario(loadScenario(MINI_SCENARIO_PATH)));
const cred = (username: string): Credential => {
  const c = credentials.find((x) => x.username === username);
  if (c === undefined) throw new Error(`no credential ${username}`);
  return c;
};
const clients: MqttClient[] = [];
let broker: MessageBroker;
const refusals: string[] = [];

beforeAll(async () => {
  const policy = accessPolicy(credentials);
  broker = await startEmbeddedBroker({
    port: 0,
    auth: {
      ...policy,
      authorizePayload: payloadBinding(policy.identityOf, {
        onRefused: (v) => refusals.push(v.ok ? '' : v.reason),
      }),
    },
  });
});

afterAll(async () => {
  for (const c of clients) await c.endAsync(true);
  await broker.close();
});

async function connect(c: Credential): Promise<MqttClient> {
  const client = await mqtt.connectAsync(broker.url, {
    reconnectPeriod: 0,
    username: c.username,
    password: c.password,
  });
  clients.push(client);
  return client;
}

const report = (deviceId: string, seq: number): string =>
  JSON.stringify({
    kind: 'det.actuation',
    id: `m-${deviceId}-${seq}`,
    deviceId,
    seq,
    ts: Date.now(),
    state: 'on',
  });

test('a message whose inner device id is not the publisher is dropped and counted', async () => {
  const edge = await connect(cred('edge.gangnam.edge-gangnam'));
  const got: string[] = [];
  edge.on('message', (_topic, payload) => got.push(payload.toString()));
  await edge.subscribeAsync('its/v1/gangnam/det/#', { qos: 1 });

  const spoofer = await connect(cred('det.gangnam.det-n-sb-0'));
  const closed = new Promise<void>((r) => spoofer.once('close', () => r()));
  spoofer.publish('its/v1/gangnam/det/det-n-sb-0/act', report('det-n-sb-1', 1), { qos: 0 });
  await closed;

  const honest = await connect(cred('det.gangnam.det-n-sb-0'));
  const arrived = new Promise<void>((r) => edge.once('message', () => r()));
  await honest.publishAsync('its/v1/gangnam/det/det-n-sb-0/act', report('det-n-sb-0', 2), { qos: 1 });
  await arrived;

  expect(got.map((p) => (JSON.parse(p) as { deviceId: string }).deviceId)).toEqual(['det-n-sb-0']);
  expect(broker.stats().refusedPayloads).toBe(1);
  expect(refusals).toEqual(['identity-mismatch']);
});
