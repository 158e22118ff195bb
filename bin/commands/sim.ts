/**
 * @module bin/commands/sim
 * `its sim run <scenario>` or `its sim run --sumo-net N.net.xml --sumo-routes R.rou.xml`: runs the
 * simulator as fast as possible on a virtual clock, shows progress on a terminal, prints the KPI table
 * and writes `--json` (keys testers' scripts rely on) and `--report` (HTML with inline SVG plots).
 * `--tls` also takes the edge's strategies (`webster`, `max-pressure`, `scats`) and `--tsp`: those runs go
 * through `bench/evaluation`'s harness, the edge's own strategy code driving the in-process controllers.
 * `its sim live` runs the same simulation paced to the wall clock (`--speed N`) and publishes every
 * device's messages (detectors, SPaT, buses, taps, tolls, status) over MQTT.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors/index.ts';
import { loadScenario } from '../../core/scenario/index.ts';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OpcuaUser } from '../../controllers/adapters/opcua/index.ts';
import { SystemClock } from '../../core/index.ts';
import { STRATEGY_NAMES } from '../../edge/index.ts';
import { runStrategy } from '../../bench/evaluation/index.ts';
import { describeTspRule, parseTspMinLate, TSP_MIN_LATE_HELP } from '../tsp-rule.ts';
import { checkInputFile, readInputFile } from '../input-file.ts';
import {
  describeMqttIdentity,
  mqttCredentialsFromEnv,
  urlWithMqttCredentials,
} from '../../core/security/index.ts';
import { connectFieldPublisher } from '../../simulator/adapters/mqtt/index.ts';
import {
  kpiTable,
  MAX_STEP_S,
  prepareRun,
  renderHtmlReport,
  runPaced,
  runToEnd,
  SpatEmitter,
  type ReportRow,
  type RunSource,
  type Simulation,
  type TlsStrategy,
} from '../../simulator/index.ts';

type RunOpts = {
  sumoNet?: string;
  sumoRoutes?: string;
  tls?: string;
  end?: string;
  seed: string;
  step?: string;
  json?: string;
  report?: string;
  progress: boolean;
  tsp?: boolean;
  tspMinLate?: string;
};

function number(field: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ConfigError(field, `must be a number, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * A duration or rate option: a number above zero (`--end 0` or `-5` ran nothing and reported zeros;
 * `--speed -1` connected to the broker first).
 */
