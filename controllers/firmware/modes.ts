/**
 * @module controllers/firmware/modes
 * Operating modes (NTCIP 1202 unit control: local free / coordination, system control, flash):
 * - `fixed`: every phase in the plan recalled, each ended at its force-off point (pre-timed).
 * - `actuated`: free operation on detector calls, extension, gap-out and max-out.
 * - `coordinated`: coordinated phases held to their force-off, others actuated within their splits.
 * - `external`: actuated base with the adaptive layer's hold / force-off / call / omit, watched by
 *   the heartbeat watchdog.
 * - `flash`: after a conflict-monitor trip, until reset.
 */
import type { Behaviour } from './sequencer.ts';
import { ACTUATED, COORDINATED, EXTERNAL, FIXED } from './sequencer.ts';

/** Local operating modes an intersection can be configured with. */
export type LocalMode = 'fixed' | 'actuated' | 'coordinated';

/** How greens end in each running mode. */
export const BEHAVIOUR: Readonly<Record<LocalMode | 'external', Behaviour>> = Object.freeze({
  fixed: FIXED,
  actuated: ACTUATED,
  coordinated: COORDINATED,
  external: EXTERNAL,
});

/** Whether a mode runs a cycle (and so reports a cycle second). */
export function timesCycle(behaviour: Behaviour): boolean {
  return behaviour === FIXED || behaviour === COORDINATED;
}
