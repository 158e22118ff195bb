/**
 * @module bench/evaluation/harness
 * Strategy in the loop: a scenario runs in the simulator on its virtual clock while the edge's own code
 * drives the in-process controllers. For our scenarios that is a whole `EdgeNode` per region, fed every
 * field message the simulated devices emit (loop actuations and reports, bus GPS) — detector
 * processing, bus tracking, TSP location, strategies and the command planner exactly as the live edge
 * runs them. For an imported SUMO network, which has no scenario, the same pieces are wired by hand:
 * `DetectorProcessor` → `IntersectionControl` (`createStrategy`) → `applyCommand`, once a simulated
 * second, heartbeat included.
 */
import { VirtualClock } from '../../core/index.ts';
import type { Message } from '../../core/index.ts';
import {
  createStrategy,
  DetectorProcessor,
  EdgeNode,
  InProcessControllerLink,
  IntersectionControl,
  type CreateStrategyOptions,
} from '../../edge/index.ts';
import type { FieldMessage } from '../../simulator/index.ts';
import { runKpis, type EvaluationKpis } from './kpis.ts';
import { prepareEvaluation, type EvaluationRun, type EvaluationSource } from './sources.ts';

/** Options of {@link runStrategy}. */
export type StrategyRunOptions = {
  /** `static`, `webster`, `actuated`, `max-pressure` or `scats` (edge/adaptive `STRATEGY_NAMES`). */
  readonly strategy: string;
  /** Add transit signal priority on top. */
  readonly tsp?: boolean;
  readonly seed?: number;
  /** Simulated seconds after the begin (default: the source's own). */
  readonly endS?: number;
  /** Control period, simulated seconds. Default 1 (the live edge's default). */
  readonly controlPeriodS?: number;
  /** SUMO sources only: extra strategy options. */
  readonly strategyOptions?: Omit<CreateStrategyOptions, 'tsp'>;
};

/** A strategy's run: KPIs plus the safety record. */
export type StrategyRun = EvaluationKpis & {
  readonly source: string;
  readonly strategy: string;
  readonly tsp: boolean;
  /** Conflict-monitor trips seen on any controller (must be empty). */
  readonly faults: readonly string[];
  /** Commands sent to controllers. */
  readonly commands: number;
};

/** Something stepped once per control period. */
type ControlLoop = { readonly tick: () => void; readonly commands: () => number };

function edgeNodes(
  run: EvaluationRun,
  clock: VirtualClock,
  o: StrategyRunOptions,
  nodes: Map<string, EdgeNode>,
) {
  const scenario = run.scenario;
  if (scenario === null) throw new Error('edge nodes need a scenario');
  for (const region of scenario.regions) {
    const links = new Map(
      run.intersections
        .filter((x) => x.region === region.id)
        .map((x) => {
          const c = run.controllers.get(x.id);
          if (c === undefined) throw new Error(`no controller for ${x.id}`);
          return [x.id, new InProcessControllerLink(x.id, c)] as const;
        }),
    );
    nodes.set(
      region.id,
      new EdgeNode({
        scenario,
        region: region.id,
        clock,
        strategy: o.strategy,
        tsp: o.tsp ?? false,
        controllers: links,
        uplink: { enqueue: () => undefined },
      }),
    );
  }
  return {
    tick: () => {
      for (const n of nodes.values()) n.tick();
    },
    commands: () => [...nodes.values()].reduce((a, n) => a + n.stats().commandsSent, 0),
  };
}

function directLoop(
  run: EvaluationRun,
  clock: VirtualClock,
  o: StrategyRunOptions,
  det: DetectorProcessor,
): ControlLoop {
  const controls = run.intersections.map((x) => ({
    control: new IntersectionControl(
      x,
      run.movementsOf(x.id),
      run.detectors,
      createStrategy(o.strategy, { ...o.strategyOptions, tsp: o.tsp ?? false }),
    ),
    link: new InProcessControllerLink(x.id, run.controllers.get(x.id)!),
  }));
  let sent = 0;
  return {
    tick: () => {
      det.tick();
      const samples = new Map(det.views().map((v) => [v.detectorId, v]));
      for (const { control, link } of controls) {
        const step = control.step(clock.now(), link.snapshot(), samples);
        link.send(step.commands);
        sent += step.commands.length;
      }
    },
    commands: () => sent,
  };
}

/** Run one strategy on one source to its end. */
export function runStrategy(source: EvaluationSource, o: StrategyRunOptions): StrategyRun {
  const clock = new VirtualClock(0);
  const nodes = new Map<string, EdgeNode>();
  let detectors: DetectorProcessor | null = null;
  const sink = (region: string, message: FieldMessage): void => {
    if (message.ts > clock.now()) clock.advanceTo(message.ts);
    const m: Message = message;
    if (detectors !== null) {
      if (m.kind === 'det.actuation') detectors.onActuation(m);
      else if (m.kind === 'det.report') detectors.onReport(m);
      return;
    }
    nodes.get(region)?.handleMessage(m);
  };
  const run = prepareEvaluation(source, {
    seed: o.seed ?? 1,
    sink,
    ...(o.endS === undefined ? {} : { endS: o.endS }),
  });
  const { sim } = run;
  clock.advanceTo(sim.nowMs);
  let loop: ControlLoop;
  if (run.scenario !== null) loop = edgeNodes(run, clock, o, nodes);
  else {
    detectors = new DetectorProcessor({ clock, detectors: run.detectors, links: [] });
    loop = directLoop(run, clock, o, detectors);
  }
  const periodS = o.controlPeriodS ?? 1;
  const faults: string[] = [];
  const faulted = new Set<string>();
  let nextControlS = sim.timeS;
  sim.observe(() => {
    if (sim.nowMs > clock.now()) clock.advanceTo(sim.nowMs);
    if (sim.timeS + 1e-9 < nextControlS) return;
    nextControlS += periodS;
    loop.tick();
    for (const [id, c] of run.controllers) {
      if (c.fault === null || faulted.has(id)) continue;
      faulted.add(id);
      faults.push(`${id}: ${c.fault}`);
    }
  });
  const end = run.beginS + run.endS;
  const t0 = performance.now();
  while (sim.timeS < end - 1e-9) sim.step();
  const kpis = runKpis(sim, run.beginS, performance.now() - t0);
  return {
    ...kpis,
    source: run.name,
    strategy: o.strategy,
    tsp: o.tsp ?? false,
    faults,
    commands: loop.commands(),
  };
}
