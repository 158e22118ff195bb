/**
 * @module bin/commands/pki.int.test
 * `createOpcuaPki` (behind `its pki opcua`): a controller server that refuses unknown clients accepts
 * the edge's certificate the command trusted, and refuses a client with a certificate of its own.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageSecurityMode, OPCUACertificateManager, OPCUAClient, SecurityPolicy } from 'node-opcua';
import { afterAll, beforeAll, expect, test } from 'vitest';
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
  server = await startOpcuaServer([], {
    port: await freePort(),
    pkiDir: pki.controllerPkiDir,
    users: [{ username: 'edge', password: 'edge-password-1', role: 'operator' }],
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
