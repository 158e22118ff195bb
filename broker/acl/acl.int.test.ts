/**
 * @module broker/acl/acl.int.test
 * The same access policy enforced by the embedded broker (auth hooks) and by a real Mosquitto 2 run
 * with the generated password and ACL files: spoofed device ids, over-broad subscriptions and
 * unauthenticated clients are refused.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH } from '../../core/index.ts';
import type { Credential, MessageBroker } from '../index.ts';
import {
  accessPolicy,
  identitiesForScenario,
  issueCredentials,
  mosquittoAclFile,
  mosquittoConfig,
  mosquittoPasswordFile,
  startEmbeddedBroker,
} from '../index.ts';

const credentials = issueCredentials(identitiesForScenario(loadScenario(MINI_SCENARIO_PATH)));
const cred = (username: string): Credential => {
  const c = credentials.find((x) => x.username === username);
  if (c === undefined) throw new Error(`no credential ${username}`);
  return c;
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitConnectable(url: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 500 });
      await c.endAsync(true);
      return;
    } catch (err) {
      if (/Not authorized|Bad username/i.test(String(err))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`broker at ${url} never came up`);
}

/** The checks every broker must pass, given its URL. */
function brokerContract(
  name: string,
  protocolVersion: 4 | 5,
  start: () => Promise<{ url: string; stop: () => Promise<void> }>,
): void {
  describe(name, () => {
    let url = '';
    let stop = async (): Promise<void> => {};
    const clients: MqttClient[] = [];
    const connect = async (c: Credential): Promise<MqttClient> => {
      const client = await mqtt.connectAsync(url, {
        reconnectPeriod: 0,
        username: c.username,
        password: c.password,
        protocolVersion,
      });
      clients.push(client);
      return client;
    };
    beforeAll(async () => {
      ({ url, stop } = await start());
    });
    afterAll(async () => {
      for (const c of clients) await c.endAsync(true);
      await stop();
    });

    test('an unauthenticated client is refused', async () => {
      await expect(mqtt.connectAsync(url, { reconnectPeriod: 0 })).rejects.toThrow();
      const det = cred('det.gangnam.det-n-sb-0');
      await expect(
        mqtt.connectAsync(url, {
          reconnectPeriod: 0,
          username: det.username,
          password: 'wrong-password-123',
        }),
      ).rejects.toThrow();
    });

    test('a device subscribing to its/# is refused or receives nothing', async () => {
      const dev = await connect(cred('det.gangnam.det-n-sb-1'));
      const got: string[] = [];
      dev.on('message', (topic) => got.push(topic));
      // The embedded broker answers SUBACK 0x80. Mosquitto 2.0's ACL file does not check
      // subscriptions; it grants them and then delivers only what the read ACL allows (nothing here).
      const refused = await dev.subscribeAsync('its/#', { qos: 0 }).then(
        () => false,
        () => true,
      );
      const other = await connect(cred('det.gangnam.det-n-sb-2'));
      await other.publishAsync('its/v1/gangnam/det/det-n-sb-2', 'traffic', { qos: 1 });
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual([]);
      if (protocolVersion === 4) expect(refused).toBe(true);
    });

    test("a device publishing under another device's id is not delivered", async () => {
      const edge = await connect(cred('edge.gangnam.edge-gangnam'));
      const got: string[] = [];
      edge.on('message', (topic) => got.push(topic));
      await edge.subscribeAsync('its/v1/gangnam/det/#', { qos: 1 });
      // A refused publish may cost the spoofer its connection (aedes, MQTT 3.1.1), so the honest
      // publish goes over a second connection of the same device.
      const spoofer = await connect(cred('det.gangnam.det-n-sb-2'));
      spoofer.publish('its/v1/gangnam/det/det-n-sb-0', 'spoof', { qos: 0 });
      const honest = await connect(cred('det.gangnam.det-n-sb-1'));
      await honest.publishAsync('its/v1/gangnam/det/det-n-sb-1', 'own', { qos: 0 });
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual(['its/v1/gangnam/det/det-n-sb-1']);
    });

    test('a 3.1.1 subscriber that acknowledges after its own commit gets more than 20 QoS 1 messages at once', async () => {
      // The edge's ledger writes a tap's PUBACK only once the tap is on disk, a group commit at a time
      // (edge/adapters/mqtt/ledger-subscriber.ts holds them the same way): a broker that sends only 20
      // unacknowledged messages (Mosquitto's default max_inflight_messages) caps every commit at 20.
      const ledger = await mqtt.connectAsync(url, {
        reconnectPeriod: 0,
        protocolVersion: 4,
        username: cred('edge.gangnam.edge-gangnam').username,
        password: cred('edge.gangnam.edge-gangnam').password,
      });
      clients.push(ledger);
      type Send = (packet: { cmd: string }, cb?: () => void) => void;
      const internals = ledger as unknown as { _sendPacket: Send };
      const send = internals._sendPacket.bind(ledger);
      const held: (() => void)[] = [];
      internals._sendPacket = (packet, cb) => {
        if (packet.cmd !== 'puback') return send(packet, cb);
        held.push(() => send(packet));
        cb?.();
      };
      let received = 0;
      ledger.on('message', () => (received += 1));
      await ledger.subscribeAsync('its/v1/gangnam/det/det-n-sb-1', { qos: 1 });
      const device = await connect(cred('det.gangnam.det-n-sb-1'));
      for (let i = 0; i < 200; i++) device.publish('its/v1/gangnam/det/det-n-sb-1', `t${i}`, { qos: 1 });
      await expect.poll(() => received, { timeout: 5000 }).toBe(200);
      expect(held).toHaveLength(200);
      for (const ack of held.splice(0)) ack();
    });
  });
}

brokerContract('embedded broker with the access policy', 4, async () => {
  const broker: MessageBroker = await startEmbeddedBroker({ port: 0, auth: accessPolicy(credentials) });
  return { url: broker.url, stop: () => broker.close() };
});

brokerContract('Mosquitto with the generated password and ACL files', 5, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-mosq-'));
  const port = await freePort();
  writeFileSync(join(dir, 'passwd'), mosquittoPasswordFile(credentials), { mode: 0o600 });
  writeFileSync(join(dir, 'acl'), mosquittoAclFile(credentials), { mode: 0o600 });
  const conf = mosquittoConfig({
    port,
    host: '127.0.0.1',
    passwordFile: join(dir, 'passwd'),
    aclFile: join(dir, 'acl'),
  });
  writeFileSync(join(dir, 'mosquitto.conf'), `${conf}user root\n`);
  const proc: ChildProcess = spawn('mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  const url = `mqtt://127.0.0.1:${port}`;
  await waitConnectable(url);
  return {
    url,
    stop: async () => {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
});