function positive(field: string, v: string | undefined): number | undefined {
  const n = number(field, v);
  if (n !== undefined && n <= 0)
    throw new ConfigError(field, `must be more than 0${field === '--speed' ? '' : ' s'}, got ${v}`);
  return n;
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function progressBar(): (done: number) => void {
  let last = -1;
  return (done) => {
    const pct = Math.floor(done * 100);
    if (pct === last) return;
    last = pct;
    const w = 40;
    const filled = Math.round((pct / 100) * w);
    process.stderr.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(w - filled)}] ${String(pct).padStart(3)}%`);
    if (pct >= 100) process.stderr.write('\n');
  };
}

function checkTls(tls: string | undefined): TlsStrategy | undefined {
  if (tls !== undefined && tls !== 'static' && tls !== 'actuated')
    throw new ConfigError('--tls', `must be static or actuated, got ${JSON.stringify(tls)}`);
  return tls;
}

/** The scenario argument; a SUMO file there gets a pointer to the options, not 'invalid JSON'. */
function loadScenarioArg(path: string): ReturnType<typeof loadScenario> {
  if (/\.(net|rou|sumocfg)\.?xml$|\.sumocfg$/.test(path))
    throw new ConfigError(
      'scenario',
      `${path} is a SUMO file; run SUMO input with --sumo-net <file.net.xml> --sumo-routes <file.rou.xml>`,
    );
  return loadScenario(path);
}

/** The report's name of what was run: the scenario, or the SUMO network and its routes. */
function sourceLabel(opts: { sumoNet?: string; sumoRoutes?: string }, name: string): string {
  return opts.sumoNet !== undefined && opts.sumoRoutes !== undefined
    ? `SUMO network ${opts.sumoNet}, routes ${opts.sumoRoutes}`
    : name;
}

function sourceOf(
  scenarioPath: string | undefined,
  opts: { sumoNet?: string; sumoRoutes?: string },
): RunSource {
  if (opts.sumoNet !== undefined || opts.sumoRoutes !== undefined) {
    if (opts.sumoNet === undefined || opts.sumoRoutes === undefined)
      throw new ConfigError('--sumo-net/--sumo-routes', 'give both a .net.xml and a .rou.xml');
    return {
      kind: 'sumo',
      netText: readInputFile('--sumo-net', opts.sumoNet),
      netFile: opts.sumoNet,
      routesText: readInputFile('--sumo-routes', opts.sumoRoutes),
      routesFile: opts.sumoRoutes,
    };
  }
  if (scenarioPath === undefined)
    throw new ConfigError('scenario', 'give a scenario or --sumo-net and --sumo-routes');
  return { kind: 'scenario', scenario: loadScenarioArg(scenarioPath) };
}

/**
 * The report's 'Run' table: what was run and how, so a saved report can be compared with another.
 * The period is on the simulation clock the plots' time axes use: a SUMO network's is seconds since
 * its midnight (25200 = 07:00, shown as hh:mm); a scenario's counts from the scenario's start.
 */
function reportSettings(
  source: string,
  strategy: string,
  priority: string,
  sim: Simulation,
  simulatedS: number,
  timeOfDay: boolean,
): ReportRow[] {
  const begin = sim.options.beginS;
  const clock = (t: number): string =>
    `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}`;
  return [
    ['Source', source],
    ['Signal strategy', strategy],
    ['Transit signal priority', priority],
    ['Seed', String(sim.options.seed)],
    ['Step (s)', String(sim.options.stepS)],
    [
      'Simulated period (s on the simulation clock)',
      `${begin} – ${begin + simulatedS} (${simulatedS} s; ${timeOfDay ? `${clock(begin)} – ${clock(begin + simulatedS)}` : "from the scenario's start"})`,
    ],
  ];
}

/**
 * Options checked before anything runs, named as the user typed them (the simulator's own checks say
 * 'seed' and 'stepS'); `--tsp-min-late` without `--tsp` was silently ignored.
 */
function checkRunOptions(opts: RunOpts): void {
  const seed = number('--seed', opts.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new ConfigError('--seed', `must be an integer, got ${opts.seed}`);
  const step = positive('--step', opts.step);
  if (step !== undefined && step > MAX_STEP_S)
    throw new ConfigError('--step', `must be at most ${MAX_STEP_S} s, got ${opts.step}`);
  if (opts.tspMinLate !== undefined && opts.tsp !== true)
    throw new ConfigError('--tsp-min-late', 'applies to transit priority: add --tsp');
}

/** `--tls` names the simulator runs by itself; every other strategy goes through the edge harness. */
function needsEdge(opts: RunOpts): boolean {
  if (opts.tls !== undefined && !(STRATEGY_NAMES as readonly string[]).includes(opts.tls))
    throw new ConfigError(
      '--tls',
      `must be one of ${STRATEGY_NAMES.join(', ')}, got ${JSON.stringify(opts.tls)}`,
    );
  return opts.tsp === true || (opts.tls !== undefined && opts.tls !== 'static' && opts.tls !== 'actuated');
}

/** `its sim run --tls <edge strategy> [--tsp]`: the edge's strategy code in the loop. */
function runWithEdge(scenarioPath: string | undefined, opts: RunOpts): void {
  const tls = opts.tls ?? 'static';
  if ((opts.sumoNet === undefined) !== (opts.sumoRoutes === undefined))
    throw new ConfigError('--sumo-net/--sumo-routes', 'give both a .net.xml and a .rou.xml');
  if (opts.sumoNet === undefined && scenarioPath === undefined)
    throw new ConfigError('scenario', 'give a scenario or --sumo-net and --sumo-routes');
  if (opts.sumoNet !== undefined) checkInputFile('--sumo-net', opts.sumoNet);
  if (opts.sumoRoutes !== undefined) checkInputFile('--sumo-routes', opts.sumoRoutes);
  const source =
    opts.sumoNet !== undefined && opts.sumoRoutes !== undefined
      ? { kind: 'sumo' as const, netFile: opts.sumoNet, routesFile: opts.sumoRoutes }
      : { kind: 'scenario' as const, scenario: loadScenarioArg(scenarioPath ?? '') };
  const endS = positive('--end', opts.end);
  const stepS = number('--step', opts.step);
  const tspRule = parseTspMinLate(opts.tspMinLate);
  const done: { sim?: Simulation } = {};
  process.stderr.write(
    `its sim: edge strategy ${tls}${opts.tsp === true ? ` + transit priority (${describeTspRule(tspRule)})` : ''}\n`,
  );
  const r = runStrategy(source, {
    strategy: tls,
    seed: number('--seed', opts.seed) ?? 1,
    ...(opts.tsp !== true ? {} : { tsp: true, ...(tspRule === undefined ? {} : { tspRule }) }),
    ...(endS === undefined ? {} : { endS }),
    ...(stepS === undefined ? {} : { stepS }),
    ...(opts.progress && process.stderr.isTTY ? { onProgress: progressBar() } : {}),
    onFinish: (sim) => (done.sim = sim),
  });
  process.stdout.write(`${kpiTable(r.kpis)}\n`);
  if (r.busMeanTimeLossS !== null)
    process.stdout.write(
      `bus delay (time loss minus dwell) ${r.busMeanTimeLossS} s over ${r.busTrips} buses; other traffic ${r.generalMeanTimeLossS} s (both over arrived and still running vehicles, unlike the table's means)\n`,
    );
  if (r.faults.length > 0) {
    process.stderr.write(`  conflict-monitor faults: ${r.faults.join('; ')}\n`);
    process.exitCode = 1;
  }
  if (opts.json !== undefined) {
    const { kpis, ...rest } = r;
    write(
      opts.json,
      `${JSON.stringify({ ...kpis, ...rest, scenario: r.source, seed: number('--seed', opts.seed) ?? 1, tls }, null, 2)}\n`,
    );
    process.stderr.write(`  KPIs written to ${opts.json}\n`);
  }
  if (opts.report !== undefined && done.sim !== undefined) {
    const html = renderHtmlReport({
      title: `Simulation report: ${r.source}, ${tls}${opts.tsp === true ? ' + TSP' : ''}`,
      settings: reportSettings(
        sourceLabel(opts, r.source),
        tls,
        opts.tsp === true ? `on (${describeTspRule(tspRule)})` : 'off',
        done.sim,
        r.kpis.simulatedS,
        opts.sumoNet !== undefined,
      ),
      kpis: r.kpis,
      ...(r.busMeanTimeLossS === null
        ? {}
        : {
            extraKpis: [
              ['Buses (arrived and running)', String(r.busTrips)],
              ['Bus mean time loss minus dwell, arrived and running (s)', String(r.busMeanTimeLossS)],
              ['Other traffic mean time loss, arrived and running (s)', String(r.generalMeanTimeLossS)],
            ],
          }),
      series: done.sim.series,
      trips: done.sim.trips,
      generatedAt: new Date().toISOString(),
    });
    write(opts.report, html);
    process.stderr.write(`  report written to ${opts.report}\n`);
  }
}

