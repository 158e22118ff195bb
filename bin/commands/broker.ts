/**
 * @module bin/commands/broker
 * `its broker [run] [--host] [--port] [--credentials <file>] [--tls-cert <f> --tls-key <f> [--tls-ca <f>]
 * [--tls-port <p>] [--tls-require-client-cert]]` runs the embedded MQTT broker as its own process; a
 * taken port is refused with a message naming `--port` (the demo, instead, moves). With credentials
 * the broker enforces them, the per-device topic rules and the device id inside each message
 * (`--no-bind-payloads` turns the last off); with TLS files it also listens for mqtts, and with
 * `--tls-require-client-cert` a client certificate's common name is the client's identity.
 * `its broker config --scenario <s> --out <dir> [--tls-* ...]` writes credentials and the Mosquitto
 * password, ACL and config files enforcing the same per-device topic rules (and a TLS listener).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, loadScenario } from '../../core/index.ts';
import {
  accessPolicy,
  identitiesForScenario,
  issueCredentials,
  mosquittoAclFile,
  mosquittoConfig,
  mosquittoPasswordFile,
  PortTakenError,
  readCredentials,
  startEmbeddedBroker,
  writeCredentials,
  type BrokerTlsOptions,
  type MosquittoTlsListener,
} from '../../broker/index.ts';

function parsePort(flag: string, text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(flag, `must be an integer 0-65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

/** TLS flags shared by `run` and `config`. */
type TlsFlags = {
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  tlsPort: string;
  tlsRequireClientCert?: boolean;
};

function existingFile(flag: string, path: string): string {
  if (!existsSync(path)) throw new ConfigError(flag, `no such file ${path}`);
  return resolve(path);
}

/** The TLS listener the flags ask for, or undefined when no TLS flag is given. */
function tlsFromFlags(
  o: TlsFlags,
):
  | { certFile: string; keyFile: string; caFile?: string; port: number; requireClientCert: boolean }
  | undefined {
  const any = o.tlsCert !== undefined || o.tlsKey !== undefined || o.tlsCa !== undefined;
  if (!any) {
    if (o.tlsRequireClientCert === true)
      throw new ConfigError('--tls-require-client-cert', 'needs --tls-cert, --tls-key and --tls-ca');
    return undefined;
  }
  if (o.tlsCert === undefined) throw new ConfigError('--tls-cert', 'required with the other --tls-* options');
  if (o.tlsKey === undefined) throw new ConfigError('--tls-key', 'required with the other --tls-* options');
  const requireClientCert = o.tlsRequireClientCert === true;
  if (requireClientCert && o.tlsCa === undefined)
    throw new ConfigError(
      '--tls-ca',
      'required with --tls-require-client-cert (the CA client certificates chain to)',
    );
  return {
    certFile: existingFile('--tls-cert', o.tlsCert),
    keyFile: existingFile('--tls-key', o.tlsKey),
    ...(o.tlsCa === undefined ? {} : { caFile: existingFile('--tls-ca', o.tlsCa) }),
    port: parsePort('--tls-port', o.tlsPort),
    requireClientCert,
  };
}

type RunOpts = TlsFlags & { host: string; port: string; credentials?: string; bindPayloads: boolean };

