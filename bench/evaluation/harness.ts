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
import type { Intersection, Message } from '../../core/index.ts';
import {
  createStrategy,
  DEFAULT_TSP_MIN_LATE_S,
  DetectorProcessor,
  DetectorSignals,
  EdgeNode,
  InProcessControllerLink,
  IntersectionControl,
  BusTracker,
  RouteCatalog,
  SignalTimingTracker,
  TspLocator,
  type CreateStrategyOptions,
  type DetectorSample,
  type SignalStrategy,
  type TransitPriorityOptions,
  type TspRequest,
  type TspRule,
  tspRuleOptions,
} from '../../edge/index.ts';
import type { FieldMessage, Simulation } from '../../simulator/index.ts';
import { BusDwell, runKpis, type EvaluationKpis } from './kpis.ts';
import { fieldRouting, type FieldRouting } from './field-routing.ts';
import { prepareEvaluation, type EvaluationRun, type EvaluationSource } from './sources.ts';

/** Options of {@link runStrategy}. */
export type StrategyRunOptions = {
  /** `static`, `webster`, `actuated`, `max-pressure`, `scats` or `schedule-driven` (edge/adaptive `STRATEGY_NAMES`). */
  readonly strategy: string;
  /** Add transit signal priority on top. */
  readonly tsp?: boolean;
  /**
   * With `tsp`: how late a bus must be for priority, s (schedule deviation, or headway lateness on
   * a headway-based trip; -Infinity: every approaching bus; or a tiered rule), as `its edge --tsp-min-late`. Default
   * the edge node's (`DEFAULT_TSP_MIN_LATE_S`). Runs through the edge nodes, as live (a SUMO source,
   * which has no buses, wires by hand).
   */
  readonly tspRule?: TspRule;
  readonly seed?: number;
  /** Simulated seconds after the begin (default: the source's own). */
  readonly endS?: number;
  /** Simulation step, s. */
  readonly stepS?: number;
  /** Called now and then with the share done (0..1). */
  readonly onProgress?: (done: number) => void;
  /** Called with the finished simulation (series and trips, for an HTML report). */
  readonly onFinish?: (sim: Simulation) => void;
  /** Control period, simulated seconds. Default 1 (the live edge's default). */
  readonly controlPeriodS?: number;
  /** Extra strategy options (wires the edge pieces by hand, as for SUMO sources). */
  readonly strategyOptions?: Omit<CreateStrategyOptions, 'tsp'>;
  /** Build each intersection's strategy instead of `createStrategy` (tuned options; wires by hand). */
  readonly strategyFactory?: (intersection: Intersection) => SignalStrategy;
  /**
   * Transit priority settings (implies `tsp`; wires the edge pieces by hand). For the rule alone
   * use {@link tspRule}, which runs the edge nodes as live.
   */
  readonly tspOptions?: Partial<TransitPriorityOptions>;
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
        ...(o.tspRule === undefined ? {} : { tspRule: o.tspRule }),
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

/** TSP requests expire after this long without a fix (the live edge node's value). */
const TSP_REQUEST_TTL_MS = 10_000;

/** Bus tracking and TSP location as the edge node does them, for the hand-wired loop. */
class BusPriority {
  readonly #tracker: BusTracker;
  readonly #locator: TspLocator;
  readonly #requests = new Map<string, { intersectionId: string; request: TspRequest; atMs: number }>();

  constructor(run: EvaluationRun, controls: readonly IntersectionControl[]) {
    const sc = run.scenario;
    if (sc?.transit === undefined) throw new Error('bus priority needs a scenario with transit');
    this.#tracker = new BusTracker(new RouteCatalog(sc.transit));
    this.#locator = new TspLocator(
      sc.network,
      sc.transit,
      controls.map((c) => c.intersection),
      new Map(controls.map((c) => [c.intersection.id, c.units])),
    );
  }

  onFix(fix: Extract<Message, { kind: 'bus.position' }>, nowMs: number): void {
    const r = this.#tracker.onFix(fix, nowMs);
    if (!r.accepted) return;
    const located = this.#locator.locate({ ...r.progress, headwayLatenessS: r.headwayLatenessS });
    if (located === null) this.#requests.delete(fix.vehicleId);
    else this.#requests.set(fix.vehicleId, { ...located, atMs: nowMs });
  }

  requests(nowMs: number): Map<string, TspRequest[]> {
    for (const v of this.#tracker.expire(nowMs)) this.#requests.delete(v);
    const out = new Map<string, TspRequest[]>();
    for (const [vehicleId, t] of this.#requests) {
      if (nowMs - t.atMs > TSP_REQUEST_TTL_MS) {
        this.#requests.delete(vehicleId);
        continue;
      }
      out.set(t.intersectionId, [...(out.get(t.intersectionId) ?? []), t.request]);
    }
    return out;
  }
}

/**
 * One region's input side, as its edge node has it: the region's own detectors (an edge subscribes to
 * its region's devices only, so a loop across the region border — e.g. the downstream loops a
 * boundary intersection's spillback check reads — is not seen) and its own bus tracking.
 */
type RegionInputs = { readonly detectors: DetectorProcessor; buses: BusPriority | null };

/** Hand-wired inputs per region (a SUMO import has none: one region takes every message). */
type DirectWiring = {
  readonly regions: Map<string, RegionInputs>;
  readonly regionOf: (x: Intersection) => string;
  /** Each region's detectors' view of its signals, as its edge node's signal side gives it. */
  readonly signals: Map<string, DetectorSignals>;
};

/** A region's detector processor, reading its signals' view as the edge node's does. */
function regionDetectors(
  clock: VirtualClock,
  detectors: EvaluationRun['detectors'],
  links: NonNullable<EvaluationRun['scenario']>['network']['links'],
  signals: Map<string, DetectorSignals>,
  region: string,
): DetectorProcessor {
  return new DetectorProcessor({
    clock,
    detectors,
    links,
    stopLineTiming: (id) => signals.get(region)?.stopLineTiming(id) ?? null,
    unitOf: (id) => signals.get(region)?.unitOf(id),
  });
}

const ANY_REGION = '*';

/** A field message into one region's hand-wired inputs, as its edge node would take it. */
function deliverDirect(w: DirectWiring, region: string, m: Message, nowMs: number): void {
  const inputs = w.regions.get(w.regions.has(ANY_REGION) ? ANY_REGION : region);
  if (inputs === undefined) return;
  if (m.kind === 'det.actuation') inputs.detectors.onActuation(m);
  else if (m.kind === 'det.report') inputs.detectors.onReport(m);
  else if (m.kind === 'status') inputs.detectors.onAlive(m.deviceId);
  else if (m.kind === 'bus.position') inputs.buses?.onFix(m, nowMs);
}

function directWiring(run: EvaluationRun, clock: VirtualClock): DirectWiring {
  const sc = run.scenario;
  const regions = new Map<string, RegionInputs>();
  const signals = new Map<string, DetectorSignals>();
  if (sc === null) {
    regions.set(ANY_REGION, {
      detectors: regionDetectors(clock, run.detectors, [], signals, ANY_REGION),
      buses: null,
    });
    return { regions, regionOf: () => ANY_REGION, signals };
  }
  for (const r of sc.regions)
    regions.set(r.id, {
      detectors: regionDetectors(
        clock,
        sc.detectors.filter((d) => d.region === r.id),
        sc.network.links,
        signals,
        r.id,
      ),
      buses: null,
    });
  return { regions, regionOf: (x) => x.region, signals };
}

function directLoop(
  run: EvaluationRun,
  clock: VirtualClock,
  o: StrategyRunOptions,
  w: DirectWiring,
): ControlLoop {
  const tsp = o.tspOptions ?? (o.tsp === true ? tspRuleOptions(o.tspRule ?? DEFAULT_TSP_MIN_LATE_S) : false);
  const controls = run.intersections.map((x) => ({
    region: w.regionOf(x),
    control: new IntersectionControl(
      run.strategyView(x),
      run.movementsOf(x.id),
      run.detectors,
      o.strategyFactory?.(x) ?? createStrategy(o.strategy, { ...o.strategyOptions, tsp }),
    ),
    link: new InProcessControllerLink(x.id, run.controllers.get(x.id)!),
  }));
  const timing = new SignalTimingTracker();
  for (const id of w.regions.keys()) {
    const own = controls.filter((c) => c.region === id);
    const links = new Map(own.map((c) => [c.control.intersection.id, c.link]));
    w.signals.set(
      id,
      new DetectorSignals(
        own.map((c) => c.control),
        timing,
        (x) => links.get(x)?.snapshot().online === true,
      ),
    );
  }
  if (tsp !== false && run.scenario?.transit !== undefined)
    for (const [id, inputs] of w.regions)
      inputs.buses = new BusPriority(
        run,
        controls.filter((c) => c.region === id).map((c) => c.control),
      );
  let sent = 0;
  return {
    tick: () => {
      const nowMs = clock.now();
      const samples = new Map<string, Map<string, DetectorSample>>();
      const requests = new Map<string, Map<string, TspRequest[]>>();
      for (const [id, inputs] of w.regions) {
        inputs.detectors.tick();
        samples.set(id, new Map(inputs.detectors.views().map((v) => [v.detectorId, v])));
        requests.set(id, inputs.buses?.requests(nowMs) ?? new Map<string, TspRequest[]>());
      }
      for (const { region, control, link } of controls) {
        const step = control.step(
          nowMs,
          link.snapshot(),
          samples.get(region) ?? new Map<string, DetectorSample>(),
          requests.get(region)?.get(control.intersection.id) ?? [],
        );
        timing.observe(control.intersection.id, step.units);
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
  let direct: DirectWiring | null = null;
  const tspOn = (o.tsp ?? false) || o.tspOptions !== undefined;
  let routing: FieldRouting = (region) => [region];
  const sink = (region: string, message: FieldMessage): void => {
    if (message.ts > clock.now()) clock.advanceTo(message.ts);
    const m: Message = message;
    for (const r of routing(region, m)) {
      if (direct === null) nodes.get(r)?.handleMessage(m);
      else deliverDirect(direct, r, m, clock.now());
    }
  };
  const run = prepareEvaluation(source, {
    seed: o.seed ?? 1,
    sink,
    ...(o.endS === undefined ? {} : { endS: o.endS }),
    ...(o.stepS === undefined ? {} : { stepS: o.stepS }),
  });
  const { sim } = run;
  clock.advanceTo(sim.nowMs);
  routing = fieldRouting(run.scenario, tspOn);
  let loop: ControlLoop;
  if (
    run.scenario !== null &&
    o.strategyOptions === undefined &&
    o.tspOptions === undefined &&
    o.strategyFactory === undefined
  )
    loop = edgeNodes(run, clock, o, nodes);
  else {
    const wiring = directWiring(run, clock);
    direct = wiring;
    loop = directLoop(run, clock, o, wiring);
  }
  const dwell = new BusDwell(sim);
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
  const start = sim.timeS;
  let nextReport = 0;
  while (sim.timeS < end - 1e-9) {
    sim.step();
    if (o.onProgress !== undefined && sim.state.stepNo >= nextReport) {
      o.onProgress((sim.timeS - start) / Math.max(1, end - start));
      nextReport = sim.state.stepNo + 200;
    }
  }
  o.onProgress?.(1);
  o.onFinish?.(sim);
  const kpis = runKpis(sim, run.beginS, performance.now() - t0, dwell);
  return {
    ...kpis,
    source: run.name,
    strategy: o.strategy,
    tsp: tspOn,
    faults,
    commands: loop.commands(),
  };
}
