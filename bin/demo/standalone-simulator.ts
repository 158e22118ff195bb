/**
 * @module bin/demo/standalone-simulator
 * The live simulator as its own process against an external broker (`its demo --only sim --mqtt url`),
 * for the production topology where controllers, edges and centers run as separate processes. With
 * no controller objects to share, the simulation drives its signals with its own instances of the
 * same controller firmware (the controllers' door), as an offline run does; the real controller
 * processes run the scenario's plans on the same wall clock.
 */
import type { Scenario } from '../../core/index.ts';
import { createController, type SignalController } from '../../controllers/index.ts';
import { connectFieldPublisher, type FieldPublisher } from './adapters/field-publisher.ts';
import { startLiveSimulation, type LiveSimulation } from './live-simulation.ts';
import type { ScaledClock } from '../../core/index.ts';
import { alignedStartMs, clockStartingAt } from './demo-clock.ts';
import { withDemoIncident } from './demo-incident.ts';

/** Options of {@link startStandaloneSimulator}. */
export type StandaloneSimulatorOptions = {
  readonly scenario: Scenario;
  readonly speed: number;
  readonly mqttUrl: string;
  readonly seed: number;
  readonly username?: string;
  readonly password?: string;
};

/** A running standalone simulator. */
export type StandaloneSimulator = {
  readonly clock: ScaledClock;
  readonly simulation: LiveSimulation;
  readonly publisher: FieldPublisher;
  close(): Promise<void>;
};

/** Connect to the broker and start the simulation paced at `speed`. */
export async function startStandaloneSimulator(
  options: StandaloneSimulatorOptions,
): Promise<StandaloneSimulator> {
  // The simulation starts on the next whole detector interval, as the edges count them (demo-clock.ts).
  const nowMs = Date.now();
  const clock = clockStartingAt(alignedStartMs(options.scenario, nowMs), options.speed, nowMs);
  const controllers = new Map<string, SignalController>(
    options.scenario.intersections.map((x) => [x.id, createController(x)]),
  );
  const publisher = await connectFieldPublisher({
    url: options.mqttUrl,
    clientId: `its-sim-${options.scenario.id}`,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  const simulation = startLiveSimulation({
    // The demo city's incident as the demo runs it (demo-incident.ts).
    scenario: withDemoIncident(options.scenario),
    controllers,
    clock,
    seed: options.seed,
    sink: (region, message) => publisher.publish(region, message),
  });
  return {
    clock,
    simulation,
    publisher,
    async close() {
      simulation.stop();
      await publisher.close();
      clock.clearAll();
    },
  };
}
