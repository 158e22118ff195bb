/**
 * @module bin/commands/broker
 * `its broker [run] [--host] [--port] [--credentials <file>]` runs the embedded MQTT broker as its own
 * process; a taken port is refused with a message naming `--port` (the demo, instead, moves).
 * `its broker config --scenario <s> --out <dir>` writes credentials and the Mosquitto password, ACL and
 * config files enforcing the same per-device topic rules.
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
} from '../../broker/index.ts';

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('--port', `must be an integer 0-65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

async function run(opts: { host: string; port: string; credentials?: string }): Promise<void> {
  const port = parsePort(opts.port);
  let auth;
  if (opts.credentials !== undefined) {
    if (!existsSync(opts.credentials))
      throw new ConfigError('--credentials', `no such file ${opts.credentials}`);
    auth = accessPolicy(readCredentials(opts.credentials));
  }
  let broker;
  try {
    broker = await startEmbeddedBroker({
      host: opts.host,
      port,
      whenPortTaken: 'fail',
      ...(auth ? { auth } : {}),
    });
  } catch (err) {
    if (err instanceof PortTakenError) throw new ConfigError('--port', err.message, { cause: err });
    throw err;
  }
  process.stdout.write(
    `MQTT broker listening on ${broker.url} (${auth ? 'authentication and topic ACL enforced' : 'anonymous, no ACL'})\n`,
  );
  const stop = (): void => {
    void broker.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function config(opts: { scenario: string; out: string; port: string; host: string }): void {
  const scenario = loadScenario(opts.scenario);
  const out = resolve(opts.out);
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
    mosquittoConfig({ port: parsePort(opts.port), host: opts.host, passwordFile, aclFile }),
  );
  process.stdout.write(
    `${credentials.length} identities for scenario ${scenario.id}\n` +
      `  credentials (secret, mode 0600): ${credentialsPath}\n` +
      `  mosquitto: ${join(out, 'mosquitto.conf')} (password file and ACL beside it)\n`,
  );
}

export function register(program: Command): void {
  const broker = program
    .command('broker')
    .description('the MQTT broker: run it, or write Mosquitto access files');
  broker
    .command('run', { isDefault: true })
    .description('run the embedded MQTT 3.1.1 broker (aedes) on a TCP port')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'TCP port (0 = any free port)', '1883')
    .option('--credentials <file>', 'enforce these credentials and the per-device topic rules')
    .action(run);
  broker
    .command('config')
    .description("write credentials and Mosquitto password/ACL/config files from a scenario's devices")
    .requiredOption('--scenario <path>', 'scenario directory or file')
    .requiredOption('--out <dir>', 'directory for the generated files')
    .option('--host <host>', 'listener interface for mosquitto.conf', '127.0.0.1')
    .option('--port <port>', 'listener port for mosquitto.conf', '1883')
    .action(config);
}
