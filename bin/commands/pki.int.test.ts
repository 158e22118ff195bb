/**
 * @module bin/commands/pki.int.test
 * `createOpcuaPki` (behind `its pki opcua`): a controller server that refuses unknown clients accepts
 * the edge's certificate the command trusted, and refuses a client with a certificate of its own. Over
 * that secure channel, anonymous and observer sessions cannot call methods or write; an operator can.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttributeIds,
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  UserTokenType,
  type UserIdentityInfo,
} from 'node-opcua';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH } from '../../core/index.ts';
import { OPCUA_NAMESPACE_URI, opcuaPath } from '../../core/opcua/index.ts';
import { createController } from '../../controllers/index.ts';
import { startOpcuaServer, type OpcuaServerHandle } from '../../controllers/adapters/opcua/index.ts';
import { createOpcuaPki, type OpcuaPki } from '../../broker/tls/adapters/opcua/index.ts';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const dir = mkdtempSync(join(tmpdir(), 'its-opcua-pki-'));
let pki: OpcuaPki;
let server: OpcuaServerHandle;

beforeAll(async () => {
  pki = await createOpcuaPki(join(dir, 'pki'));
  const intersection = loadScenario(MINI_SCENARIO_PATH).intersections[0];
  if (intersection === undefined) throw new Error('mini scenario has no intersection');
  server = await startOpcuaServer([createController(intersection, { watchdogTimeoutS: 30 })], {
    port: await freePort(),
    pkiDir: pki.controllerPkiDir,
    users: [
      { username: 'edge', password: 'edge-password-1', role: 'operator' },
      { username: 'viewer', password: 'viewer-password-1', role: 'observer' },
    ],
    trustUnknownClients: false,
  });
}, 90_000);

afterAll(async () => {
  await server.stop();
});

const der = (pemFile: string): Buffer =>
  Buffer.from(readFileSync(pemFile, 'utf8').replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');

/**
 * Open a SignAndEncrypt session with the client PKI in `pkiDir`; true when it succeeds. With
 * `trustServer` the client trusts the controller first, so a refusal can only be the server's.
 */
async function signAndEncrypt(pkiDir: string, trustServer = false): Promise<boolean> {
  const clientCertificateManager = new OPCUACertificateManager({
    rootFolder: pkiDir,
    automaticallyAcceptUnknownCertificate: false,
  });
  if (trustServer) {
    await clientCertificateManager.initialize();
    await clientCertificateManager.trustCertificate(der(pki.controllerCertFile));
  }
  const client = OPCUAClient.create({
    applicationName: 'its-edge',
    endpointMustExist: false,
    securityMode: MessageSecurityMode.SignAndEncrypt,
    securityPolicy: SecurityPolicy.Basic256Sha256,
    clientCertificateManager,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
  });
  try {
    await client.connect(server.endpointUrl);
    const session = await client.createSession();
    await session.close();
    return true;
  } catch {
    return false;
  } finally {
    await client.disconnect().catch(() => {});
    await clientCertificateManager.dispose();
  }
}

test('the edge certificate the command trusted opens a secure session', async () => {
  expect(await signAndEncrypt(pki.edgePkiDir)).toBe(true);
}, 60_000);

test('a client certificate nobody trusted is refused', async () => {
  expect(await signAndEncrypt(join(dir, 'stranger'), true)).toBe(false);
}, 60_000);

test('running the command again keeps the certificates', async () => {
  const again = await createOpcuaPki(join(dir, 'pki'));
  expect(again.created).toEqual({ controller: false, edge: false });
}, 60_000);

/** Call `Call(unit 2)` and write a timing as `who` over SignAndEncrypt with the edge's certificate. */
async function callAndWrite(who: UserIdentityInfo): Promise<{ call: string; write: string }> {
  const clientCertificateManager = new OPCUACertificateManager({
    rootFolder: pki.edgePkiDir,
    automaticallyAcceptUnknownCertificate: false,
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
    await client.connect(server.endpointUrl);
    const session = await client.createSession(who);
    const ns = (await session.readNamespaceArray()).indexOf(OPCUA_NAMESPACE_URI);
    const id = 'gangnam-stn';
    const call = await session.call({
      objectId: `ns=${ns};s=${opcuaPath.intersection(id)}`,
      methodId: `ns=${ns};s=${opcuaPath.method(id, 'Call')}`,
      inputArguments: [{ dataType: DataType.String, value: '2' }],
    });
    const write = await session.write({
      nodeId: `ns=${ns};s=${opcuaPath.groupTiming(id, 2, 'MinGreen')}`,
      attributeId: AttributeIds.Value,
      value: { value: { dataType: DataType.Double, value: 6 } },
    });
    await session.close();
    return { call: call.statusCode.name, write: write.name };
  } finally {
    await client.disconnect().catch(() => {});
    await clientCertificateManager.dispose();
  }
}

test('anonymous and observer sessions cannot call methods or write; an operator can', async () => {
  const denied = { call: 'BadUserAccessDenied', write: 'BadUserAccessDenied' };
  expect(await callAndWrite({ type: UserTokenType.Anonymous })).toEqual(denied);
  expect(
    await callAndWrite({ type: UserTokenType.UserName, userName: 'viewer', password: 'viewer-password-1' }),
  ).toEqual(denied);
  expect(
    await callAndWrite({ type: UserTokenType.UserName, userName: 'edge', password: 'edge-password-1' }),
  ).toEqual({ call: 'Good', write: 'Good' });
}, 60_000);