async function run(opts: RunOpts): Promise<void> {
  const port = parsePort('--port', opts.port);
  const tls: BrokerTlsOptions | undefined = tlsFromFlags(opts);
  let auth;
  if (opts.credentials !== undefined) {
    auth = accessPolicy(readCredentials(existingFile('--credentials', opts.credentials)), {
      bindPayloads: opts.bindPayloads,
    });
  } else if (tls?.requireClientCert === true) {
    throw new ConfigError(
      '--credentials',
      'required with --tls-require-client-cert (who each certificate names)',
    );
  }
  let broker;
  try {
    broker = await startEmbeddedBroker({
      host: opts.host,
      port,
      whenPortTaken: 'fail',
      ...(auth ? { auth } : {}),
      ...(tls ? { tls } : {}),
    });
  } catch (err) {
    if (err instanceof PortTakenError) throw new ConfigError('--port', err.message, { cause: err });
    throw err;
  }
  const policy = auth
    ? `authentication, topic ACL${opts.bindPayloads ? ' and device-id binding' : ''} enforced`
    : 'anonymous, no ACL';
  process.stdout.write(`MQTT broker listening on ${broker.url} (${policy})\n`);
  if (broker.tlsUrl !== undefined)
    process.stdout.write(
      `MQTT over TLS on ${broker.tlsUrl} (${tls?.requireClientCert === true ? 'client certificate names the identity' : 'password over TLS'})\n`,
    );
  const stop = (): void => {
    void broker.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

type ConfigOpts = TlsFlags & { scenario: string; out: string; port: string; host: string };

function config(opts: ConfigOpts): void {
  const scenario = loadScenario(opts.scenario);
  const out = resolve(opts.out);
  const tlsFlags = tlsFromFlags(opts);
  if (tlsFlags !== undefined && tlsFlags.caFile === undefined)
    throw new ConfigError('--tls-ca', 'required for a Mosquitto TLS listener (cafile)');
  const tls: MosquittoTlsListener | undefined =
    tlsFlags === undefined
      ? undefined
      : {
          port: tlsFlags.port,
          caFile: tlsFlags.caFile as string,
          certFile: tlsFlags.certFile,
          keyFile: tlsFlags.keyFile,
          requireClientCert: tlsFlags.requireClientCert,
        };
  mkdirSync(out, { recursive: true });
  const credentialsPath = join(out, 'credentials.json');
  const credentials = issueCredentials(identitiesForScenario(scenario), readCredentials(credentialsPath));
  writeCredentials(credentialsPath, credentials);
  const passwordFile = join(out, 'mosquitto.passwd');
  const aclFile = join(out, 'mosquitto.acl');
  writeFileSync(passwordFile, mosquittoPasswordFile(credentials), { mode: 0o600 });
  writeFileSync(aclFile, mosquittoAclFile(credentials), { mode: 0o600 });
  writeFileSync(
    join(out, 'mosquitto.conf'),
    mosquittoConfig({
      port: parsePort('--port', opts.port),
      host: opts.host,
      passwordFile,
      aclFile,
      ...(tls === undefined ? {} : { tls }),
    }),
  );
  process.stdout.write(
    `${credentials.length} identities for scenario ${scenario.id}\n` +
      `  credentials (secret, mode 0600): ${credentialsPath}\n` +
      `  mosquitto: ${join(out, 'mosquitto.conf')} (password file and ACL beside it)\n` +
      (tls === undefined
        ? ''
        : `  TLS listener on port ${tls.port}${tls.requireClientCert === true ? ' (client certificate = identity)' : ''}\n`),
  );
}

function tlsOptions(command: Command): Command {
  return command
    .option('--tls-cert <file>', 'server certificate (PEM), e.g. from its pki issue')
    .option('--tls-key <file>', 'server private key (PEM)')
    .option('--tls-ca <file>', 'CA certificate (PEM) client certificates must chain to')
    .option('--tls-port <port>', 'MQTT over TLS port', '8883')
    .option(
      '--tls-require-client-cert',
      "require a client certificate; its common name is the client's identity",
    );
}

export function register(program: Command): void {
  const broker = program
    .command('broker')
    .description('the MQTT broker: run it, or write Mosquitto access files');
  tlsOptions(
    broker
      .command('run', { isDefault: true })
      .description('run the embedded MQTT 3.1.1 broker (aedes) on a TCP port')
      .option('--host <host>', 'interface to bind', '127.0.0.1')
      .option('--port <port>', 'TCP port (0 = any free port)', '1883')
      .option('--credentials <file>', 'enforce these credentials and the per-device topic rules')
      .option('--no-bind-payloads', 'with --credentials: do not check the device id inside each message'),
  ).action(run);
  tlsOptions(
    broker
      .command('config')
      .description("write credentials and Mosquitto password/ACL/config files from a scenario's devices")
      .requiredOption('--scenario <path>', 'scenario directory or file')
      .requiredOption('--out <dir>', 'directory for the generated files')
      .option('--host <host>', 'listener interface for mosquitto.conf', '127.0.0.1')
      .option('--port <port>', 'listener port for mosquitto.conf', '1883'),
  ).action(config);
}
