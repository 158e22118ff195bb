/**
 * @module bin/commands/demo
 * `its demo [--speed N] [--scenario dir] [--http-port p] [--mqtt-port p] [--opcua-port p] [--data-dir d]
 * [--strategy name] [--tsp-min-late s|any|tiered:s] [--edge-metrics on|off]`
 * (`npm start`): the whole system in one process on embedded defaults. Prints the URLs of the pages,
 * the MQTT and OPC UA endpoints, each edge's metrics endpoint (`/metrics`, `/healthz`, `/readyz` on
 * 127.0.0.1 and a free port, as `its edge` serves them), and where the generated credentials are
 * (never the secrets).
 * Ctrl-C (SIGINT) or SIGTERM stops every part in reverse order and exits 0. `--only sim --mqtt <url>`
 * runs the live simulator alone against an external broker (the production topology script).
 */
import type { Command } from 'commander';
import { ConfigError, loadScenario } from '../../core/index.ts';
import { describeMqttIdentity, mqttCredentialsFromEnv } from '../../core/security/index.ts';
import { startDemo, startStandaloneSimulator, type DemoSystem } from '../demo/index.ts';
import { parseTspMinLate, TSP_MIN_LATE_HELP } from '../tsp-rule.ts';

type DemoOpts = {
  speed: string;
  scenario: string;
  httpPort: string;
  mqttPort: string;
  opcuaPort: string;
  dataDir: string;
  strategy: string;
  tspMinLate?: string;
  edgeMetrics: string;
  seed: string;
  statusEvery: string;
  only?: string;
  mqtt?: string;
};

function waitForStopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `--only sim`: the live simulator alone, publishing to an external broker. */
async function runSimulatorOnly(opts: DemoOpts): Promise<void> {
  if (opts.mqtt === undefined) throw new ConfigError('--mqtt', 'is required with --only sim');
  const scenario = loadScenario(opts.scenario);
  // The broker identity comes from ITS_MQTT_USERNAME / ITS_MQTT_PASSWORD, as for every other part.
  const credentials = mqttCredentialsFromEnv();
  const sim = await startStandaloneSimulator({
    scenario,
    speed: positive('--speed', opts.speed),
    mqttUrl: opts.mqtt,
    seed: Number(opts.seed),
    ...credentials,
  });
  process.stdout.write(
    `its demo --only sim: ${scenario.id} live at x${sim.clock.speed} on ${opts.mqtt} ${describeMqttIdentity(credentials)}\nready\n`,
  );
  const every = Number(opts.statusEvery);
  const status =
    every > 0
      ? setInterval(() => {
          const s = sim.simulation.stats();
          const p = sim.publisher.stats();
          process.stderr.write(
            `status sim ${Math.round(s.simTimeS)} s, ${s.vehiclesInserted - s.vehiclesArrived} vehicles, published ${p.published}, lag ${s.lagS.toFixed(1)} s\n`,
          );
        }, every * 1000)
      : null;
  await waitForStopSignal();
  if (status !== null) clearInterval(status);
  await sim.close();
  process.exit(0);
}

function portOption(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new ConfigError(name, `must be 0-65535, got ${value}`);
  return n;
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new ConfigError(name, `must be a positive number, got ${value}`);
  return n;
}

/** `--edge-metrics`: on or off. */
function onOff(name: string, value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(name, `must be on or off, got ${value}`);
}

