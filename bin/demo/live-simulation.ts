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
import { prepareRun, type MessageSink, type Simulation } from '../../simulator/index.ts';
import type { ScaledClock } from '../../core/index.ts';

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

/** Build the run and start pacing it against the clock. */
export function startLiveSimulation(options: LiveSimulationOptions): LiveSimulation {
  const controllerFor = (x: Intersection): SignalController => {
    const c = options.controllers.get(x.id);
    if (c === undefined) throw new Error(`no running controller for intersection ${x.id}`);
    return c;
  };
  // The same preparation as an offline run (buses with GPS and card readers, subway gates, toll
  // gantries, loop detectors, incidents and faults), with the live controllers and the demo's clock.
  const { sim } = prepareRun(
    { kind: 'scenario', scenario: options.scenario },
    {
      seed: options.seed ?? 1,
      sink: options.sink,
      controllerFor,
      epochMs: options.clock.originMs,
      endS: Number.MAX_SAFE_INTEGER,
    },
  );
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
