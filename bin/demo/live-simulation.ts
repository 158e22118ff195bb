/**
 * @module bin/demo/live-simulation
 * The simulator live: the demo city stepped on the demo's {@link ScaledClock}, with its signals driven
 * by the very controller objects the OPC UA server exposes (so an edge's command changes what
 * simulated drivers see), and every simulated device message handed to a sink that publishes it over
 * MQTT. Composed from the simulator's public door, as `prepareRun` composes an offline run, because
 * the live run must share its controllers with the controller runtime instead of creating its own.
 */
import type { Intersection, Scenario } from '../../core/index.ts';
import type { SignalController } from '../../controllers/index.ts';
import {
  buildSimNet,
  compileDemand,
  compileNetwork,
  createControllerHeads,
  createRng,
  createRouter,
  Envelopes,
  LoopDetectors,
  Simulation,
  type MessageSink,
  type SimNet,
} from '../../simulator/index.ts';
import type { ScaledClock } from './scaled-clock.ts';

/** Options of {@link startLiveSimulation}. */
export type LiveSimulationOptions = {
  readonly scenario: Scenario;
  /** The running controllers by intersection id (shared with the controller runtime). */
  readonly controllers: ReadonlyMap<string, SignalController>;
  readonly clock: ScaledClock;
  readonly sink: MessageSink;
  readonly seed?: number;
  /** Wall period of the pacing loop, ms. Default 50. */
  readonly tickMs?: number;
};

/** Figures of a live run. */
export type LiveSimulationStats = {
  readonly simTimeS: number;
  readonly vehiclesInserted: number;
  readonly vehiclesArrived: number;
  /** Simulated seconds the run is behind the clock (0 when keeping up). */
  readonly lagS: number;
};

/** A running live simulation. */
export type LiveSimulation = {
  readonly sim: Simulation;
  stats(): LiveSimulationStats;
  stop(): void;
};

/** Most engine steps per pacing tick, so one slow tick cannot starve the event loop. */
const MAX_STEPS_PER_TICK = 400;

/** Lane-blocked incidents of the scenario, as `prepareRun` schedules them for offline runs. */
function scheduleLaneBlocks(sim: Simulation, net: SimNet, sc: Scenario): void {
  const events = sc.events.filter((e) => e.type === 'lane-blocked');
  const active = new Set<string>();
  sim.observe(() => {
    for (const e of events) {
      const link = net.linkIndexById.get(e.linkId);
      if (link === undefined) continue;
      const on = sim.timeS >= e.beginS && sim.timeS < e.endS;
      if (on === active.has(e.id)) continue;
      if (on) active.add(e.id);
      else active.delete(e.id);
      sim.setLaneBlocked(link, e.lanes, e.positionM, on);
    }
  });
}

/** Build the run and start pacing it against the clock. */
export function startLiveSimulation(options: LiveSimulationOptions): LiveSimulation {
  const sc = options.scenario;
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const net = buildSimNet(compileNetwork(sc));
  const demand = compileDemand(sc, net, createRouter(net), rng.fork());
  const factory = (x: Intersection): SignalController => {
    const c = options.controllers.get(x.id);
    if (c === undefined) throw new Error(`no running controller for intersection ${x.id}`);
    return c;
  };
  const heads = createControllerHeads(net, sc.intersections, factory);
  const sim = new Simulation(net, demand, heads, { seed, epochMs: options.clock.originMs });
  scheduleLaneBlocks(sim, net, sc);
  new LoopDetectors(sim, sc.detectors, sc.events, options.sink, new Envelopes(seed)).attach(sim);
  let lagMs = 0;
  const tick = (): void => {
    const target = options.clock.now();
    let steps = 0;
    while (sim.nowMs < target && steps < MAX_STEPS_PER_TICK) {
      sim.step();
      steps++;
    }
    lagMs = Math.max(0, target - sim.nowMs);
  };
  const timer = setInterval(tick, options.tickMs ?? 50);
  return {
    sim,
    stats: () => ({
      simTimeS: sim.timeS,
      vehiclesInserted: sim.state.counters.inserted,
      vehiclesArrived: sim.state.counters.arrived,
      lagS: lagMs / 1000,
    }),
    stop: () => clearInterval(timer),
  };
}