function printBanner(demo: DemoSystem, redis: string | undefined): void {
  const e = demo.endpoints;
  const lines = [
    '',
    `its demo: ${demo.edges.length} edge(s), speed x${demo.clock.speed}, center store ${redis === undefined ? 'in-process' : 'Redis'}`,
    `  control room   ${e.controlRoom}`,
    ...e.stops.map((s) => `  stop sign      ${s}`),
    ...(e.sign === null ? [] : [`  message sign   ${e.sign}`]),
    `  driver map     ${e.driverMap}`,
    `  API            ${e.http}/api/v1/  (health ${e.http}/healthz)`,
    `  MQTT           ${e.mqtt}`,
    `  OPC UA         ${e.opcua}`,
    ...demo.edges.flatMap((edge) =>
      edge.metricsUrl === null
        ? []
        : [`  edge metrics   ${edge.metricsUrl} (/healthz, /readyz) ${edge.edgeId} region ${edge.region}`],
    ),
    `  credentials    ${demo.secrets.credentialsPath} (MQTT), ${demo.secrets.operatorsPath} (OPC UA operator, API tokens)`,
    `  MQTT auth      ${demo.mqttAuth === 'open' ? 'off' : 'on: every part its own identity, topic rules and device ids enforced'}`,
    'ready (Ctrl-C stops)',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'run the whole system in one process: broker, controllers, simulator, edges, center, displays',
    )
    .option('--speed <n>', 'simulated seconds per wall second', '1')
    .option('--scenario <path>', 'scenario directory or scenario.json', 'scenarios/demo-city')
    .option('--http-port <port>', 'center HTTP port (taken: any free port)', '8080')
    .option('--mqtt-port <port>', 'embedded MQTT broker port (taken: any free port)', '1883')
    .option('--opcua-port <port>', 'controllers OPC UA port (taken: any free port)', '4840')
    .option('--data-dir <dir>', 'credentials, edge queues and PKI', '.its-data')
    .option(
      '--strategy <name>',
      'edge signal strategy: static, webster, actuated, max-pressure, scats, schedule-driven',
      'scats',
    )
    .option('--tsp-min-late <s|any|tiered:s>', `the edges' transit priority ${TSP_MIN_LATE_HELP}`)
    .option(
      '--edge-metrics <on|off>',
      "each edge's /metrics (Prometheus), /healthz and /readyz on 127.0.0.1, a free port each (printed)",
      'on',
    )
    .option('--seed <n>', 'simulation seed', '1')
    .option('--status-every <s>', 'print a status line every s wall seconds (0 = never)', '30')
    .option('--only <part>', 'run one part alone: sim (the live simulator, needs --mqtt)')
    .option('--mqtt <url>', 'external MQTT broker for --only sim')
    .action(async (opts: DemoOpts) => {
      if (opts.only !== undefined) {
        if (opts.only !== 'sim') throw new ConfigError('--only', `must be sim, got ${opts.only}`);
        await runSimulatorOnly(opts);
        return;
      }
      const tspRule = parseTspMinLate(opts.tspMinLate);
      const edgeMetrics = onOff('--edge-metrics', opts.edgeMetrics);
      const redisUrl = process.env['REDIS_URL'] || undefined;
      const statusEveryS = Number(opts.statusEvery);
      const demo = await startDemo({
        scenario: loadScenario(opts.scenario),
        speed: positive('--speed', opts.speed),
        httpPort: portOption('--http-port', opts.httpPort),
        mqttPort: portOption('--mqtt-port', opts.mqttPort),
        opcuaPort: portOption('--opcua-port', opts.opcuaPort),
        dataDir: opts.dataDir,
        strategy: opts.strategy,
        ...(tspRule === undefined ? {} : { tspRule }),
        edgeMetrics,
        seed: Number(opts.seed),
        ...(redisUrl === undefined ? {} : { redisUrl }),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      printBanner(demo, redisUrl);
      const status =
        statusEveryS > 0
          ? setInterval(() => {
              const s = demo.simulation.stats();
              const t = new Date(demo.clock.now()).toISOString();
              const q = demo.edges.map((e) => `${e.region} queued ${e.forwarder.stats().queuedBatches}`);
              process.stderr.write(
                `status ${t} sim ${Math.round(s.simTimeS)} s, ${s.vehiclesInserted - s.vehiclesArrived} vehicles, lag ${s.lagS.toFixed(1)} s, ${q.join(', ')}\n`,
              );
            }, statusEveryS * 1000)
          : null;
      await waitForStopSignal();
      if (status !== null) clearInterval(status);
      process.stderr.write('its demo: stopping\n');
      await demo.close();
      process.stderr.write('its demo: stopped\n');
      process.exit(0);
    });
}
