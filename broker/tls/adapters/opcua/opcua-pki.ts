/**
 * @module broker/tls/adapters/opcua/opcua-pki
 * OPC UA application certificates created and trusted by command (issue 11), not by clicking through
 * "trust on first use": a PKI folder for the signal controllers' server and one for the edges' client,
 * in node-opcua's layout (`own/certs`, `own/private`, `trusted/certs`, ...), each trusting the other's
 * certificate (OPC UA Part 4 §6.1.3: the application instance certificate is checked against the trust
 * list). The servers can then run with unknown clients refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getHostname, makeApplicationUrn, OPCUACertificateManager } from 'node-opcua';

/** Options of {@link createOpcuaPki}. */
export type OpcuaPkiOptions = {
  /** Host name in the controller's endpoint URL and application URI. Default `localhost`. */
  readonly controllerHost?: string;
  /** Validity, days. Default 365. */
  readonly days?: number;
};

/** What {@link createOpcuaPki} wrote. */
export type OpcuaPki = {
  /** `pkiDir` for the controller processes (`its controller --pki`). */
  readonly controllerPkiDir: string;
  /** `pkiDir` for the edges (`its edge --pki`). */
  readonly edgePkiDir: string;
  readonly controllerCertFile: string;
  readonly edgeCertFile: string;
  /** False for a side whose certificate already existed and was kept. */
  readonly created: { readonly controller: boolean; readonly edge: boolean };
};

/** The application URI node-opcua gives the edge's client (`applicationName: 'its-edge'`). */
export function edgeApplicationUri(): string {
  return makeApplicationUrn(getHostname(), 'its-edge');
}

/** The application URI of the controllers' server for a host name (see controllers/adapters/opcua). */
export function controllerApplicationUri(host: string): string {
  return `urn:${host}:its:signal-controller`;
}

function pemToDer(file: string): Buffer {
  const text = readFileSync(file, 'utf8');
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  if (m === null) throw new Error(`${file} holds no PEM certificate`);
  return Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64');
}

async function ownCertificate(
  rootFolder: string,
  fileName: string,
  params: { subject: string; applicationUri: string; dns: string[]; days: number },
): Promise<{ cm: OPCUACertificateManager; certFile: string; created: boolean }> {
  const cm = new OPCUACertificateManager({ rootFolder, automaticallyAcceptUnknownCertificate: false });
  await cm.initialize();
  const certFile = join(cm.rootDir, 'own', 'certs', fileName);
  if (existsSync(certFile)) return { cm, certFile, created: false };
  await cm.createSelfSignedCertificate({
    outputFile: certFile,
    subject: params.subject,
    applicationUri: params.applicationUri,
    dns: params.dns,
    startDate: new Date(),
    validity: params.days,
  });
  return { cm, certFile, created: true };
}

/**
 * Create (or keep) the controller's and the edge's certificates under `outDir/controller` and
 * `outDir/edge`, and put each in the other's trust list. Safe to run again.
 */
export async function createOpcuaPki(outDir: string, options: OpcuaPkiOptions = {}): Promise<OpcuaPki> {
  const out = resolve(outDir);
  const host = options.controllerHost ?? 'localhost';
  const days = options.days ?? 365;
  const controller = await ownCertificate(join(out, 'controller'), 'certificate.pem', {
    subject: '/CN=its signal controller/O=its',
    applicationUri: controllerApplicationUri(host),
    dns: [host],
    days,
  });
  const edge = await ownCertificate(join(out, 'edge'), 'client_certificate.pem', {
    subject: '/CN=its edge/O=its',
    applicationUri: edgeApplicationUri(),
    dns: [getHostname()],
    days,
  });
  try {
    await controller.cm.trustCertificate(pemToDer(edge.certFile));
    await edge.cm.trustCertificate(pemToDer(controller.certFile));
  } finally {
    await controller.cm.dispose();
    await edge.cm.dispose();
  }
  return {
    controllerPkiDir: controller.cm.rootDir,
    edgePkiDir: edge.cm.rootDir,
    controllerCertFile: controller.certFile,
    edgeCertFile: edge.certFile,
    created: { controller: controller.created, edge: edge.created },
  };
}

/**
 * Give an OPC UA client (an edge) its application certificate in `clientPkiDir` (created if missing,
 * where node-opcua's client looks for it: `own/certs/client_certificate.pem`) and put it in the
 * server's trust list in `serverPkiDir`, so a server refusing unknown clients accepts this one. Safe
 * to run again.
 */
export async function trustOpcuaClient(
  serverPkiDir: string,
  clientPkiDir: string,
  options: { readonly days?: number } = {},
): Promise<{ readonly certFile: string; readonly created: boolean }> {
  const client = await ownCertificate(resolve(clientPkiDir), 'client_certificate.pem', {
    subject: '/CN=its edge/O=its',
    applicationUri: edgeApplicationUri(),
    dns: [getHostname()],
    days: options.days ?? 365,
  });
  const server = new OPCUACertificateManager({
    rootFolder: resolve(serverPkiDir),
    automaticallyAcceptUnknownCertificate: false,
  });
  try {
    await server.initialize();
    await server.trustCertificate(pemToDer(client.certFile));
  } finally {
    await server.dispose();
    await client.cm.dispose();
  }
  return { certFile: client.certFile, created: client.created };
}

/**
 * Put the certificate of an OPC UA server whose PKI is in `serverPkiDir` (`own/certs/certificate.pem`,
 * written by `createOpcuaPki` or by the server at its first start) in the trust list of the client PKI
 * in `clientPkiDir`, so a client refusing unknown servers connects to this one. Safe to run again.
 */
export async function trustOpcuaServer(clientPkiDir: string, serverPkiDir: string): Promise<void> {
  const certFile = join(resolve(serverPkiDir), 'own', 'certs', 'certificate.pem');
  if (!existsSync(certFile))
    throw new Error(`no OPC UA server certificate at ${certFile}; start the server first`);
  const client = new OPCUACertificateManager({
    rootFolder: resolve(clientPkiDir),
    automaticallyAcceptUnknownCertificate: false,
  });
  try {
    await client.initialize();
    await client.trustCertificate(pemToDer(certFile));
  } finally {
    await client.dispose();
  }
}
