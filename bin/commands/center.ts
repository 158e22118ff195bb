/**
 * @module bin/commands/center
 * `its center --scenario <s> --mqtt <url> [--redis <url>] --http-port <p>`: one National Transport
 * Information Center instance. API tokens come from `--tokens` or `ITS_API_TOKENS`
 * (`name:role:token,...`); several instances with the same `--redis` and share group act as one, audit
 * log included (a Redis stream). `--redis` defaults to `REDIS_URL`, as in `its demo`.
 * `--operators <file>` adds operator sign-in (`POST /api/v1/login`) over a center/operators accounts
 * file; its sessions are per instance, so several instances need sticky routing for them. The MQTT
 * identity (`center.<id>`) comes from `ITS_MQTT_USERNAME` and `ITS_MQTT_PASSWORD`, never a flag.
 * `--tls-cert <f> --tls-key <f>` serves the API, pages and WebSocket over HTTPS/WSS instead of HTTP.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadScenario, SystemClock } from '../../core/index.ts';
import { describeMqttIdentity, mqttCredentialsFromEnv, OperatorAuth } from '../../core/security/index.ts';
import { FileOperatorStore, operatorRoutes, SessionApiTokens } from '../../center/operators/index.ts';
import { ConfigError } from '../../core/index.ts';
import {
  ApiTokens,
  DEFAULT_BOARD_PACING,
  DEFAULT_WS_MAX_PER_ADDRESS,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MIN_IN_FLIGHT,
  FileAuditLog,
  ProxyTrust,
  startCenterNode,
  type WebEngine,
} from '../../center/index.ts';
import { displaysRoutes, ensureDisplaysBuilt } from '../../displays/index.ts';

type CenterOpts = {
  scenario: string;
  mqtt?: string;
  redis?: string;
  redisPrefix: string;
  httpPort: string;
  host: string;
  tokens?: string;
  auditFile?: string;
  clearing?: string;
  clearingHouse: boolean;
  operators?: string;
  engine: string;
  shareGroup: string;
  mqttProtocol: string;
  maxInFlight: string;
  minInFlight: string;
  ingestThread: boolean;
  probeIncidents: boolean;
  boardIntervalMs: string;
  displays: boolean;
  tlsCert?: string;
  tlsKey?: string;
  wsMaxPerAddress: string;
  trustProxy?: string;
};

/** HTTPS files from `--tls-cert`/`--tls-key` (both or neither), checked before anything starts. */
function httpsFiles(opts: CenterOpts): { certFile: string; keyFile: string } | undefined {
  if (opts.tlsCert === undefined && opts.tlsKey === undefined) return undefined;
  if (opts.tlsCert === undefined) throw new ConfigError('--tls-cert', 'required with --tls-key');
  if (opts.tlsKey === undefined) throw new ConfigError('--tls-key', 'required with --tls-cert');
  for (const [flag, file] of [
    ['--tls-cert', opts.tlsCert],
    ['--tls-key', opts.tlsKey],
  ] as const)
    if (!existsSync(file)) throw new ConfigError(flag, `no such file ${file}`);
  return { certFile: opts.tlsCert, keyFile: opts.tlsKey };
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new ConfigError('--http-port', `must be 0-65535, got ${value}`);
  return n;
}

function inFlight(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new ConfigError(flag, `must be 1-10000, got ${value}`);
  return n;
}

/** `--trust-proxy`: none when not given; a bad entry is a one-line error naming it. */
function proxyTrust(value: string | undefined): ProxyTrust | undefined {
  if (value === undefined) return undefined;
  try {
    const trust = ProxyTrust.parse(value);
    if (trust.entries.length === 0) throw new RangeError('names no address');
    return trust;
  } catch (e) {
    throw new ConfigError('--trust-proxy', (e as Error).message);
  }
}

