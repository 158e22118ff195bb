/**
 * @module bin/commands/edge
 * `its edge --scenario <s> --region <r> --mqtt <url> [--center-mqtt <url>] --strategy <name> [--tsp]
 * [--tsp-min-late <s|any|tiered:s>]
 * [--opcua <endpoint,...>] [--db <file>] [--edge-id <id>] [--pki <dir>] [--uplink-prompt-ms <ms|off>]
 * [--metrics-port <port|off>] [--metrics-host <host>]`: runs one region's edge on the
 * wall clock. Field messages come from `--mqtt` (persistent session); QoS 1 messages are journaled in
 * SQLite before they are acknowledged and replayed after a restart; summaries go store-and-forward to
 * `--center-mqtt` (default: the field broker). Controllers are reached over OPC UA at `--opcua`, as the
 * operator named in `ITS_EDGE_OPCUA_USER` (`name:password`, kept off the command line). MQTT credentials
 * come from the environment only: `ITS_MQTT_USERNAME`/`ITS_MQTT_PASSWORD` on the field broker,
 * `ITS_CENTER_MQTT_USERNAME`/`ITS_CENTER_MQTT_PASSWORD` on the center's (default: the field ones).
 * The wiring itself is edge/runtime's `startEdgeRuntime`; this file parses flags and prints.
 * Serves `/metrics` (Prometheus), `/healthz` and `/readyz` on `--metrics-port` (default
 * {@link DEFAULT_METRICS_PORT}; 0 = a free port, printed; `off` = none): on by default because a
 * deployment scrapes every edge. An explicit port that cannot be had fails the start; the default
 * one, taken by another edge on the same host, is logged and the edge runs without it.
 * Prints `ready` when running and a status line every 30 s.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, SystemClock } from '../../core/index.ts';
import { loadScenario } from '../../core/scenario/index.ts';
import { STRATEGY_NAMES } from '../../edge/adaptive/index.ts';
import type { MqttAuth } from '../../edge/adapters/mqtt/index.ts';
import { startEdgeRuntime } from '../../edge/runtime/index.ts';
import { describeTspRule, parseTspMinLate, TSP_MIN_LATE_HELP } from '../tsp-rule.ts';

type EdgeOptions = {
  scenario: string;
  region: string;
  mqtt: string;
  centerMqtt?: string;
  strategy: string;
  tsp?: boolean;
  tspMinLate?: string;
  opcua?: string;
  db?: string;
  edgeId?: string;
  pki: string;
  trustUnknownServers?: boolean;
  replayGuard?: boolean;
  uplinkPromptMs: string;
  metricsPort: string;
  metricsHost: string;
};

/** The edge's metrics port unless told otherwise. */
export const DEFAULT_METRICS_PORT = 9470;

/** `--metrics-port`: a TCP port (0 = any free one), or null for `off`. */
function metricsPort(text: string): number | null {
  if (text === 'off') return null;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new ConfigError('--metrics-port', `must be a port 0-65535 or 'off'; got '${text}'`);
  }
  return port;
}

/** `--uplink-prompt-ms`: a window in ms, or `off`. */
function promptWindow(text: string): number | null {
  if (text === 'off') return null;
  const ms = Number(text);
  if (text.trim() === '' || !Number.isFinite(ms) || ms < 0) {
    throw new ConfigError('--uplink-prompt-ms', `must be a number of ms >= 0 or 'off'; got '${text}'`);
  }
  return ms;
}

function operator(): { username: string; password: string } {
  const text = process.env.ITS_EDGE_OPCUA_USER ?? '';
  const at = text.indexOf(':');
  if (at <= 0) throw new ConfigError('ITS_EDGE_OPCUA_USER', 'must be name:password to command controllers');
  return { username: text.slice(0, at), password: text.slice(at + 1) };
}

/** MQTT credentials from two environment variables; both or neither. */
function mqttAuth(userVar: string, passwordVar: string): MqttAuth | undefined {
  const username = process.env[userVar];
  const password = process.env[passwordVar];
  if ((username ?? '') === '' && (password ?? '') === '') return undefined;
  if ((username ?? '') === '' || password === undefined) {
    throw new ConfigError(userVar, `set both ${userVar} and ${passwordVar}, or neither`);
  }
  return { username: username as string, password };
}