type LiveOpts = RunOpts & {
  mqtt: string;
  speed: string;
  spatPeriod: string;
  opcuaPort?: string;
  opcuaPki?: string;
  trustUnknownClients?: boolean;
};

/** `ITS_OPCUA_USERS=name:password:role,...` (role operator or observer), as `its controller` reads it. */
function opcuaUsers(text: string | undefined): OpcuaUser[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((entry, i) => {
    const [username, password, role] = entry.split(':');
    if (!username || !password || (role !== 'operator' && role !== 'observer'))
      throw new ConfigError(`ITS_OPCUA_USERS[${i}]`, 'must be name:password:operator|observer');
    return { username, password, role };
  });
}

async function live(scenarioPath: string | undefined, opts: LiveOpts): Promise<void> {
  const tls = checkTls(opts.tls);
  const source = sourceOf(scenarioPath, opts);
  const speed = positive('--speed', opts.speed) ?? 1;
  const spatPeriodS = positive('--spat-period', opts.spatPeriod) ?? 1;
  const endS = positive('--end', opts.end);
  const mqttAuth = mqttCredentialsFromEnv();
  // The simulator's publisher takes no credential options; MQTT.js reads them from the URL.
  const publisher = await connectFieldPublisher(
    urlWithMqttCredentials(opts.mqtt, mqttAuth),
    `its-sim-${process.pid}`,
  );
  const run = prepareRun(source, {
    seed: number('--seed', opts.seed) ?? 1,
    sink: publisher.sink,
    ...(tls === undefined ? {} : { tls }),
    ...(endS === undefined ? {} : { endS }),
  });
  new SpatEmitter(
    run.intersections,
    run.controllers,
    run.scenario?.events ?? [],
    publisher.sink,
    run.envelopes,
    spatPeriodS,
  ).attach(run.sim);
  const opcuaPort = number('--opcua-port', opts.opcuaPort);
  // node-opcua is loaded only when asked for: on load it prints a Node-version warning to stdout,
  // which would land in every `its sim run`'s KPI output.
  const opcua =
    opcuaPort === undefined
      ? null
      : await (
          await import('../../controllers/adapters/opcua/index.ts')
        ).startOpcuaServer(run.signalControllers, {
          port: opcuaPort,
          pkiDir: opts.opcuaPki ?? join(tmpdir(), 'its-sim-pki'),
          users: opcuaUsers(process.env['ITS_OPCUA_USERS']),
          // Only certificates in <pki>/trusted (its pki opcua puts the edges' there), unless told.
          trustUnknownClients: opts.trustUnknownClients === true,
        });
  if (opcua !== null) process.stderr.write(`  controllers on OPC UA at ${opcua.endpointUrl}\n`);
  let stop = false;
  process.once('SIGINT', () => (stop = true));
  process.stderr.write(
    `its sim live: ${run.name} at ${speed}x, publishing to ${opts.mqtt} ${describeMqttIdentity(mqttAuth)} (Ctrl-C stops)\n`,
  );
  let lastReport = 0;
  await runPaced(run, new SystemClock(), {
    speed,
    shouldStop: () => stop,
    onTick: (t) => {
      if (process.stderr.isTTY && Date.now() - lastReport > 1000) {
        lastReport = Date.now();
        const s = run.sim.state;
        process.stderr.write(
          `\r  t=${(t - run.beginS).toFixed(0)} s  running ${s.veh.running}  arrived ${s.counters.arrived}  published ${publisher.published()}   `,
        );
      }
    },
  });
  await publisher.close();
  await opcua?.stop();
  process.stderr.write(`\n  published ${publisher.published()} messages\n`);
}

