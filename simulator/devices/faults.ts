/**
 * @module simulator/devices/faults
 * Communication faults from the scenario as device status: `controller-comm-loss` takes a controller
 * offline for its window, `edge-link-down` takes a region's edge link down; each emits a `status`
 * message when it starts (online: false) and when it ends (online: true). The live harness also stops
 * publishing for the device while it is down.
 */
import type { Intersection, ScenarioEvent } from '../../core/index.ts';
import type { Simulation } from '../engine/index.ts';
import type { Envelopes, MessageSink } from './sink.ts';

type CommEvent = Extract<ScenarioEvent, { type: 'controller-comm-loss' | 'edge-link-down' }>;

/** Scheduled communication faults. */
export class CommFaults {
  readonly #events: CommEvent[];
  readonly #active = new Set<string>();
  readonly #regionOf: ReadonlyMap<string, string>;

  constructor(
    events: readonly ScenarioEvent[],
    intersections: readonly Intersection[],
    private readonly sink: MessageSink | null,
    private readonly env: Envelopes,
  ) {
    this.#events = events.filter(
      (e): e is CommEvent => e.type === 'controller-comm-loss' || e.type === 'edge-link-down',
    );
    this.#regionOf = new Map(intersections.map((x) => [x.id, x.region]));
  }

  /** Regions whose edge link is down now. */
  regionsDown(): string[] {
    return this.#events
      .filter((e) => e.type === 'edge-link-down' && this.#active.has(e.id))
      .map((e) => (e.type === 'edge-link-down' ? e.region : ''));
  }

  /** Watch `sim`. */
  attach(sim: Simulation): this {
    if (this.#events.length > 0) sim.observe(() => this.#step(sim));
    return this;
  }

  #step(sim: Simulation): void {
    const t = sim.timeS;
    for (const e of this.#events) {
      const on = t >= e.beginS && t < e.endS;
      if (on === this.#active.has(e.id)) continue;
      if (on) this.#active.add(e.id);
      else this.#active.delete(e.id);
      const isEdge = e.type === 'edge-link-down';
      const region = isEdge ? e.region : (this.#regionOf.get(e.intersectionId) ?? 'sim');
      const deviceId = isEdge ? `edge-${e.region}` : e.intersectionId;
      this.sink?.(region, {
        kind: 'status',
        ...this.env.next(deviceId, sim.nowMs),
        deviceKind: isEdge ? 'edge' : 'controller',
        online: !on,
        reason: on ? `${e.type} (${e.id})` : `${e.type} ended (${e.id})`,
        seqReset: false,
        firmware: null,
      });
    }
  }
}
