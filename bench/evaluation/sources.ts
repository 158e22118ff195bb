/**
 * @module bench/evaluation/sources
 * What an evaluation runs on: one of our scenarios (grid, demo city) through the simulator's
 * `prepareRun`, or an imported SUMO network and routes. SUMO programs are static (a phase's min and
 * max duration both equal its duration), which would leave an adaptive strategy no room at all; like
 * the resco benchmark, which lets its controllers choose greens freely within safe bounds, the import
 * is made with stop-bar loops and each group's green bounded by 5 s and 60 s (the fixed plan itself,
 * which `static` and `webster` start from, is SUMO's program unchanged).
 */
import { readFileSync } from 'node:fs';
import { createController } from '../../controllers/index.ts';
import { ConfigError } from '../../core/index.ts';
import type { Detector, Intersection, Movement, Scenario } from '../../core/index.ts';
import type { InProcessController } from '../../edge/index.ts';
import {
  buildSimNet,
  createControllerHeads,
  createRng,
  createRouter,
  Envelopes,
  LoopDetectors,
  prepareRun,
  readSumoNet,
  readSumoRoutes,
  Simulation,
  sumoNetToSpec,
  sumoRoutesToDemand,
  sumoTlsToIntersections,
  type MessageSink,
  type MovementController,
  type SimNet,
} from '../../simulator/index.ts';

/** An evaluation input. */
export type EvaluationSource =
  | { readonly kind: 'scenario'; readonly scenario: Scenario }
  | { readonly kind: 'sumo'; readonly netFile: string; readonly routesFile: string };

/** Run settings shared by every source. */
export type SourceOptions = {
  readonly seed: number;
  /** Simulated seconds after the begin. Default: the scenario's duration (SUMO: last departure + 1 h). */
  readonly endS?: number;
  readonly sink: MessageSink;
  /** Simulation step, s (default the simulator's 0.5). */
  readonly stepS?: number;
};

/** A simulation ready to step, with typed in-process controllers. */
export type EvaluationRun = {
  readonly sim: Simulation;
  readonly name: string;
  readonly scenario: Scenario | null;
  readonly intersections: readonly Intersection[];
  readonly detectors: readonly Detector[];
  /** Movements an intersection's strategy sees (SUMO movement ids repeat across traffic lights). */
  readonly movementsOf: (intersectionId: string) => readonly Movement[];
  readonly controllers: ReadonlyMap<string, InProcessController>;
  /** The intersection as the strategy sees it (its detector mapping); the controller keeps its own. */
  readonly strategyView: (x: Intersection) => Intersection;
  readonly beginS: number;
  readonly endS: number;
};

/** Green bounds given to imported SUMO signal groups, s. */
export const SUMO_MIN_GREEN_S = 5;
export const SUMO_MAX_GREEN_S = 60;

function hasCommands(c: MovementController): c is MovementController & InProcessController {
  return (
    typeof Reflect.get(c, 'hold') === 'function' &&
    typeof Reflect.get(c, 'activeUnits') === 'function' &&
    typeof Reflect.get(c, 'heartbeat') === 'function'
  );
}

function inProcess(id: string, c: MovementController): InProcessController {
  if (!hasCommands(c))
    throw new ConfigError(
      `controllers.${id}`,
      'the simulator built a controller without the command interface',
    );
  return c;
}

/** Prepare `source` for an evaluation run. */
export function prepareEvaluation(source: EvaluationSource, o: SourceOptions): EvaluationRun {
  if (source.kind === 'sumo') return prepareSumo(source.netFile, source.routesFile, o);
  const run = prepareRun(
    { kind: 'scenario', scenario: source.scenario },
    {
      seed: o.seed,
      sink: o.sink,
      ...(o.endS === undefined ? {} : { endS: o.endS }),
      ...(o.stepS === undefined ? {} : { stepS: o.stepS }),
    },
  );
  return {
    sim: run.sim,
    name: run.name,
    scenario: source.scenario,
    intersections: run.intersections,
    detectors: run.detectors,
    movementsOf: () => source.scenario.network.movements,
    controllers: new Map([...run.controllers].map(([id, c]) => [id, inProcess(id, c)])),
    strategyView: (x) => x,
    beginS: run.beginS,
    endS: run.endS,
  };
}

function loosened(x: Intersection): Intersection {
  if (x.control.type !== 'stages') return { ...x, mode: 'fixed' };
  const groups = x.control.groups.map((g) => ({
    ...g,
    minGreenS: Math.min(g.minGreenS, SUMO_MIN_GREEN_S),
    maxGreenS: Math.max(g.maxGreenS, SUMO_MAX_GREEN_S),
  }));
  return { ...x, mode: 'fixed', control: { ...x.control, groups } };
}

