/**
 * @module bin/commands/broker.int.test
 * `its broker config` with TLS flags, run by a real Mosquitto 2 (a separate process on free ports,
 * never the machine's own on 1883), and `its broker run` with credentials, device-id binding and a
 * client-certificate TLS listener: the same refusals through both brokers' command lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH } from '../../core/index.ts';
import {
  initCa,
  issueCertificate,
  readCredentials,
  type Credential,
  type IssuedCertificate,
} from '../../broker/index.ts';
import { REPO_ROOT } from '../demo/testing/demo-process.ts';

const DEVICE = 'det.gangnam.det-n-sb-0';
const OTHER_DEVICE_ID = 'det-n-sb-1';
const dir = mkdtempSync(join(tmpdir(), 'its-broker-cmd-'));
const out = join(dir, 'broker');
let server: IssuedCertificate;
let device: IssuedCertificate;
let credentials: Credential[] = [];
const clients: MqttClient[] = [];
const processes: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Run `its <args>` to completion; resolves with its stdout. */
function its(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/its.mjs', ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`its ${args[0]}: ${stderr}`)),
    );
  });
}

/** Start a long-running process; resolves once its output matches `ready`. */
function startUntil(
  command: string,
  args: readonly string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(command, args, { cwd: REPO_ROOT });
  processes.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (ready.test(output)) resolve({ child, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited ${code}: ${output}`)));
  });
}

const cred = (username: string): Credential => {
  const c = credentials.find((x) => x.username === username);
  if (c === undefined) throw new Error(`no credential ${username}`);
  return c;
};

async function connect(url: string, options: IClientOptions): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
  clients.push(c);
  return c;
}

/** Whether a connection attempt ends without being accepted. */
function refused(url: string, options: IClientOptions): Promise<boolean> {
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

const withCert = (c: IssuedCertificate): IClientOptions => ({
  cert: readFileSync(c.certFile),
  key: readFileSync(c.keyFile),
  ca: readFileSync(c.caFile),
});

beforeAll(async () => {
  const caDir = join(dir, 'ca');
  await initCa(caDir);
  server = await issueCertificate(caDir, { name: 'broker', dns: ['localhost'], ip: ['127.0.0.1'] });
  device = await issueCertificate(caDir, { name: DEVICE, outDir: join(dir, 'devices') });
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.endAsync(true);
  for (const p of processes) {
    if (p.exitCode !== null) continue;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }
});

/** The checks both brokers must pass: plain listener with passwords, TLS listener with certificates. */
function commandContract(
  name: string,
  start: () => Promise<{ url: string; tlsUrl: string; protocolVersion: 4 | 5 }>,
): void {
  describe(name, () => {
    let url = '';
    let tlsUrl = '';
    let protocolVersion: 4 | 5 = 4;
    beforeAll(async () => {
      ({ url, tlsUrl, protocolVersion } = await start());
    }, 60_000);

    test('an unknown user, a wrong password and an anonymous client are refused', async () => {
      expect(
        await refused(url, { username: 'det.gangnam.nobody', password: 'x'.repeat(20), protocolVersion }),
      ).toBe(true);
      expect(
        await refused(url, { username: DEVICE, password: 'not-the-password-1234', protocolVersion }),
      ).toBe(true);
      expect(await refused(url, { protocolVersion })).toBe(true);
    });

    test('over TLS a device certificate is its identity; no certificate is refused', async () => {
      expect(await refused(tlsUrl, { ca: readFileSync(server.caFile), protocolVersion })).toBe(true);
      const edge = cred('edge.gangnam.edge-gangnam');
      const watcher = await connect(url, {
        username: edge.username,
        password: edge.password,
        protocolVersion,
      });
      const got: string[] = [];
      watcher.on('message', (topic) => got.push(topic));
      await watcher.subscribeAsync('its/v1/gangnam/det/#', { qos: 1 });
      // Under another device's id: not delivered (aedes closes the connection, Mosquitto drops it).
      const spoofer = await connect(tlsUrl, { ...withCert(device), protocolVersion });
      spoofer.publish(`its/v1/gangnam/det/${OTHER_DEVICE_ID}`, 'spoof', { qos: 0 });
      const honest = await connect(tlsUrl, { ...withCert(device), protocolVersion });
      await honest.publishAsync('its/v1/gangnam/det/det-n-sb-0', 'own', { qos: 1 });
      await expect.poll(() => got).toEqual(['its/v1/gangnam/det/det-n-sb-0']);
    });

    test('a device subscribing to its/# receives nothing', async () => {
      const d = cred(DEVICE);
      const nosy = await connect(url, { username: d.username, password: d.password, protocolVersion });
      const got: string[] = [];
      nosy.on('message', (topic) => got.push(topic));
      await nosy.subscribeAsync('its/#', { qos: 0 }).catch(() => undefined);
      const other = cred(`det.gangnam.${OTHER_DEVICE_ID}`);
      const publisher = await connect(url, {
        username: other.username,
        password: other.password,
        protocolVersion,
      });
      await publisher.publishAsync(`its/v1/gangnam/det/${OTHER_DEVICE_ID}`, 'traffic', { qos: 1 });
      // Give a wrongly granted subscription time to deliver: nothing may arrive.
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual([]);
    });
  });
}

commandContract('Mosquitto with its broker config --tls-*', async () => {
  const [port, tlsPort] = [await freePort(), await freePort()];
  const printed = await its([
    'broker',
    'config',
    '--scenario',
    MINI_SCENARIO_PATH,
    '--out',
    out,
    '--port',
    String(port),
    '--tls-cert',
    server.certFile,
    '--tls-key',
    server.keyFile,
    '--tls-ca',
    server.caFile,
    '--tls-port',
    String(tlsPort),
    '--tls-require-client-cert',
  ]);
  expect(printed).toMatch(/TLS listener on port \d+ \(client certificate = identity\)/);
  expect(printed).not.toMatch(/"password"/);
  credentials = readCredentials(join(out, 'credentials.json'));
  const conf = readFileSync(join(out, 'mosquitto.conf'), 'utf8');
  for (const line of [
    `listener ${tlsPort} 127.0.0.1`,
    `cafile ${server.caFile}`,
    `certfile ${server.certFile}`,
    `keyfile ${server.keyFile}`,
    'require_certificate true',
    'use_identity_as_username true',
  ])
    expect(conf).toContain(line);
  // Run as the current user so Mosquitto can read the 0600 files it was given.
  writeFileSync(join(out, 'test.conf'), `${conf}user ${process.env['USER'] ?? 'root'}\n`);
  await startUntil(
    'mosquitto',
    ['-v', '-c', join(out, 'test.conf')],
    new RegExp(`Opening ipv4 listen socket on port ${tlsPort}`),
  );
  // Mosquitto prints the listeners just before it accepts connections.
  await new Promise((r) => setTimeout(r, 200));
  return { url: `mqtt://127.0.0.1:${port}`, tlsUrl: `mqtts://127.0.0.1:${tlsPort}`, protocolVersion: 5 };
});

commandContract('its broker run --credentials --tls-*', async () => {
  const run = await startUntil(
    process.execPath,
    [
      'bin/its.mjs',
      'broker',
      'run',
      '--port',
      '0',
      '--credentials',
      join(out, 'credentials.json'),
      '--tls-cert',
      server.certFile,
      '--tls-key',
      server.keyFile,
      '--tls-ca',
      server.caFile,
      '--tls-port',
      '0',
      '--tls-require-client-cert',
    ],
    /MQTT over TLS on mqtts:\/\/\S+/,
  );
  expect(run.output()).toMatch(/device-id binding enforced/);
  const url = /listening on (mqtt:\/\/\S+)/.exec(run.output())?.[1] ?? '';
  const tlsUrl = /TLS on (mqtts:\/\/\S+)/.exec(run.output())?.[1] ?? '';
  return { url, tlsUrl, protocolVersion: 4 };
});

test('its broker run binds the device id inside a message to the certificate identity', async () => {
  const run = await startUntil(
    process.execPath,
    [
      'bin/its.mjs',
      'broker',
      'run',
      '--port',
      '0',
      '--credentials',
      join(out, 'credentials.json'),
      '--tls-cert',
      server.certFile,
      '--tls-key',
      server.keyFile,
      '--tls-ca',
      server.caFile,
      '--tls-port',
      '0',
      '--tls-require-client-cert',
    ],
    /MQTT over TLS on mqtts:\/\/\S+/,
  );
  const url = /listening on (mqtt:\/\/\S+)/.exec(run.output())?.[1] ?? '';
  const tlsUrl = /TLS on (mqtts:\/\/\S+)/.exec(run.output())?.[1] ?? '';
  const edge = cred('edge.gangnam.edge-gangnam');
  const watcher = await connect(url, { username: edge.username, password: edge.password });
  const got: string[] = [];
  watcher.on('message', (_topic, payload) => got.push(payload.toString()));
  await watcher.subscribeAsync('its/v1/gangnam/det/#', { qos: 1 });
  const spoofer = await connect(tlsUrl, withCert(device));
  const closed = new Promise<void>((r) => spoofer.once('close', () => r()));
  spoofer.publish(
    'its/v1/gangnam/det/det-n-sb-0',
    JSON.stringify({ kind: 'det.report', deviceId: OTHER_DEVICE_ID }),
    { qos: 1 },
  );
  await closed;
  const honest = await connect(tlsUrl, withCert(device));
  await honest.publishAsync(
    'its/v1/gangnam/det/det-n-sb-0',
    JSON.stringify({ kind: 'det.report', deviceId: 'det-n-sb-0' }),
    { qos: 1 },
  );
  await expect.poll(() => got.length).toBe(1);
  expect(got[0]).toContain('"deviceId":"det-n-sb-0"');
}, 30_000);

test('TLS flags are checked before anything starts', async () => {
  await expect(its(['broker', 'run', '--port', '0', '--tls-cert', server.certFile])).rejects.toThrow(
    /--tls-key/,
  );
  await expect(
    its([
      'broker',
      'run',
      '--port',
      '0',
      '--tls-cert',
      server.certFile,
      '--tls-key',
      server.keyFile,
      '--tls-require-client-cert',
    ]),
  ).rejects.toThrow(/--tls-ca/);
  await expect(
    its([
      'broker',
      'config',
      '--scenario',
      MINI_SCENARIO_PATH,
      '--out',
      join(dir, 'x'),
      '--tls-cert',
      server.certFile,
      '--tls-key',
      server.keyFile,
    ]),
  ).rejects.toThrow(/--tls-ca/);
}, 30_000);
