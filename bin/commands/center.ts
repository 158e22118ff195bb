/**
 * @module bin/commands/center
 * `its center --scenario <s> --mqtt <url> [--redis <url>] --http-port <p>`: one National Transport
 * Information Center instance. API tokens come from `--tokens` or `ITS_API_TOKENS`
 * (`name:role:token,...`); several instances with the same `--redis` and share group act as one.
 */
import type { Command } from 'commander';
import { loadScenario } from '../../core/index.ts';
import { ConfigError } from '../../core/index.ts';
import { ApiTokens, FileAuditLog, startCenterNode, type WebEngine } from '../../center/index.ts';
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
  engine: string;
  shareGroup: string;
  mqttProtocol: string;
  maxInFlight: string;
  displays: boolean;
};

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new ConfigError('--http-port', `must be 0-65535, got ${value}`);
  return n;
}

function inFlight(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new ConfigError('--max-in-flight', `must be 1-10000, got ${value}`);
  return n;
}

export function register(program: Command): void {
  program
    .command('center')
    .description('run a National Transport Information Center instance (ingest, prediction, API)')
    .requiredOption('--scenario <path>', 'scenario directory or JSON file')
    .option('--mqtt <url>', 'MQTT broker to ingest edge uplinks from (omit for API only)')
    .option('--redis <url>', 'Redis for shared state (omit for the in-process store)')
    .option('--redis-prefix <prefix>', 'key prefix in Redis', 'its')
    .option('--http-port <port>', 'HTTP/WebSocket port (0 = any free port)', '8080')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--tokens <spec>', 'API tokens name:role:token,... (default ITS_API_TOKENS)')
    .option('--audit-file <path>', 'append the audit log to this JSON-lines file')
    .option('--engine <engine>', 'web server: auto, uws or node', 'auto')
    .option('--no-displays', 'serve the API only, not the browser pages')
    .option('--share-group <name>', 'MQTT 5 shared-subscription group', 'center')
    .option('--mqtt-protocol <v>', 'MQTT protocol: auto, 5 or 4', 'auto')
    .option(
      '--max-in-flight <n>',
      'uplinks handled at once; 1 acknowledges each only after it is stored, more trades crash-safety of up to n-1 messages for throughput',
      '1',
    )
    .action(async (opts: CenterOpts) => {
      if (!['auto', 'uws', 'node'].includes(opts.engine))
        throw new ConfigError('--engine', 'must be auto, uws or node');
      if (!['auto', '5', '4'].includes(opts.mqttProtocol))
        throw new ConfigError('--mqtt-protocol', 'must be auto, 5 or 4');
      const tokens = ApiTokens.parse(opts.tokens ?? process.env['ITS_API_TOKENS'] ?? '');
      // The browser pages are built on first start (skipped while their sources are unchanged).
      const displays = opts.displays ? [displaysRoutes((await ensureDisplaysBuilt()).outDir)] : [];
      const node = await startCenterNode({
        scenario: loadScenario(opts.scenario),
        ...(opts.mqtt === undefined ? {} : { mqttUrl: opts.mqtt }),
        ...(opts.redis === undefined ? {} : { redisUrl: opts.redis, redisPrefix: opts.redisPrefix }),
        mqttProtocol: opts.mqttProtocol === 'auto' ? 'auto' : (Number(opts.mqttProtocol) as 5 | 4),
        shareGroup: opts.shareGroup,
        maxInFlight: inFlight(opts.maxInFlight),
        httpPort: port(opts.httpPort),
        httpHost: opts.host,
        engine: opts.engine as WebEngine,
        tokens,
        ...(opts.auditFile === undefined ? {} : { audit: new FileAuditLog(opts.auditFile) }),
        extraRoutes: displays,
      });
      const mqttNote =
        node.mqtt === null
          ? 'no MQTT ingest'
          : `MQTT ${node.mqtt.protocolVersion === 5 ? '5' : '3.1.1'} on ${opts.mqtt} (${node.mqtt.uplinkSubscription})`;
      process.stderr.write(
        `its center: http://${opts.host}:${node.port} (${node.engine}), ${opts.redis === undefined ? 'in-process store' : `Redis ${opts.redis}`}, ${mqttNote}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await node.close();
    });
}
