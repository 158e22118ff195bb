/**
 * @module broker/tls/openssl-pki
 * A local certificate authority for a test deployment (issue 11), driven through the `openssl` CLI
 * (OpenSSL 3 on these machines): `initCa` creates a self-signed CA, `issueCertificate` a P-256 key and
 * a certificate signed by it for a server or device, its common name being the MQTT identity
 * (`det.gangnam.D-101`). Private keys are written with mode 0600 and never printed.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../core/index.ts';

/** File names inside a CA folder. */
export const CA_FILES = Object.freeze({ cert: 'ca.crt', key: 'ca.key' });

/** Paths of an issued certificate. */
export type IssuedCertificate = {
  readonly certFile: string;
  readonly keyFile: string;
  readonly caFile: string;
};

/** Options of {@link issueCertificate}. */
export type IssueOptions = {
  /** Common name: an MQTT identity or a host name; 1-64 of A-Z a-z 0-9 . _ - */
  readonly name: string;
  readonly dns?: readonly string[];
  readonly ip?: readonly string[];
  /** Folder for `<name>.crt` and `<name>.key`. Default the CA folder. */
  readonly outDir?: string;
  /** Validity, days. Default 825 (the CA/Browser Forum ceiling for server certificates until 2020). */
  readonly days?: number;
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DNS = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/;

function openssl(args: readonly string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile('openssl', args, { timeout: 30_000 }, (err, _stdout, stderr) => {
      if (err === null) return resolvePromise();
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(
          new ConfigError('openssl', 'the openssl command is not installed; install OpenSSL 3', {
            cause: err,
          }),
        );
      } else
        reject(
          new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim().split('\n')[0] ?? ''}`, { cause: err }),
        );
    });
  });
}

function withConfig<T>(text: string, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'its-pki-'));
  const file = join(dir, 'openssl.cnf');
  writeFileSync(file, text);
  return fn(file).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const serial = (): string =>
  `0x${randomBytes(16)
    .toString('hex')
    .replace(/^[89a-f]/, '7')}`;

/** Create a CA in `dir` (`ca.crt`, `ca.key`). Refuses to overwrite an existing CA. */
export async function initCa(
  dir: string,
  options: { commonName?: string; days?: number } = {},
): Promise<string> {
  const out = resolve(dir);
  const cert = join(out, CA_FILES.cert);
  const key = join(out, CA_FILES.key);
  if (existsSync(key)) throw new ConfigError('--out', `${out} already holds a CA; choose another folder`);
  mkdirSync(out, { recursive: true });
  const cn = options.commonName ?? 'its local test CA';
  const config = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    `CN = ${cn}`,
    '[v3_ca]',
    'basicConstraints = critical, CA:TRUE, pathlen:0',
    'keyUsage = critical, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
  ].join('\n');
  await withConfig(config, (cnf) =>
    openssl([
      'req',
      '-x509',
      '-new',
      '-config',
      cnf,
      '-extensions',
      'v3_ca',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      String(options.days ?? 3650),
      '-set_serial',
      serial(),
    ]),
  );
  chmodSync(key, 0o600);
  return cert;
}

/** Issue a certificate for `name` signed by the CA in `caDir`, usable as TLS server and client. */
export async function issueCertificate(caDir: string, options: IssueOptions): Promise<IssuedCertificate> {
  const ca = resolve(caDir);
  const caFile = join(ca, CA_FILES.cert);
  const caKey = join(ca, CA_FILES.key);
  if (!existsSync(caFile) || !existsSync(caKey)) {
    throw new ConfigError(
      '--ca',
      `${ca} holds no CA (${CA_FILES.cert}, ${CA_FILES.key}); run its pki init first`,
    );
  }
  if (!NAME.test(options.name))
    throw new ConfigError('--name', 'must be 1-64 of A-Z a-z 0-9 . _ - starting with a letter or digit');
  for (const d of options.dns ?? [])
    if (!DNS.test(d)) throw new ConfigError('--dns', `not a host name: ${d}`);
  for (const ip of options.ip ?? [])
    if (isIP(ip) === 0) throw new ConfigError('--ip', `not an IP address: ${ip}`);
  const outDir = resolve(options.outDir ?? ca);
  mkdirSync(outDir, { recursive: true });
  const certFile = join(outDir, `${options.name}.crt`);
  const keyFile = join(outDir, `${options.name}.key`);
  const san = [...(options.dns ?? []).map((d) => `DNS:${d}`), ...(options.ip ?? []).map((i) => `IP:${i}`)];
  const config = [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    `CN = ${options.name}`,
    '[v3_leaf]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyAgreement',
    'extendedKeyUsage = serverAuth, clientAuth',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    ...(san.length > 0 ? [`subjectAltName = ${san.join(', ')}`] : []),
  ].join('\n');
  await withConfig(config, async (cnf) => {
    const csr = `${cnf}.csr`;
    await openssl([
      'req',
      '-new',
      '-config',
      cnf,
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      csr,
    ]);
    chmodSync(keyFile, 0o600);
    await openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caFile,
      '-CAkey',
      caKey,
      '-set_serial',
      serial(),
      '-days',
      String(options.days ?? 825),
      '-extfile',
      cnf,
      '-extensions',
      'v3_leaf',
      '-out',
      certFile,
    ]);
  });
  return { certFile, keyFile, caFile };
}
