/**
 * @module controllers/runtime/spat
 * A controller's displays as a SPaT message (core `spat`, J2735 SignalPhaseAndTiming-like): per
 * signal group the J2735 MovementPhaseState and the min / max / likely end of the current state.
 */
import type { MovementPhaseState, Spat } from '../../core/index.ts';
import type { SignalController, SignalGroupState } from '../firmware/index.ts';

/** J2735 MovementPhaseState of a group state (J2735 2016 §7.161). */
export function movementPhaseStateOf(g: SignalGroupState): MovementPhaseState {
  if (g.flashing) return 'stop-then-proceed';
  switch (g.color) {
    case 'G':
      return 'protected-movement-allowed';
    case 'g':
      return 'permissive-movement-allowed';
    case 'y':
      return 'protected-clearance';
    default:
      return 'stop-and-remain';
  }
}

/** Build the SPaT message of a controller at its last step. */
export function spatOf(c: SignalController, envelope: { id: string; seq: number; ts: number }): Spat {
  return {
    kind: 'spat',
    id: envelope.id,
    deviceId: c.intersectionId,
    seq: envelope.seq,
    ts: envelope.ts,
    intersectionId: c.intersectionId,
    mode: c.mode,
    planId: c.planId,
    cycleSecond: c.cycleSecond,
    fault: c.fault === null ? null : c.fault.slice(0, 200),
    groups: c.signalGroupStates().map((g) => ({
      signalGroup: g.signalGroup,
      state: movementPhaseStateOf(g),
      minEndTime: g.minEndMs,
      maxEndTime: g.maxEndMs,
      likelyTime: g.likelyEndMs,
    })),
  };
}
