/**
 * @module simulator/run/prepare
 * Assemble a run from a scenario or a SUMO network and routes: compile the network and demand, create
 * one controller per intersection through `controllers/` (the simulator never times a signal itself),
 * and schedule the scenario's incidents.
 */
import { createController, type SignalController } from '../../controllers/index.ts';
import { ConfigError } from '../../core/errors/index.ts';
import { busRegionOf, type Detector, type Intersection, type Scenario } from '../../core/index.ts';
import {
  buildSimNet,
  createRng,
  createRouter,
  Simulation,
  type SimDemand,
  type SimNet,
} from '../engine/index.ts';
import { compileDemand, compileNetwork } from '../scenario/index.ts';
import { seoulPolicy, type FarePolicy } from '../../core/fares/index.ts';
import {
  Buses,
  busDepartures,
  busTrips,
  CommFaults,
  Envelopes,
  FareCards,
  LoopDetectors,
  SubwayGates,
  TollGantries,
  type MessageSink,
  type ReaderInfo,
} from '../devices/index.ts';
import { createControllerHeads, type MovementController } from '../signals/index.ts';
import {
  readSumoNet,
  readSumoRoutes,
  sumoNetToSpec,
  sumoRoutesToDemand,
  sumoTlsToIntersections,
} from '../sumo/index.ts';

/** Where the run's network and demand come from. */
export type RunSource =
  | { readonly kind: 'scenario'; readonly scenario: Scenario }
  | {
      readonly kind: 'sumo';
      readonly netText: string;
      readonly netFile: string;
      readonly routesText: string;
      readonly routesFile: string;
    };

/** Signal strategy: SUMO's/the plan's fixed time, or actuated by the simulated loop detectors. */
export type TlsStrategy = 'static' | 'actuated';

/** Options of {@link prepareRun}. */
export type RunOptions = {
  readonly seed?: number;
  /** Simulated end, seconds after the begin; default the scenario's duration (SUMO: last departure + 1 h). */
  readonly endS?: number;
  /** Default: as each intersection is configured (scenario) or `static` (SUMO). */
  readonly tls?: TlsStrategy;
  readonly stepS?: number;
  readonly sampleS?: number;
  /** Receives every field device message (detectors, buses, taps, tolls). */
  readonly sink?: MessageSink;
  /**
   * Scenario runs: the controller to use for an intersection instead of creating one. Live mode passes
   * the controllers its OPC UA server exposes, so an edge's commands change what simulated drivers see.
   */
  readonly controllerFor?: (intersection: Intersection) => SignalController;
  /** Epoch ms of simulated second 0; default the scenario's start time. */
  readonly epochMs?: number;
};

/** A run ready to step. */
export type PreparedRun = {
  readonly sim: Simulation;
  readonly net: SimNet;
  readonly intersections: readonly Intersection[];
  readonly detectors: readonly Detector[];
  readonly controllers: ReadonlyMap<string, MovementController>;
  /** The same controllers as the firmware's type, for hosting them over OPC UA in live mode. */
  readonly signalControllers: readonly SignalController[];
  readonly scenario: Scenario | null;
  readonly beginS: number;
  readonly endS: number;
  /** Demand items left out, by reason (SUMO trips without a route). */
  readonly skipped: Readonly<Record<string, number>>;
  readonly name: string;
  readonly loops: LoopDetectors;
  /** Scenario runs only. */
  readonly buses: Buses | null;
  readonly subway: SubwayGates | null;
  readonly tolls: TollGantries | null;
  readonly faults: CommFaults | null;
  /** Seeded envelopes shared by every simulated device. */
  readonly envelopes: Envelopes;
};

function withMode(x: Intersection, tls: TlsStrategy | undefined): Intersection {
  if (tls === undefined) return x;
  return { ...x, mode: tls === 'static' ? 'fixed' : 'actuated' };
}

/** Build the run. Throws {@link ConfigError} or `FileFormatError` on bad input. */
export function prepareRun(source: RunSource, options: RunOptions = {}): PreparedRun {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new ConfigError('seed', 'must be an integer');
  const rng = createRng(seed);
  const demandRng = rng.fork();
  if (source.kind === 'scenario') return prepareScenario(source.scenario, options, seed, rng, demandRng);
  const snet = readSumoNet(source.netText, source.netFile);
  const net = buildSimNet(sumoNetToSpec(snet));
  const tls = options.tls ?? 'static';
  const converted = sumoTlsToIntersections(snet, {
    region: 'sumo',
    mode: tls === 'static' ? 'fixed' : 'actuated',
  });
  const { demand, skipped } = sumoRoutesToDemand(
    readSumoRoutes(source.routesText, source.routesFile),
    net,
    createRouter(net),
    demandRng,
  );
  const first = demand.departures[0]?.departS ?? 0;
  const last = demand.departures[demand.departures.length - 1]?.departS ?? 0;
  const beginS = Math.floor(first);
  const signalControllers: SignalController[] = [];
  const heads = createControllerHeads(net, converted.intersections, (x) =>
    keep(signalControllers, createController(x)),
  );
  const sim = new Simulation(net, demand, heads, {
    seed,
    beginS,
    epochMs: Date.UTC(2026, 0, 4, 15, 0, 0),
    ...(options.stepS === undefined ? {} : { stepS: options.stepS }),
    ...(options.sampleS === undefined ? {} : { sampleS: options.sampleS }),
  });
  const envelopes = new Envelopes(seed);
  const loops = new LoopDetectors(sim, converted.detectors, [], options.sink ?? null, envelopes).attach(sim);
  return {
    loops,
    envelopes,
    buses: null,
    subway: null,
    tolls: null,
    faults: null,
    sim,
    net,
    intersections: converted.intersections,
    detectors: converted.detectors,
    controllers: heads.controllers,
    signalControllers,
    scenario: null,
    beginS,
    endS: options.endS ?? Math.ceil(last - beginS) + 3600,
    skipped,
    name: source.netFile,
  };
}

