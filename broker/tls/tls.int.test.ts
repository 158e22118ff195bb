/**
 * @module broker/tls/tls.int.test
 * `initCa` / `issueCertificate` (openssl) and the embedded broker's mqtts listener: a client trusting
 * the CA connects, one that does not is refused; with client certificates required, a certificate's
 * common name is the client's identity under the same topic rules, and a client without one is
 * refused.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH } from '../../core/index.ts';
import type { Credential, IssuedCertificate, MessageBroker } from '../index.ts';
import {
  accessPolicy,
  identitiesForScenario,
  initCa,
  issueCertificate,
  issueCredentials,
  startEmbeddedBroker,
} from '../index.ts';

const credentials = issueCredentials(identitiesForScenario(loadScenario(MINI_SCENARIO_PATH)));
const cred = (username: string): Credential => {
  const c = credentials.find((x) => x.username === username);
  if (c === undefined) throw new Error(`no credential ${username}`);
  return c;
};

const dir = mkdtempSync(join(tmpdir(), 'its-tls-'));
const caDir = join(dir, 'ca');
let server: IssuedCertificate;
let device: IssuedCertificate;
let edge: IssuedCertificate;
let strangerDir = '';
let stranger: IssuedCertificate;
const clients: MqttClient[] = [];
const brokers: MessageBroker[] = [];

beforeAll(async () => {
  await initCa(caDir);
  server = await issueCertificate(caDir, { name: 'broker', dns: ['localhost'], ip: ['127.0.0.1'] });
  device = await issueCertificate(caDir, { name: 'det.gangnam.det-n-sb-0', outDir: join(dir, 'devices') });
  edge = await issueCertificate(caDir, { name: 'edge.gangnam.edge-gangnam', outDir: join(dir, 'devices') });
  strangerDir = join(dir, 'other-ca');
  await initCa(strangerDir);
  stranger = await issueCertificate(strangerDir, { name: 'det.gangnam.det-n-sb-1' });
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.endAsync(true);
  for (const b of brokers) await b.close();
});

const tlsOf = (c: IssuedCertificate, ca = server.caFile) => ({
  cert: readFileSync(c.certFile),
  key: readFileSync(c.keyFile),
  ca: readFileSync(ca),
});

async function connect(url: string, options: mqtt.IClientOptions): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
  clients.push(c);
  return c;
}

/** Whether a connection attempt ends without a CONNACK accepting it (an error, or a closed socket). */
function refused(url: string, options: mqtt.IClientOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const c = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
    const done = (wasRefused: boolean): void => {
      c.end(true);
      resolve(wasRefused);
    };
    c.once('connect', () => done(false));
    c.once('error', () => done(true));
    c.once('close', () => done(true));
  });
}

test('the CA and certificates are written with private keys readable by the owner only', () => {
  expect(statSync(join(caDir, 'ca.key')).mode & 0o077).toBe(0);
  expect(statSync(device.keyFile).mode & 0o077).toBe(0);
  expect(readFileSync(server.certFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
});

test('issuing into a folder without a CA, or for a bad name, is refused', async () => {
  await expect(issueCertificate(join(dir, 'nothing'), { name: 'x' })).rejects.toThrow(/its pki init/);
  await expect(issueCertificate(caDir, { name: 'a/b' })).rejects.toThrow(/--name/);
  await expect(initCa(caDir)).rejects.toThrow(/already holds a CA/);
});

describe('mqtts with username and password', () => {
  let url = '';
  beforeAll(async () => {
    const b = await startEmbeddedBroker({
      port: 0,
      auth: accessPolicy(credentials),
      tls: { certFile: server.certFile, keyFile: server.keyFile, port: 0 },
    });
    brokers.push(b);
    url = b.tlsUrl ?? '';
  });

  test('a client trusting the CA connects', async () => {
    const d = cred('det.gangnam.det-n-sb-0');
    const c = await connect(url, {
      username: d.username,
      password: d.password,
      ca: readFileSync(server.caFile),
    });
    expect(c.connected).toBe(true);
  });

  test('a client not trusting the CA is refused', async () => {
    const d = cred('det.gangnam.det-n-sb-0');
    await expect(
      mqtt.connectAsync(url, {
        reconnectPeriod: 0,
        username: d.username,
        password: d.password,
        rejectUnauthorized: true,
      }),
    ).rejects.toThrow(/certificate/i);
  });
});

describe('mqtts with client certificates', () => {
  let broker: MessageBroker;
  let url = '';
  beforeAll(async () => {
    broker = await startEmbeddedBroker({
      port: 0,
      auth: accessPolicy(credentials),
      tls: {
        certFile: server.certFile,
        keyFile: server.keyFile,
        caFile: server.caFile,
        requireClientCert: true,
        port: 0,
      },
    });
    brokers.push(broker);
    url = broker.tlsUrl ?? '';
  });

  test("a device certificate's common name is its identity under the topic rules", async () => {
    const e = await connect(url, tlsOf(edge));
    const got: string[] = [];
    e.on('message', (topic) => got.push(topic));
    await e.subscribeAsync('its/v1/gangnam/det/#', { qos: 1 });
    const spoofer = await connect(url, tlsOf(device));
    const closed = new Promise<void>((r) => spoofer.once('close', () => r()));
    spoofer.publish('its/v1/gangnam/det/det-n-sb-1', 'spoof', { qos: 0 });
    await closed;
    const d = await connect(url, tlsOf(device));
    const arrived = new Promise((r) => e.once('message', r));
    await d.publishAsync('its/v1/gangnam/det/det-n-sb-0', 'own', { qos: 1 });
    await arrived;
    expect(got).toEqual(['its/v1/gangnam/det/det-n-sb-0']);
    expect(broker.stats().refusedPublishes).toBe(1);
  });

  test('a username that disagrees with the certificate is refused', async () => {
    expect(await refused(url, { ...tlsOf(device), username: 'edge.gangnam.edge-gangnam' })).toBe(true);
  });

  test('a client without a certificate, or with one from another CA, is refused', async () => {
    expect(await refused(url, { ca: readFileSync(server.caFile) })).toBe(true);
    expect(await refused(url, tlsOf(stranger, server.caFile))).toBe(true);
    expect(await refused(url, tlsOf(device))).toBe(false);
  });
});