/**
 * SUMO approaches share lanes between movements (through + left on one lane, the left protected in a
 * stage of its own after a permissive one). A stop-bar loop on such a lane sees the through queue too,
 * so a strategy crediting it to the protected-left stage keeps calling a stage that cannot clear it
 * (cologne1: max pressure flickered between 5 s greens, 18 stops per vehicle). For the strategies, a
 * group green in more than one stage keeps no loops: the lane's loop counts for the movements that are
 * green in one stage only (the controller's own actuation keeps every loop).
 */
function turnLoopsOnce(x: Intersection): Intersection {
  if (x.control.type !== 'stages') return x;
  const stagesOf = new Map<number, number>();
  for (const st of x.control.stages) for (const g of st.groups) stagesOf.set(g, (stagesOf.get(g) ?? 0) + 1);
  const groups = x.control.groups.map((g) =>
    (stagesOf.get(g.group) ?? 0) > 1 ? { ...g, detectorIds: [] } : g,
  );
  return { ...x, control: { ...x.control, groups } };
}

/** Movements of the signalized connections, as the strategies' unit layout needs them. */
function signalMovements(net: SimNet): Map<string, Movement[]> {
  type Draft = { intersectionId: string; id: string; fromLink: string; toLink: string; lanes: Set<number> };
  const byId = new Map<string, Draft>();
  for (let c = 0; c < net.connSignal.length; c++) {
    const s = net.connSignal[c]!;
    if (s < 0) continue;
    const { intersectionId, movementId: id } = net.signals[s]!;
    const fromLane = net.connFromLane[c]!;
    const key = `${intersectionId}|${id}`;
    const m = byId.get(key) ?? {
      intersectionId,
      id,
      fromLink: net.linkIds[net.laneLink[fromLane]!]!,
      toLink: net.linkIds[net.connToLink[c]!]!,
      lanes: new Set<number>(),
    };
    m.lanes.add(Math.min(7, net.laneIndex[fromLane]!));
    byId.set(key, m);
  }
  const out = new Map<string, Movement[]>();
  for (const m of byId.values()) {
    const list = out.get(m.intersectionId) ?? [];
    list.push({
      id: m.id,
      fromLink: m.fromLink,
      toLink: m.toLink,
      turn: 'through',
      fromLanes: [...m.lanes].sort((a, b) => a - b),
    });
    out.set(m.intersectionId, list);
  }
  return out;
}

/** The SUMO branch of the simulator's `prepareRun`, with loops and loosened green bounds. */
function prepareSumo(netFile: string, routesFile: string, o: SourceOptions): EvaluationRun {
  const rng = createRng(o.seed);
  const demandRng = rng.fork();
  const snet = readSumoNet(readFileSync(netFile, 'utf8'), netFile);
  const net = buildSimNet(sumoNetToSpec(snet));
  const converted = sumoTlsToIntersections(snet, { region: 'sumo', mode: 'actuated' });
  const intersections = converted.intersections.map(loosened);
  const { demand } = sumoRoutesToDemand(
    readSumoRoutes(readFileSync(routesFile, 'utf8'), routesFile),
    net,
    createRouter(net),
    demandRng,
  );
  const first = demand.departures[0]?.departS ?? 0;
  const last = demand.departures[demand.departures.length - 1]?.departS ?? 0;
  const beginS = Math.floor(first);
  const controllers = new Map<string, InProcessController>();
  const heads = createControllerHeads(net, intersections, (x) => {
    const c = createController(x);
    controllers.set(x.id, c);
    return c;
  });
  const movements = signalMovements(net);
  const sim = new Simulation(net, demand, heads, {
    seed: o.seed,
    beginS,
    epochMs: Date.UTC(2026, 0, 4, 15, 0, 0),
    ...(o.stepS === undefined ? {} : { stepS: o.stepS }),
  });
  new LoopDetectors(sim, converted.detectors, [], o.sink, new Envelopes(o.seed)).attach(sim);
  return {
    sim,
    name: netFile.replace(/^.*\//, '').replace(/\.net\.xml$/, ''),
    scenario: null,
    intersections,
    detectors: converted.detectors,
    movementsOf: (id) => movements.get(id) ?? [],
    controllers,
    strategyView: turnLoopsOnce,
    beginS,
    endS: o.endS ?? Math.ceil(last - beginS) + 3600,
  };
}
