/**
 * @module simulator/devices/spat
 * SPaT from the simulated controllers: every period, each intersection's signal groups with their
 * J2735 MovementPhaseState and end times, as the field controllers publish them. An intersection whose
 * controller has lost communication (`controller-comm-loss`) publishes nothing for the window.
 */
import type { ControllerMode, Intersection, MovementPhaseState, ScenarioEvent } from '../../core/index.ts';
import { controllerMode } from '../../core/index.ts';
import type { Simulation } from '../engine/index.ts';
import type { GroupDisplay, MovementController } from '../signals/index.ts';
import type { Envelopes, MessageSink } from './sink.ts';

function phaseState(g: GroupDisplay): MovementPhaseState {
  if (g.flashing) return 'stop-then-proceed';
  switch (g.color) {
    case 'G':
      return 'protected-movement-allowed';
    case 'g':
      return 'permissive-movement-allowed';
    case 'y':
      return 'protected-clearance';
    case 'r':
      return 'stop-and-remain';
    default: {
      const never: never = g.color;
      return never;
    }
  }
}

const ms = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.round(v));

/** Publishes SPaT of every intersection every `periodS`. */
export class SpatEmitter {
  readonly #comm: Extract<ScenarioEvent, { type: 'controller-comm-loss' }>[];
  #next = 0;

  constructor(
    private readonly intersections: readonly Intersection[],
    private readonly controllers: ReadonlyMap<string, MovementController>,
    events: readonly ScenarioEvent[],
    private readonly sink: MessageSink,
    private readonly env: Envelopes,
    private readonly periodS = 1,
  ) {
    this.#comm = events.filter(
      (e): e is Extract<ScenarioEvent, { type: 'controller-comm-loss' }> => e.type === 'controller-comm-loss',
    );
  }

  /** Watch `sim`. */
  attach(sim: Simulation): this {
    this.#next = sim.timeS;
    sim.observe(() => {
      if (sim.timeS < this.#next) return;
      this.#next = sim.timeS + this.periodS;
      this.#emit(sim);
    });
    return this;
  }

  #emit(sim: Simulation): void {
    const t = sim.timeS;
    for (const x of this.intersections) {
      if (this.#comm.some((e) => e.intersectionId === x.id && t >= e.beginS && t < e.endS)) continue;
      const c = this.controllers.get(x.id);
      const states = c?.signalGroupStates?.();
      if (c === undefined || states === undefined) continue;
      const mode = controllerMode.safeParse(c.mode);
      this.sink(x.region, {
        kind: 'spat',
        ...this.env.next(x.id, sim.nowMs),
        intersectionId: x.id,
        mode: mode.success ? (mode.data as ControllerMode) : 'off',
        planId: c.planId ?? null,
        cycleSecond:
          c.cycleSecond === undefined || c.cycleSecond === null
            ? null
            : Math.min(600, Math.max(0, c.cycleSecond)),
        fault: c.fault ?? null,
        groups: states.slice(0, 64).map((g) => ({
          signalGroup: g.signalGroup,
          state: phaseState(g),
          minEndTime: ms(g.minEndMs),
          maxEndTime: ms(g.maxEndMs),
          likelyTime: ms(g.likelyEndMs),
        })),
      });
    }
  }
}
