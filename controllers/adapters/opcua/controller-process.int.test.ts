/**
 * @module controllers/adapters/opcua/controller-process.int.test
 * Integration: an `its controller` process with a real OPC UA client session and an embedded aedes broker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttributeIds,
  ClientMonitoredItem,
  ClientSubscription,
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  StatusCodes,
  TimestampsToReturn,
  UserTokenType,
  type ClientSession,
  type DataValue,
} from 'node-opcua';
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MINI_SCENARIO_PATH, parseMessage } from '../../../core/index.ts';
import { OPCUA_NAMESPACE_URI, opcuaPath } from '../../../core/opcua/index.ts';
import { startBroker, type Broker } from '../mqtt/test-broker.ts';

const dir = mkdtempSync(join(tmpdir(), 'its-ctl-int-'));
const ID = 'gangnam-stn';
let proc: ChildProcess;
let broker: Broker;
let endpoint = '';
let client: OPCUAClient;
let secure: OPCUAClient;
let ns = 0;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The mini scenario with short, pedestrian-free timings and fixed-time control. */
function writeScenario(): string {
  const doc = JSON.parse(readFileSync(MINI_SCENARIO_PATH, 'utf8')) as {
    intersections: { mode: string; control: { phases: Record<string, unknown>[] } }[];
  };
  for (const x of doc.intersections) {
    x.mode = 'fixed';
    for (const p of x.control.phases) {
      p.minGreenS = 4;
      p.yellowS = 3;
      p.redClearS = 1;
      delete p.walkS;
      delete p.pedClearS;
    }
  }
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

const node = (path: string): string => `ns=${ns};s=${path}`;

async function read(session: ClientSession, path: string): Promise<unknown> {
  const dv = await session.read({ nodeId: node(path), attributeId: AttributeIds.Value });
  return dv.value.value;
}

beforeAll(async () => {
  broker = await startBroker();
  const port = await freePort();
  proc = spawn(
    process.execPath,
    [
      'bin/its.mjs',
      'controller',
      '--scenario',
      writeScenario(),
      '--opcua-port',
      String(port),
      '--mqtt',
      broker.url,
      '--pki',
      join(dir, 'pki'),
      // This test is about roles, not certificates: its client has a throwaway certificate.
      '--trust-unknown-clients',
    ],
    {
      env: { ...process.env, ITS_OPCUA_USERS: 'op:s3cret:operator,viewer:pw:observer' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /opcua (\S+)/.exec(out);
      if (m?.[1] !== undefined && out.includes('ready')) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`controller exited ${code}: ${out}`)));
  });
  const clientPki = new OPCUACertificateManager({
    rootFolder: join(dir, 'client-pki'),
    automaticallyAcceptUnknownCertificate: true,
  });
  client = OPCUAClient.create({
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 2 },
    clientCertificateManager: clientPki,
  });
  secure = OPCUAClient.create({
    endpointMustExist: false,
    connectionStrategy: { maxRetry: 2 },
    securityMode: MessageSecurityMode.SignAndEncrypt,
    securityPolicy: SecurityPolicy.Basic256Sha256,
    clientCertificateManager: clientPki,
  });
  await client.connect(endpoint);
  await secure.connect(endpoint);
  const session = await client.createSession();
  ns = (await session.readNamespaceArray()).indexOf(OPCUA_NAMESPACE_URI);
  await session.close();
}, 120_000);

afterAll(async () => {
  await client?.disconnect();
  await secure?.disconnect();
  proc?.kill('SIGTERM');
  await broker?.stop();
});

test('an anonymous session browses, subscribes to phase state, and is refused writes and commands', async () => {
  const session = await client.createSession();
  expect(ns).toBeGreaterThan(0);
  const browsed = await session.browse(node(opcuaPath.intersections));
  expect(browsed.references?.map((r) => r.browseName.name)).toContain(ID);
  const groups = await session.browse(node(opcuaPath.groups(ID)));
  expect(groups.references?.map((r) => r.browseName.name).sort()).toEqual(['1', '2', '4', '5', '6', '8']);

  const sub = ClientSubscription.create(session, {
    requestedPublishingInterval: 100,
    publishingEnabled: true,
  });
  const item = ClientMonitoredItem.create(
    sub,
    { nodeId: node(opcuaPath.groupState(ID, 2)), attributeId: AttributeIds.Value },
    { samplingInterval: 100, queueSize: 10, discardOldest: true },
    TimestampsToReturn.Both,
  );
  const first = await new Promise<DataValue>((resolve) => item.once('changed', resolve));
  expect(['G', 'g', 'y', 'r']).toContain(first.value.value);

  const write = await session.write({
    nodeId: node(opcuaPath.groupTiming(ID, 2, 'MinGreen')),
    attributeId: AttributeIds.Value,
    value: { value: { dataType: DataType.Double, value: 20 } },
  });
  expect(write.name).toBe('BadUserAccessDenied');
  const call = await session.call({
    objectId: node(opcuaPath.intersection(ID)),
    methodId: node(opcuaPath.method(ID, 'Hold')),
    inputArguments: [
      { dataType: DataType.String, value: '2' },
      { dataType: DataType.Boolean, value: true },
    ],
  });
  expect(call.statusCode.name).toBe('BadUserAccessDenied');
  expect(await read(session, opcuaPath.groupTiming(ID, 2, 'MinGreen'))).toBe(4);
  expect(await read(session, opcuaPath.mode(ID))).toBe('fixed');
  await sub.terminate();
  await session.close();
}, 60_000);