export function register(program: Command): void {
  program
    .command('edge')
    .description("run one region's edge: detectors, adaptive signals with TSP, bus tracking, uplink")
    .requiredOption('--scenario <path>', 'scenario directory or scenario.json')
    .requiredOption('--region <id>', 'region to serve')
    .requiredOption('--mqtt <url>', 'field MQTT broker URL')
    .option('--center-mqtt <url>', "center's MQTT broker URL (default: the field broker)")
    .option('--strategy <name>', `signal strategy: ${STRATEGY_NAMES.join(' | ')}`, 'actuated')
    .option('--tsp', 'add transit signal priority')
    .option('--tsp-min-late <s|any|tiered:s>', TSP_MIN_LATE_HELP)
    .option('--opcua <endpoints>', 'comma-separated OPC UA endpoints of the controller processes')
    .option(
      '--db <file>',
      'SQLite file of the uplink queue and inbox journal (default: edge-<region>.sqlite)',
    )
    .option('--edge-id <id>', 'edge id in topics and batches (default: edge-<region>)')
    .option(
      '--pki <dir>',
      "OPC UA client PKI folder; the controllers' certificates it trusts are in <dir>/trusted/certs (its pki opcua)",
      join(tmpdir(), 'its-edge-pki'),
    )
    .option(
      '--trust-unknown-servers',
      'accept any OPC UA controller certificate (tests and first set-up only)',
    )
    .option(
      '--replay-guard',
      'drop replayed (sequence number seen) and stale field messages, counted by reason (devices must announce restarts with seqReset)',
    )
    .option(
      '--uplink-prompt-ms <ms|off>',
      "how long a bus's progress or stop event waits for company before the uplink queue is sent (other summaries go once a second); off = with them",
      '50',
    )
    .option(
      '--metrics-port <port|off>',
      'port of /metrics (Prometheus), /healthz and /readyz; 0 = any free port (printed), off = none',
      String(DEFAULT_METRICS_PORT),
    )
    .option('--metrics-host <host>', 'interface the metrics endpoint binds', '127.0.0.1')
    .action(async (opts: EdgeOptions, command: Command) => {
      if (!(STRATEGY_NAMES as readonly string[]).includes(opts.strategy)) {
        throw new ConfigError(
          '--strategy',
          `unknown strategy ${opts.strategy}; use ${STRATEGY_NAMES.join(', ')}`,
        );
      }
      const tspRule = parseTspMinLate(opts.tspMinLate);
      const metrics = metricsPort(opts.metricsPort);
      const scenario = loadScenario(opts.scenario);
      if (!scenario.regions.some((r) => r.id === opts.region)) {
        throw new ConfigError('--region', `no region ${opts.region} in ${scenario.id}`);
      }
      const endpoints = (opts.opcua ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const fieldAuth = mqttAuth('ITS_MQTT_USERNAME', 'ITS_MQTT_PASSWORD');
      const centerAuth = mqttAuth('ITS_CENTER_MQTT_USERNAME', 'ITS_CENTER_MQTT_PASSWORD') ?? fieldAuth;
      const edgeId = opts.edgeId ?? `edge-${opts.region}`;
      const clock = new SystemClock();
      if (opts.trustUnknownServers === true && endpoints.length > 0)
        console.error('its edge: accepting any OPC UA controller certificate (--trust-unknown-servers)');
      const edge = await startEdgeRuntime({
        scenario,
        region: opts.region,
        edgeId,
        clock,
        fieldMqttUrl: opts.mqtt,
        ...(opts.centerMqtt === undefined ? {} : { centerMqttUrl: opts.centerMqtt }),
        fieldAuth,
        centerAuth,
        dbFile: resolve(opts.db ?? `edge-${opts.region}.sqlite`),
        ...(endpoints.length === 0
          ? {}
          : {
              opcua: {
                endpoints,
                ...operator(),
                pkiDir: opts.pki,
                trustUnknownServers: opts.trustUnknownServers === true,
              },
            }),
        strategy: opts.strategy,
        tsp: opts.tsp ?? false,
        ...(tspRule === undefined ? {} : { tspRule }),
        replayGuard: opts.replayGuard === true,
        uplinkPromptMs: promptWindow(opts.uplinkPromptMs),
        presence: true,
        ...(metrics === null
          ? {}
          : {
              metricsEndpoint: {
                port: metrics,
                host: opts.metricsHost,
                optional: command.getOptionValueSource('metricsPort') === 'default',
              },
            }),
        log: (line) => console.log(line),
      });
      const statusLine = clock.setInterval(() => {
        const { node: s, uplink: u } = edge.stats();
        const detDropped = Object.entries(s.detectors.droppedByReason).map(([r, n]) => `${r}:${n}`);
        console.log(
          `status accepted=${s.ingest.accepted} dropped=${s.ingest.dropped} missing=${s.ingest.missing} ` +
            `detDropped=${detDropped.length === 0 ? 0 : detDropped.join(',')} lateFolded=${s.detectors.lateFolded} ` +
            `buses=${s.busesTracked} visiting=${s.busesVisiting} commands=${s.commandsSent} ` +
            (opts.tsp ? `priorityLate=${s.lateFixes.home + s.lateFixes.visiting} ` : '') +
            `uplinkQueued=${u.queuedBatches} ` +
            `uplinkAcked=${u.acknowledged}`,
        );
      }, 30_000);
      console.log(
        `edge ${edgeId} region ${opts.region} strategy ${opts.strategy}` +
          `${opts.tsp ? `+tsp (${describeTspRule(tspRule)})` : ''}: ` +
          `${edge.node.controls.length} intersection(s), ${edge.links.size} controller link(s), ` +
          `replayed ${edge.replayed}` +
          (edge.node.visitingBusRegions.length === 0
            ? ''
            : `; priority also for buses of ${edge.node.visitingBusRegions.join(', ')}`),
      );
      if (edge.metricsPort !== null)
        console.log(
          `metrics http://${opts.metricsHost.includes(':') ? `[${opts.metricsHost}]` : opts.metricsHost}:${edge.metricsPort}/metrics (/healthz, /readyz)`,
        );
      console.log('ready');
      const stop = async (): Promise<void> => {
        clock.clear(statusLine);
        await edge.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