/** Register `its sim`. */
export function register(program: Command): void {
  const sim = program.command('sim').description('microscopic traffic simulator');
  registerLive(sim);
  sim
    .command('run')
    .description('run a scenario (or a SUMO network and routes) as fast as possible and report its KPIs')
    .argument('[scenario]', 'scenario directory or scenario.json')
    .option('--sumo-net <file>', 'SUMO .net.xml to run instead of a scenario')
    .option('--sumo-routes <file>', 'SUMO .rou.xml with the demand for --sumo-net')
    .option(
      '--tls <strategy>',
      `signal strategy: ${STRATEGY_NAMES.join(', ')} (static and actuated run in the controllers alone; the others are the edge's code in the loop)`,
    )
    .option('--tsp', "transit signal priority on top (the live edge's code and rule)")
    .option('--tsp-min-late <s|any|tiered:s>', TSP_MIN_LATE_HELP)
    .option('--end <s>', 'simulated seconds to run (default: scenario duration; SUMO: last departure + 1 h)')
    .option('--seed <n>', 'the run seed', '1')
    .option('--step <s>', `step length in seconds, at most ${MAX_STEP_S} (default 0.5)`)
    .option('--json <file>', 'write the KPIs as JSON')
    .option('--report <file>', 'write an HTML report with plots')
    .option('--no-progress', 'no progress bar')
    .action((scenarioPath: string | undefined, opts: RunOpts) => {
      checkRunOptions(opts);
      if (needsEdge(opts)) {
        runWithEdge(scenarioPath, opts);
        return;
      }
      const tls = checkTls(opts.tls);
      const source = sourceOf(scenarioPath, opts);
      const endS = positive('--end', opts.end);
      const stepS = number('--step', opts.step);
      const run = prepareRun(source, {
        seed: number('--seed', opts.seed) ?? 1,
        ...(tls === undefined ? {} : { tls }),
        ...(endS === undefined ? {} : { endS }),
        ...(stepS === undefined ? {} : { stepS }),
      });
      process.stderr.write(
        `its sim: ${run.name}, ${run.sim.state.demand.departures.length} departures, ${run.intersections.length} signalized intersections\n`,
      );
      const kpis = runToEnd(run, opts.progress && process.stderr.isTTY ? progressBar() : undefined);
      process.stdout.write(`${kpiTable(kpis)}\n`);
      const skipped = Object.entries(run.skipped);
      if (skipped.length > 0)
        process.stderr.write(`  skipped: ${skipped.map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
      if (opts.json !== undefined) {
        write(
          opts.json,
          `${JSON.stringify({ ...kpis, scenario: run.name, seed: run.sim.options.seed, tls: tls ?? 'default' }, null, 2)}\n`,
        );
        process.stderr.write(`  KPIs written to ${opts.json}\n`);
      }
      if (opts.report !== undefined) {
        const html = renderHtmlReport({
          title: `Simulation report: ${run.name}, ${tls ?? (source.kind === 'sumo' ? 'static' : "the scenario's signals")}`,
          settings: reportSettings(
            sourceLabel(opts, run.name),
            tls ??
              (source.kind === 'sumo'
                ? 'static (fixed time, the default)'
                : "each intersection's own mode in the scenario (fixed or actuated)"),
            'off',
            run.sim,
            kpis.simulatedS,
            source.kind === 'sumo',
          ),
          kpis,
          series: run.sim.series,
          trips: run.sim.trips,
          generatedAt: new Date().toISOString(),
        });
        write(opts.report, html);
        process.stderr.write(`  report written to ${opts.report}\n`);
      }
    });
}

/** Register `its sim live` (called from {@link register}). */
function registerLive(sim: Command): void {
  sim
    .command('live')
    .description('run paced to the wall clock and publish every field device over MQTT')
    .argument('[scenario]', 'scenario directory or scenario.json')
    .option('--sumo-net <file>', 'SUMO .net.xml to run instead of a scenario')
    .option('--sumo-routes <file>', 'SUMO .rou.xml with the demand for --sumo-net')
    .option('--mqtt <url>', 'broker to publish to', 'mqtt://127.0.0.1:1883')
    .option('--speed <n>', 'simulated seconds per wall second', '1')
    .option('--tls <strategy>', 'signal strategy: static (fixed time) or actuated')
    .option('--end <s>', 'simulated seconds to run')
    .option('--seed <n>', 'the run seed', '1')
    .option('--spat-period <s>', 'seconds between SPaT messages per intersection', '1')
    .option('--opcua-port <port>', 'also host the controllers over OPC UA (users from ITS_OPCUA_USERS)')
    .option(
      '--opcua-pki <dir>',
      "the controllers' OPC UA PKI folder (its pki opcua --out <d>: <d>/controller)",
    )
    .option('--trust-unknown-clients', 'accept any OPC UA client certificate (tests only)')
    .action(live);
}
