/**
 * @module controllers/firmware/displays
 * Reading a controller's displays: per-group states (reused objects, filled on demand with J2735
 * end times) and per-movement letters. Nothing here runs per step.
 */
import type { Layout } from './layout.ts';
import type { MovementMap, SignalColor, SignalGroupState } from './outputs.ts';
import { groupLetter, movementLetter, movementMap, pedDisplay } from './outputs.ts';
import type { EndTimes, Sequencer, StepContext } from './sequencer.ts';

function finite(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : Math.round(v);
}

/** The display reader of one controller. */
export class Displays {
  readonly #layout: Layout;
  readonly #seq: Sequencer;
  readonly #movements: MovementMap;
  readonly #states: SignalGroupState[];
  readonly #ends: EndTimes;

  constructor(layout: Layout, seq: Sequencer) {
    const n = layout.groups.length;
    this.#layout = layout;
    this.#seq = seq;
    this.#movements = movementMap(layout);
    this.#states = layout.groups.map((g) => ({
      signalGroup: g.number,
      color: 'r',
      ped: null,
      flashing: false,
      minEndMs: null,
      maxEndMs: null,
      likelyEndMs: null,
    }));
    this.#ends = {
      minEndMs: new Float64Array(n),
      maxEndMs: new Float64Array(n),
      likelyEndMs: new Float64Array(n),
    };
  }

  /** The letter of a movement; `r` for movements no group serves, and in flash. */
  movementState(movementId: string, flash: boolean): SignalColor {
    const entry = this.#movements.get(movementId);
    if (entry === undefined || flash) return 'r';
    return movementLetter(entry, this.#seq.color);
  }

  controls(movementId: string): boolean {
    return this.#movements.has(movementId);
  }

  /** Every group's state, updated in place. */
  states(nowMs: number, ctx: StepContext, flash: boolean): readonly SignalGroupState[] {
    const seq = this.#seq;
    if (!flash && !Number.isNaN(nowMs)) seq.fillEndTimes(nowMs, ctx, this.#ends);
    for (let g = 0; g < this.#states.length; g++) {
      const s = this.#states[g] as SignalGroupState;
      s.flashing = flash;
      s.color = flash ? 'r' : groupLetter(this.#layout, g, seq.color[g] ?? 0);
      s.ped = pedDisplay(this.#layout, g, flash ? 0 : (seq.ped[g] ?? 0));
      s.minEndMs = flash ? null : finite(this.#ends.minEndMs[g]);
      s.maxEndMs = flash ? null : finite(this.#ends.maxEndMs[g]);
      s.likelyEndMs = flash ? null : finite(this.#ends.likelyEndMs[g]);
    }
    return this.#states;
  }
}
