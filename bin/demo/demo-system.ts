/**
 * @module bin/demo/demo-system
 * The whole system in one process on embedded defaults (issue 10, `npm start`): the aedes broker,
 * the controllers with their OPC UA server and SPaT, the center with its store serving the displays,
 * one edge per region, and the simulator live on the demo clock. Parts start in dependency order and
 * stop in reverse, so every queue is flushed into something still running.
 *
 * The broker enforces the generated credentials (issue 11): each part connects with its own identity
 * (`ctl.<region>.<id>` per controller, `edge.<region>.edge-<region>` per edge, `center.center-1`,
 * `sim.<scenario>`), topic rules apply, and
 * the device id inside each message must be one its publisher may speak for.
 */
import { join, resolve } from 'node:path';
import type { Scenario } from '../../core/index.ts';
import type { TspRule } from '../../edge/adaptive/index.ts';
import {
  accessPolicy,
  edgeIdOf,
  startEmbeddedBroker,
  usernameOf,
  type BrokerAuth,
  type MessageBroker,
} from '../../broker/index.ts';
import { ApiTokens, startCenterNode, type CenterNode } from '../../center/index.ts';
import { displaysRoutes, ensureDisplaysBuilt } from '../../displays/index.ts';
import { trustOpcuaClient } from '../../broker/tls/adapters/opcua/index.ts';
import { shiftScenarioToNow } from './timetable-shift.ts';
import { connectFieldPublisher, type FieldPublisher } from './adapters/field-publisher.ts';
import { startControllerStation, type ControllerStation } from './controller-station.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { ensureDemoSecrets, mqttLogin, type DemoSecrets } from './demo-secrets.ts';
import { choosePort } from './free-port.ts';
import { startLiveSimulation, type LiveSimulation } from './live-simulation.ts';
import { startRegionEdge, type RegionEdge } from './region-edge.ts';
import type { ScaledClock } from '../../core/index.ts';
import { alignedStartMs, clockStartingAt } from './demo-clock.ts';
import { withDemoIncident } from './demo-incident.ts';

/** Options of {@link startDemo}. */
export type DemoOptions = {
  readonly scenario: Scenario;
  /** Simulated seconds per wall second. */
  readonly speed: number;
  /** Wanted ports; a taken one is replaced by a free one. 0 = any. */
  readonly httpPort: number;
  readonly mqttPort: number;
  readonly opcuaPort: number;
  readonly dataDir: string;
  /** Edge signal strategy (edge/adaptive names). */
  readonly strategy: string;
  /**
   * How late a bus must be for the edges' transit priority, s (`its demo --tsp-min-late`;
   * -Infinity: every approaching bus; or a tiered rule). Default the edge node's (`DEFAULT_TSP_MIN_LATE_S`).
   */
  readonly tspRule?: TspRule;
  /** Redis URL for the center's store (REDIS_URL); omitted = in-process store. */
  readonly redisUrl?: string;
  readonly seed: number;
  readonly log: (line: string) => void;
  /**
   * Each edge serves `/metrics`, `/healthz` and `/readyz` on 127.0.0.1, a free port each (the URLs are
   * the edges' `metricsUrl`). Default true; false = no endpoint (`its demo --edge-metrics off`).
   */
  readonly edgeMetrics?: boolean;
  /** Regions that get an edge. Default: every region of the scenario. */
  readonly regions?: readonly string[];
  /**
   * Fault tests: run the center on a broker of its own and let the edges reach it through the URL
   * this returns (a proxy that can cut the link). Default: one broker for field and uplink.
   */
  readonly routeUplink?: (centerBrokerPort: number) => Promise<string>;
  /** Fault tests: the OPC UA endpoint the edges dial instead of the controllers' own. */
  readonly routeOpcua?: (opcuaPort: number) => Promise<string>;
  /**
   * `enforced` (default): the broker refuses unknown clients and applies the topic rules and device
   * binding. `open`: no authentication, for fault tests that observe the broker with plain clients.
   */
  readonly mqttAuth?: 'enforced' | 'open';
};

/** Where to find the running demo. */
export type DemoEndpoints = {
  readonly http: string;
  readonly mqtt: string;
  readonly opcua: string;
  readonly controlRoom: string;
  readonly stops: readonly string[];
  readonly sign: string | null;
  readonly driverMap: string;
};