/** Operator sign-in over the accounts file (issue 11); sessions live in this instance's memory. */
function operatorSignIn(file: string): OperatorAuth {
  if (!existsSync(file)) throw new ConfigError('--operators', `no such file ${file}`);
  // Re-read when `its operators` changes the file: a disabled account is refused within a second.
  const store = new FileOperatorStore(file, {
    onReloadError: (err) => process.stderr.write(`its center: operators file not reloaded: ${err.message}\n`),
  });
  return new OperatorAuth({ clock: new SystemClock(), findAccount: (u) => store.find(u) });
}

export function register(program: Command): void {
  program
    .command('center')
    .description('run a National Transport Information Center instance (ingest, prediction, API)')
    .requiredOption('--scenario <path>', 'scenario directory or JSON file')
    .option('--mqtt <url>', 'MQTT broker to ingest edge uplinks from (omit for API only)')
    .option(
      '--redis <url>',
      'Redis for shared state and the shared audit log (default REDIS_URL; neither = the in-process store)',
    )
    .option('--redis-prefix <prefix>', 'key prefix in Redis', 'its')
    .option('--http-port <port>', 'HTTP/WebSocket port (0 = any free port)', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--tokens <spec>', 'API tokens name:role:token,... (default ITS_API_TOKENS)')
    .option(
      '--audit-file <path>',
      'append the audit log to this JSON-lines file (default: a Redis stream with --redis, else memory)',
    )
    .option(
      '--clearing <file>',
      'SQLite file of the clearing house (fare and toll settlement); omitted = in memory, lost at restart',
    )
    .option(
      '--no-clearing-house',
      'another instance (or its settle) runs the clearing house; instances sharing the subscription run it in exactly one',
    )
    .option(
      '--operators <file>',
      'operator accounts (scrypt hashes, center/operators format): enables POST /api/v1/login and /logout with expiring sessions',
    )
    .option('--engine <engine>', 'web server: auto, uws or node', 'auto')
    .option('--no-displays', 'serve the API only, not the browser pages')
    .option('--share-group <name>', 'MQTT 5 shared-subscription group', 'center')
    .option('--mqtt-protocol <v>', 'MQTT protocol: auto, 5 or 4', 'auto')
    .option('--tls-cert <file>', 'serve HTTPS/WSS with this certificate (PEM, e.g. from its pki issue)')
    .option('--tls-key <file>', 'private key (PEM) of --tls-cert')
    .option(
      '--max-in-flight <n>',
      'most uplinks handled at once (1 acknowledges each to the broker only after storing it; edges resend what was never uplink.acked)',
      String(DEFAULT_MAX_IN_FLIGHT),
    )
    .option(
      '--min-in-flight <n>',
      'uplinks handled at once while there is no backlog; the window widens to --max-in-flight under a sustained one (capped at it)',
      String(DEFAULT_MIN_IN_FLIGHT),
    )
    .option(
      '--ingest-thread',
      'MQTT ingest, the Redis commit and uplink acks in a worker thread (needs --redis and --mqtt; center/README)',
      false,
    )
    .option(
      '--probe-incidents',
      'also raise incidents from buses held on a link (off by default: on the demo city they find no blockage the loops miss; center/README)',
      false,
    )
    .option(
      '--board-interval-ms <ms>',
      'send each stop board at most once per this many ms, coalescing changes (0: each change at once; for more sign clients than CPU; center/README)',
      String(DEFAULT_BOARD_PACING.intervalMs),
    )
    .option(
      '--ws-max-per-address <n>',
      'most WebSocket connections open at once from one remote address; more get 429 at upgrade (center/README)',
      String(DEFAULT_WS_MAX_PER_ADDRESS),
    )
    .option(
      '--trust-proxy <addresses>',
      'reverse proxies (comma-separated addresses or CIDR blocks, e.g. 127.0.0.1,10.0.0.0/8) whose X-Forwarded-For names the client for rate limits and the per-address cap; default none (center/README)',
    )
    .action(async (opts: CenterOpts) => {
      // An empty REDIS_URL counts as unset, as in `its demo`.
      const redis = opts.redis ?? (process.env['REDIS_URL'] || undefined);
      if (!['auto', 'uws', 'node'].includes(opts.engine))
        throw new ConfigError('--engine', 'must be auto, uws or node');
      if (!['auto', '5', '4'].includes(opts.mqttProtocol))
        throw new ConfigError('--mqtt-protocol', 'must be auto, 5 or 4');
      if (opts.ingestThread && (redis === undefined || opts.mqtt === undefined))
        throw new ConfigError('--ingest-thread', 'needs --redis and --mqtt (REDIS_URL counts for --redis)');
      if (opts.clearing !== undefined && !opts.clearingHouse)
        throw new ConfigError('--clearing', 'names the clearing house file; drop it or --no-clearing-house');
      const boardIntervalMs = Number(opts.boardIntervalMs);
      if (!Number.isInteger(boardIntervalMs) || boardIntervalMs < 0 || boardIntervalMs > 60_000)
        throw new ConfigError(
          '--board-interval-ms',
          `must be an integer 0-60000; got '${opts.boardIntervalMs}'`,
        );
      const wsMaxPerAddress = Number(opts.wsMaxPerAddress);
      if (!Number.isInteger(wsMaxPerAddress) || wsMaxPerAddress < 1)
        throw new ConfigError(
          '--ws-max-per-address',
          `must be a positive integer; got '${opts.wsMaxPerAddress}'`,
        );
      const trustProxy = proxyTrust(opts.trustProxy);
      const apiTokens = ApiTokens.parse(opts.tokens ?? process.env['ITS_API_TOKENS'] ?? '');
      const operators = opts.operators === undefined ? null : operatorSignIn(opts.operators);
      const tokens = operators === null ? apiTokens : new SessionApiTokens(operators, apiTokens);
      // The browser pages are built on first start (skipped while their sources are unchanged).
      const displays = opts.displays ? [displaysRoutes((await ensureDisplaysBuilt()).outDir)] : [];
      const mqttAuth = mqttCredentialsFromEnv();
      const httpTls = httpsFiles(opts);
      const node = await startCenterNode({
        scenario: loadScenario(opts.scenario),
        ...(opts.mqtt === undefined ? {} : { mqttUrl: opts.mqtt }),
        ...(mqttAuth === undefined ? {} : { mqttAuth }),
        ...(redis === undefined ? {} : { redisUrl: redis, redisPrefix: opts.redisPrefix }),
        mqttProtocol: opts.mqttProtocol === 'auto' ? 'auto' : (Number(opts.mqttProtocol) as 5 | 4),
        shareGroup: opts.shareGroup,
        maxInFlight: inFlight('--max-in-flight', opts.maxInFlight),
        minInFlight: inFlight('--min-in-flight', opts.minInFlight),
        ingestThread: opts.ingestThread,
        probeIncidents: opts.probeIncidents,
        boardPacing: { ...DEFAULT_BOARD_PACING, intervalMs: boardIntervalMs },
        httpPort: port(opts.httpPort),
        httpHost: opts.host,
        wsMaxPerAddress,
        ...(trustProxy === undefined ? {} : { trustProxy }),
        ...(httpTls === undefined ? {} : { httpTls }),
        engine: opts.engine as WebEngine,
        tokens,
        ...(opts.auditFile === undefined ? {} : { audit: new FileAuditLog(opts.auditFile) }),
        ...(opts.clearing === undefined ? {} : { clearingFile: opts.clearing }),
        clearingHouse: opts.clearingHouse,
        extraRoutes: operators === null ? displays : [...displays, operatorRoutes(operators)],
      });
      const mqttNote =
        node.mqtt === null
          ? 'no MQTT ingest'
          : `MQTT ${node.mqtt.protocolVersion === 5 ? '5' : '3.1.1'} on ${opts.mqtt} ${describeMqttIdentity(mqttAuth)} (${node.mqtt.uplinkSubscription})`;
      process.stderr.write(
        `its center: ${httpTls === undefined ? 'http' : 'https'}://${opts.host}:${node.port} (${node.engine}), ${redis === undefined ? 'in-process store' : `Redis ${redis}`}, ${mqttNote}${opts.ingestThread ? ', ingest thread' : ''}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await node.close();
    });
}
