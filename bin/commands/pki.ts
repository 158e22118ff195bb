/**
 * @module bin/commands/pki
 * `its pki init --out <dir>`: a local certificate authority for a test deployment.
 * `its pki issue --ca <dir> --name <cn> [--dns <name>...] [--ip <addr>...] [--out <dir>]`: a server or
 * device certificate signed by it; for a device, the common name is its MQTT identity
 * (`det.gangnam.D-101`), which the broker's TLS listener maps to that identity.
 * `its pki opcua --out <dir> [--host <name>]`: the signal controllers' and edges' OPC UA certificates,
 * each trusted by the other (`<dir>/controller` and `<dir>/edge` are their `--pki` folders).
 * Private keys are written with mode 0600 and never printed.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../core/index.ts';
import { initCa, issueCertificate } from '../../broker/index.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function days(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 36_500)
    throw new ConfigError(option, `must be 1-36500 days, got ${text}`);
  return n;
}

async function init(opts: { out: string; cn?: string; days?: string }): Promise<void> {
  const d = days(opts.days, '--days');
  const cert = await initCa(opts.out, {
    ...(opts.cn === undefined ? {} : { commonName: opts.cn }),
    ...(d === undefined ? {} : { days: d }),
  });
  process.stdout.write(
    `CA certificate: ${cert}\nCA private key (secret, mode 0600) beside it; keep it off devices.\n`,
  );
}

async function issue(opts: {
  ca: string;
  name: string;
  dns: string[];
  ip: string[];
  out?: string;
  days?: string;
}): Promise<void> {
  const d = days(opts.days, '--days');
  const c = await issueCertificate(opts.ca, {
    name: opts.name,
    dns: opts.dns,
    ip: opts.ip,
    ...(opts.out === undefined ? {} : { outDir: opts.out }),
    ...(d === undefined ? {} : { days: d }),
  });
  process.stdout.write(
    `certificate: ${c.certFile}\nprivate key (secret, mode 0600): ${c.keyFile}\nCA: ${c.caFile}\n`,
  );
}

async function opcua(opts: { out: string; host: string; days?: string }): Promise<void> {
  const d = days(opts.days, '--days');
  // node-opcua loads only for this subcommand.
  const { createOpcuaPki } = await import('../../broker/tls/adapters/opcua/index.ts');
  const pki = await createOpcuaPki(opts.out, {
    controllerHost: opts.host,
    ...(d === undefined ? {} : { days: d }),
  });
  const state = (created: boolean): string => (created ? 'created' : 'kept');
  process.stdout.write(
    `controller PKI (its controller --pki): ${pki.controllerPkiDir} (${state(pki.created.controller)})\n` +
      `edge PKI (its edge --pki): ${pki.edgePkiDir} (${state(pki.created.edge)})\n` +
      'each trusts the other; run the controllers without trusting unknown clients.\n',
  );
}

export function register(program: Command): void {
  const pki = program
    .command('pki')
    .description('certificates for TLS (MQTT) and OPC UA in a test deployment');
  pki
    .command('init')
    .description('create a local certificate authority')
    .requiredOption('--out <dir>', 'folder for ca.crt and ca.key')
    .option('--cn <name>', 'common name of the CA', 'its local test CA')
    .option('--days <n>', 'validity in days', '3650')
    .action(init);
  pki
    .command('issue')
    .description('issue a server or device certificate signed by the local CA')
    .requiredOption('--ca <dir>', 'folder of the CA (its pki init)')
    .requiredOption('--name <cn>', 'common name: an MQTT identity such as det.gangnam.D-101, or a host')
    .option('--dns <name>', 'DNS subject alternative name (repeatable)', collect, [])
    .option('--ip <addr>', 'IP subject alternative name (repeatable)', collect, [])
    .option('--out <dir>', 'folder for <name>.crt and <name>.key (default: the CA folder)')
    .option('--days <n>', 'validity in days', '825')
    .action(issue);
  pki
    .command('opcua')
    .description("create the controllers' and edges' OPC UA certificates, each trusted by the other")
    .requiredOption('--out <dir>', 'folder for controller/ and edge/ PKI folders')
    .option('--host <name>', "host name in the controllers' endpoint URL", 'localhost')
    .option('--days <n>', 'validity in days', '365')
    .action(opcua);
}