/** A running demo. */
export type DemoSystem = {
  readonly endpoints: DemoEndpoints;
  readonly secrets: DemoSecrets;
  readonly clock: ScaledClock;
  readonly broker: MessageBroker;
  readonly center: CenterNode;
  readonly edges: readonly RegionEdge[];
  readonly simulation: LiveSimulation;
  /** The running controllers by intersection id. */
  readonly controllers: ControllerStation['controllers'];
  /** Whether the broker enforces the credentials (`open` only when asked for). */
  readonly mqttAuth: 'enforced' | 'open';
  close(): Promise<void>;
};

/** The broker policy of the demo: the generated credentials, topic rules and device binding. */
function demoBrokerAuth(secrets: DemoSecrets): BrokerAuth {
  return accessPolicy(secrets.mqtt, { bindPayloads: true });
}

/** Start every part; on a failure, stop what already started and rethrow. */
export async function startDemo(options: DemoOptions): Promise<DemoSystem> {
  const { log } = options;
  // The simulation starts on the next whole detector interval (demo-clock.ts: else every loop report
  // straddles two of the edges' intervals); the clock reads the wall time now.
  const nowMs = Date.now();
  const startMs = alignedStartMs(options.scenario, nowMs);
  // The demo city's incident as the demo runs it: one the loops can see (demo-incident.ts).
  const scenario = shiftScenarioToNow(withDemoIncident(options.scenario), startMs);
  const dataDir = resolve(options.dataDir);
  const secrets = ensureDemoSecrets(dataDir, scenario);
  const lock = lockDataDir(dataDir);
  // Simulated time is now: parts that stamp messages with the wall clock (device presence, separate
  // `its edge` processes) then agree with the simulation at speed 1, and stay close at the start of a
  // faster run. The simulation and the scenario's timetable start at `startMs`, under one interval
  // later (see timetable-shift.ts).
  const clock = clockStartingAt(startMs, options.speed, nowMs);
  const stops: { name: string; stop: () => Promise<void> | void }[] = [];
  const onStop = (name: string, stop: () => Promise<void> | void): void => {
    stops.push({ name, stop });
  };
  const closeAll = async (): Promise<void> => {
    for (const { name, stop } of stops.reverse()) {
      const started = Date.now();
      try {
        await stop();
        log(`stopped ${name} (${Date.now() - started} ms)`);
      } catch (err) {
        log(`shutdown of ${name}: ${(err as Error).message}`);
      }
    }
    clock.clearAll();
    lock.release();
  };
  try {
    const mqttAuth = options.mqttAuth ?? 'enforced';
    const auth = mqttAuth === 'enforced' ? demoBrokerAuth(secrets) : undefined;
    const login = (username: string): { username: string; password: string } | undefined =>
      auth === undefined ? undefined : mqttLogin(secrets, username);
    const broker = await startEmbeddedBroker({
      port: options.mqttPort,
      whenPortTaken: 'any',
      ...(auth === undefined ? {} : { auth }),
    });
    onStop('broker', () => broker.close());
    // OPC UA: the controllers accept only the edges' application certificates, created and trusted
    // here (where each edge's client looks for its own) rather than any certificate a client shows.
    const controllersPki = join(dataDir, 'controllers-pki');
    const regions = options.regions ?? scenario.regions.map((r) => r.id);
    for (const region of regions)
      await trustOpcuaClient(controllersPki, join(dataDir, edgeIdOf(region), 'opcua-pki'));
    const station: ControllerStation = await startControllerStation({
      scenario,
      clock,
      mqttUrl: broker.url,
      ...(auth === undefined
        ? {}
        : {
            mqttCredentialsOf: (id: string) => {
              const region = scenario.intersections.find((x) => x.id === id)?.region ?? null;
              return login(usernameOf('controller', region, id, null));
            },
          }),
      opcuaPort: await choosePort(options.opcuaPort),
      pkiDir: controllersPki,
      trustUnknownClients: false,
      operator: secrets.operators.opcua,
      log,
    });
    onStop('controllers', () => station.close());
    let centerBroker = broker;
    if (options.routeUplink !== undefined) {
      centerBroker = await startEmbeddedBroker({ port: 0, ...(auth === undefined ? {} : { auth }) });
      const separate = centerBroker;
      onStop('center broker', () => separate.close());
    }
    const uplinkUrl =
      options.routeUplink === undefined ? broker.url : await options.routeUplink(centerBroker.port);
    const opcuaEndpoint =
      options.routeOpcua === undefined
        ? station.opcuaEndpoint
        : await options.routeOpcua(Number(new URL(station.opcuaEndpoint).port));
    const dist = (await ensureDisplaysBuilt()).outDir;
    const centerLogin = login(usernameOf('center', null, 'center-1', null));
    const center = await startCenterNode({
      scenario,
      clock,
      mqttUrl: centerBroker.url,
      mqttProtocol: 4,
      ...(centerLogin === undefined ? {} : { mqttAuth: centerLogin }),
      httpPort: await choosePort(options.httpPort),
      tokens: new ApiTokens(secrets.operators.apiTokens),
      // The edges' fare and toll settlement batches land here (kept across demo restarts).
      clearingFile: join(options.dataDir, 'center', 'clearing.sqlite'),
      extraRoutes: [displaysRoutes(dist)],
      ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
      log,
    });
    onStop('center', () => center.close());
    const edges: RegionEdge[] = [];
    for (const region of regions) {
      const edge = await startRegionEdge({
        scenario,
        region,
        clock,
        mqttUrl: broker.url,
        uplinkMqttUrl: uplinkUrl,
        fieldAuth: login(usernameOf('edge', region, edgeIdOf(region), null)),
        opcua: { endpointUrl: opcuaEndpoint, ...secrets.operators.opcua, serverPkiDir: controllersPki },
        dataDir,
        strategy: options.strategy,
        ...(options.tspRule === undefined ? {} : { tspRule: options.tspRule }),
        // One control step per 200 ms of wall time at most, whatever the speed.
        controlPeriodMs: Math.max(1_000, 200 * options.speed),
        // A loop's report crosses the broker in wall time: give it 2 wall seconds after its interval
        // ends at any speed (2 simulated seconds were 0.5 s of wall time at --speed 4, and about a
        // third of the link states went out before their loops' reports, measured).
        detectorGraceMs: 2_000 * Math.max(1, options.speed),
        // One uplink batch per 100 ms of wall time at most.
        uplinkFlushMs: Math.max(1_000, 100 * options.speed),
        // A bus's progress and stop events within 50 ms of wall time, at any speed: the stop boards.
        uplinkPromptMs: 50 * options.speed,
        // A network round trip is wall time: give the center 30 wall seconds to acknowledge, at any
        // speed (30 simulated seconds would be 1 s of wall time at --speed 30, and a loaded machine
        // would resend everything over and over).
        uplinkAckTimeoutMs: 30_000 * Math.max(1, options.speed),
        ...(options.edgeMetrics === false ? { metricsEndpoint: null } : {}),
        log,
      });
      edges.push(edge);
      onStop(edge.edgeId, () => edge.close());
    }
    const publisher: FieldPublisher = await connectFieldPublisher({
      url: broker.url,
      clientId: `its-demo-sim-${process.pid}`,
      ...login(usernameOf('sim', null, scenario.id, null)),
    });
    onStop('simulator publisher', () => publisher.close());
    const simulation = startLiveSimulation({
      scenario,
      controllers: station.controllers,
      clock,
      seed: options.seed,
      sink: (region, message) => publisher.publish(region, message),
    });
    onStop('simulator', () => simulation.stop());
    const http = `http://127.0.0.1:${center.port}`;
    const signIds = [...center.network.signs.keys()];
    const endpoints: DemoEndpoints = {
      http,
      mqtt: broker.url,
      opcua: station.opcuaEndpoint,
      controlRoom: `${http}/`,
      stops: [...center.network.stops.keys()]
        .slice(0, 3)
        .map((id) => `${http}/stop/${encodeURIComponent(id)}`),
      sign: signIds[0] === undefined ? null : `${http}/sign/${encodeURIComponent(signIds[0])}`,
      driverMap: `${http}/drive`,
    };
    return {
      endpoints,
      secrets,
      clock,
      broker,
      center,
      edges,
      simulation,
      controllers: station.controllers,
      mqttAuth,
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
