/**
 * @module simulator/engine/signals
 * The door through which the engine learns signal colours. The engine never decides a colour: a
 * {@link SignalHeads} implementation wraps the controllers from `controllers/` (or, in unit tests of
 * car following, a fixed double). States are J2735-like letters as SUMO writes them: `G` protected
 * green, `g` permissive green (yield), `y` yellow, `r` red.
 */

/** The colour of a movement's signal head. */
export type SignalColor = 'G' | 'g' | 'y' | 'r';

/** Signal heads for every signalized movement of a network (indexed as `SimNet.signals`). */
export interface SignalHeads {
  /** Advance every controller to `nowMs` (epoch ms on the simulation's virtual clock). */
  step(nowMs: number): void;
  /** Colour shown to the movement with this index. */
  stateOf(signalIndex: number): SignalColor;
  /** Feed a detector's presence to the controllers that use it (actuated operation). */
  setDetector(detectorId: string, occupied: boolean): void;
}

/** Heads that always show one colour; a test double for car-following tests. */
export function constantSignalHeads(color: SignalColor = 'G'): SignalHeads {
  return {
    step() {},
    stateOf() {
      return color;
    },
    setDetector() {},
  };
}