test('an operator is refused a session over an unsigned channel; an observer may read over it', async () => {
  // Over None nothing protects a session's commands on the way: operators sign in only over Sign or
  // SignAndEncrypt (the password itself is encrypted with the server's certificate either way).
  await expect(
    client.createSession({ type: UserTokenType.UserName, userName: 'op', password: 's3cret' }),
  ).rejects.toThrow(/BadUserAccessDenied|BadIdentityTokenRejected|BadIdentityTokenInvalid/);
  const viewer = await client.createSession({
    type: UserTokenType.UserName,
    userName: 'viewer',
    password: 'pw',
  });
  expect(await read(viewer, opcuaPath.mode(ID))).toBe('fixed');
  await viewer.close();
}, 60_000);

test('an operator over SignAndEncrypt forces off a phase, which ends only after its minimum green', async () => {
  const session = await secure.createSession({
    type: UserTokenType.UserName,
    userName: 'op',
    password: 's3cret',
  });
  const callAll = async (): Promise<void> => {
    for (const u of ['1', '2', '4', '5', '6', '8'])
      await session.call({
        objectId: node(opcuaPath.intersection(ID)),
        methodId: node(opcuaPath.method(ID, 'Call')),
        inputArguments: [{ dataType: DataType.String, value: u }],
      });
  };
  // A force-off ends a green only towards a conflicting call (NEMA): call every phase first.
  const forceOff = async (unit: string): Promise<boolean> => {
    await callAll();
    const r = await session.call({
      objectId: node(opcuaPath.intersection(ID)),
      methodId: node(opcuaPath.method(ID, 'ForceOff')),
      inputArguments: [{ dataType: DataType.String, value: unit }],
    });
    if (!r.statusCode.isGood()) console.log('ForceOff', unit, r.statusCode.name);
    return r.statusCode.isGood();
  };
  // A bad write changes nothing: a minimum green below the safe minimum, an unknown phase.
  const low = await session.write({
    nodeId: node(opcuaPath.groupTiming(ID, 2, 'MinGreen')),
    attributeId: AttributeIds.Value,
    value: { value: { dataType: DataType.Double, value: 1 } },
  });
  expect(low.name).toBe('BadOutOfRange');
  const unknown = await session.call({
    objectId: node(opcuaPath.intersection(ID)),
    methodId: node(opcuaPath.method(ID, 'Call')),
    inputArguments: [{ dataType: DataType.String, value: '7' }],
  });
  expect(unknown.statusCode).toEqual(StatusCodes.BadNotFound);
  expect(await read(session, opcuaPath.groupTiming(ID, 2, 'MinGreen'))).toBe(4);

  // Force off whatever is green, then catch the next phase as it turns green and force it off at once.
  for (const u of (await read(session, opcuaPath.activeUnits(ID))) as string[]) await forceOff(u);
  // On a loaded machine the phase caught can leave green on its own before the force-off arrives
  // (six calls go first); the controller then refuses with BadInvalidState, and the test catches the
  // next one. A refusal while the phase is still green fails the test.
  let phase = 0;
  let minEnd = 0;
  for (let attempt = 0; attempt < 5 && phase === 0; attempt++) {
    let fresh: string | undefined;
    for (let i = 0; i < 200 && fresh === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const active = (await read(session, opcuaPath.activeUnits(ID))) as string[];
      for (const u of active) {
        const end = (await read(session, opcuaPath.groupMinEnd(ID, Number(u)))) as number;
        if (end > Date.now() + 1000) fresh = u;
      }
    }
    expect(fresh).toBeDefined();
    const caught = Number(fresh);
    const caughtMinEnd = (await read(session, opcuaPath.groupMinEnd(ID, caught))) as number;
    if (await forceOff(String(caught))) [phase, minEnd] = [caught, caughtMinEnd];
    else expect(await read(session, opcuaPath.groupState(ID, caught))).not.toBe('G');
  }
  expect(phase).toBeGreaterThan(0);
  expect(await read(session, opcuaPath.mode(ID))).toBe('external');
  let endedAt = 0;
  for (let i = 0; i < 400 && endedAt === 0; i++) {
    await new Promise((r) => setTimeout(r, 25));
    if ((await read(session, opcuaPath.groupState(ID, phase))) !== 'G') endedAt = Date.now();
  }
  expect(endedAt).toBeGreaterThan(0);
  expect(endedAt).toBeGreaterThanOrEqual(minEnd);
  expect(await read(session, opcuaPath.fault(ID))).toBe('');
  await session.close();
}, 60_000);

test('SPaT from the controller process arrives over MQTT and matches its OPC UA state', async () => {
  const session = await client.createSession();
  const sub = mqtt.connect(broker.url, { protocolVersion: 4 });
  const spats: ReturnType<typeof parseMessage>[] = [];
  await new Promise<void>((r) => sub.on('connect', () => r()));
  await sub.subscribeAsync(`its/v1/+/spat/${ID}`);
  sub.on('message', (_t, payload) => spats.push(parseMessage(payload)));
  let matched = false;
  for (let i = 0; i < 50 && !matched; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const last = spats.at(-1);
    if (last === undefined || !last.ok || last.message.kind !== 'spat') continue;
    const before = await Promise.all(
      last.message.groups.map((g) => read(session, opcuaPath.groupState(ID, g.signalGroup))),
    );
    const fromSpat = last.message.groups.map((g) =>
      g.state === 'protected-movement-allowed'
        ? 'G'
        : g.state === 'permissive-movement-allowed'
          ? 'g'
          : g.state === 'protected-clearance'
            ? 'y'
            : 'r',
    );
    matched = JSON.stringify(before) === JSON.stringify(fromSpat);
  }
  expect(matched).toBe(true);
  await new Promise((r) => setTimeout(r, 1000));
  expect(spats.length).toBeGreaterThan(5);
  expect(spats.every((s) => s.ok)).toBe(true);
  await sub.endAsync();
  await session.close();
}, 30_000);