/** Lane-blocked incidents: block at `beginS`, clear at `endS`. */
function scheduleLaneBlocks(sim: Simulation, net: SimNet, sc: Scenario): void {
  const events = sc.events.filter((e) => e.type === 'lane-blocked');
  if (events.length === 0) return;
  const active = new Set<string>();
  sim.observe(() => {
    const t = sim.timeS;
    for (const e of events) {
      const link = net.linkIndexById.get(e.linkId);
      if (link === undefined) continue;
      const on = t >= e.beginS && t < e.endS;
      if (on === active.has(e.id)) continue;
      if (on) active.add(e.id);
      else active.delete(e.id);
      sim.setLaneBlocked(link, e.lanes, e.positionM, on);
    }
  });
}

function farePolicy(): FarePolicy | null {
  try {
    return seoulPolicy();
  } catch {
    // Without the shared fare table the readers still tap, charging nothing.
    return null;
  }
}

function withBuses(sc: Scenario, net: SimNet, demand: SimDemand) {
  const trips = busTrips(sc, net);
  if (trips.length === 0) return { demand, trips };
  let typeIndex = demand.types.findIndex((t) => t.isBus === true);
  const types = [...demand.types];
  if (typeIndex < 0) {
    typeIndex = types.length;
    types.push({
      id: 'bus',
      lengthM: 12,
      minGapM: 2.5,
      accelMps2: 1.2,
      decelMps2: 4,
      maxSpeedMps: 27.78,
      headwayS: 1,
      speedDev: 0.05,
      isBus: true,
    });
  }
  const departures = [...demand.departures, ...busDepartures(trips, typeIndex)].sort(
    (a, b) => a.departS - b.departS,
  );
  return { demand: { types, departures }, trips };
}

function readersOf(sc: Scenario): Map<string, ReaderInfo> {
  const out = new Map<string, ReaderInfo>();
  for (const r of sc.fareReaders)
    if (r.routeId !== null && r.stopId === null)
      out.set(r.routeId, {
        readerId: r.id,
        mode: r.mode,
        operatorId: r.operatorId,
        routeId: r.routeId,
        region: r.region,
      });
  for (const route of sc.transit?.routes ?? [])
    if (!out.has(route.id) && route.mode !== null && route.operatorId !== null)
      out.set(route.id, {
        readerId: `reader-bus-${route.id}`.slice(0, 64),
        mode: route.mode,
        operatorId: route.operatorId,
        routeId: route.id,
        region: busRegionOf(sc, route.id),
      });
  return out;
}

function prepareScenario(
  sc: Scenario,
  options: RunOptions,
  seed: number,
  rng: ReturnType<typeof createRng>,
  demandRng: ReturnType<typeof createRng>,
): PreparedRun {
  const net = buildSimNet(compileNetwork(sc));
  const { demand, trips } = withBuses(sc, net, compileDemand(sc, net, createRouter(net), demandRng));
  const intersections = sc.intersections.map((x) => withMode(x, options.tls));
  const signalControllers: SignalController[] = [];
  const heads = createControllerHeads(net, intersections, (x) =>
    keep(signalControllers, options.controllerFor?.(x) ?? createController(x)),
  );
  const sim = new Simulation(net, demand, heads, {
    seed,
    epochMs: options.epochMs ?? Date.parse(sc.startTime),
    ...(options.stepS === undefined ? {} : { stepS: options.stepS }),
    ...(options.sampleS === undefined ? {} : { sampleS: options.sampleS }),
  });
  scheduleLaneBlocks(sim, net, sc);
  const sink = options.sink ?? null;
  const envelopes = new Envelopes(seed);
  const loops = new LoopDetectors(sim, sc.detectors, sc.events, sink, envelopes).attach(sim);
  const cards = new FareCards(sc, rng.fork(), farePolicy());
  const buses = new Buses(trips, readersOf(sc), cards, sc.events, sink, envelopes, rng.fork()).attach(sim);
  const subway = new SubwayGates(sc, cards, sink, envelopes, rng.fork()).attach(sim);
  const tolls = new TollGantries(sc, sim, sink, envelopes, seed).attach(sim);
  const faults = new CommFaults(sc.events, intersections, sink, envelopes).attach(sim);
  return {
    sim,
    net,
    intersections,
    detectors: sc.detectors,
    controllers: heads.controllers,
    signalControllers,
    scenario: sc,
    beginS: 0,
    endS: options.endS ?? sc.durationS,
    skipped: {},
    name: sc.name,
    loops,
    envelopes,
    buses,
    subway,
    tolls,
    faults,
  };
}

function keep(list: SignalController[], c: SignalController): SignalController {
  list.push(c);
  return c;
}
