/**
 * @module bench/evaluation/edges-in-the-loop
 * A scenario in the simulator with the live edge code in the loop: one `EdgeNode` per region drives
 * its region's controllers in process and publishes its uplink into an in-memory inbox (what it would
 * publish on `its/v1/<r>/edge/<edgeId>/up`). Once a simulated second the edges tick and flush, and
 * every uplink message goes to the caller's center. The prediction and incident benches and the
 * simulator-in-the-loop center test share this wiring; time is a virtual clock that follows the
 * simulation.
 */
import { VirtualClock, type Message, type Scenario } from '../../core/index.ts';
import {
  EdgeNode,
  InProcessControllerLink,
  MemoryUplinkStore,
  UplinkForwarder,
  type EdgeNodeOptions,
  type UplinkTransport,
} from '../../edge/index.ts';
import type { FieldMessage } from '../../simulator/index.ts';
import { fieldRouting } from './field-routing.ts';
import { prepareEvaluation, type EvaluationRun } from './sources.ts';

/** Options of {@link EdgesInTheLoop}. */
export type EdgesInTheLoopOptions = {
  readonly seed: number;
  /** Simulated seconds the simulation is prepared for. */
  readonly endS: number;
  /** Each region's edge node options beyond its wiring (strategy, periods, ...). */
  readonly node: Omit<EdgeNodeOptions, 'scenario' | 'region' | 'clock' | 'controllers' | 'uplink'>;
  /** A field message on its way from the simulator to its region's edge (e.g. extra GPS noise). */
  readonly transform?: (message: FieldMessage) => Message;
};

/** Receives one uplink message, as a center's ingest does. */
export type UplinkDelivery = (topic: string, payload: string) => Promise<unknown>;

/** The simulation and its edges, stepped together. */
export class EdgesInTheLoop {
  readonly clock = new VirtualClock(0);
  readonly run: EvaluationRun;
  /** Epoch ms of the simulation's start. */
  readonly startMs: number;
  readonly #nodes = new Map<string, EdgeNode>();
  readonly #forwarders: UplinkForwarder[] = [];
  readonly #inbox: { topic: string; payload: string }[] = [];
  #nextTickMs: number;

  constructor(scenario: Scenario, o: EdgesInTheLoopOptions) {
    const clock = this.clock;
    const routing = fieldRouting(scenario, o.node.tsp ?? false);
    const sink = (region: string, message: FieldMessage): void => {
      if (message.ts > clock.now()) clock.advanceTo(message.ts);
      // Transformed whether or not the region has an edge yet, so a transform's state (a noise
      // generator) sees every message.
      const m = o.transform === undefined ? message : o.transform(message);
      for (const r of routing(region, m)) this.#nodes.get(r)?.handleMessage(m);
    };
    this.run = prepareEvaluation({ kind: 'scenario', scenario }, { seed: o.seed, sink, endS: o.endS });
    this.startMs = this.run.sim.nowMs;
    this.#nextTickMs = this.startMs;
    clock.advanceTo(this.startMs);
    const inbox = this.#inbox;
    const transport: UplinkTransport = {
      connected: true,
      publish: (topic, payload) => {
        inbox.push({ topic, payload });
        return Promise.resolve();
      },
      onConnectionChange: () => undefined,
    };
    for (const region of scenario.regions) {
      const uplink = new UplinkForwarder({
        store: new MemoryUplinkStore(),
        transport,
        clock,
        edgeId: `edge-${region.id}`,
        region: region.id,
      });
      this.#forwarders.push(uplink);
      const controllers = new Map(
        this.run.intersections
          .filter((x) => x.region === region.id)
          .flatMap((x) => {
            const c = this.run.controllers.get(x.id);
            return c === undefined ? [] : [[x.id, new InProcessControllerLink(x.id, c)] as const];
          }),
      );
      const node = new EdgeNode({ ...o.node, scenario, region: region.id, clock, controllers, uplink });
      this.#nodes.set(region.id, node);
    }
  }

  /** The edge node of a region. */
  edge(region: string): EdgeNode | undefined {
    return this.#nodes.get(region);
  }

  /**
   * Step the simulation until `untilMs` (epoch). Once a simulated second the edges tick and flush,
   * each uplink message goes to `deliver` in order, then `afterSecond` runs with the simulation's
   * time; its returning true ends the run there (a later call carries on).
   */
  async runUntil(
    untilMs: number,
    deliver: UplinkDelivery,
    afterSecond?: (nowMs: number) => Promise<boolean | void> | boolean | void,
  ): Promise<void> {
    const { sim } = this.run;
    while (sim.nowMs < untilMs) {
      sim.step();
      if (sim.nowMs > this.clock.now()) this.clock.advanceTo(sim.nowMs);
      if (sim.nowMs < this.#nextTickMs) continue;
      this.#nextTickMs += 1000;
      for (const n of this.#nodes.values()) n.tick();
      for (const f of this.#forwarders) f.flush();
      for (const m of this.#inbox.splice(0)) await deliver(m.topic, m.payload);
      if ((await afterSecond?.(sim.nowMs)) === true) return;
    }
  }
}
