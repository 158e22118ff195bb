/**
 * @module edge/node/detector-signals
 * The detectors' view of the signals: which unit (phase or stage) of which intersection each loop
 * calls, and that unit's recent green and cycle as the control steps saw them (signal-timing). The
 * detector pipeline reads it for the speed of links measured at their stop line and for the
 * stuck-on and stuck-off tests. One piece for both harnesses: the edge node's signal side and the
 * evaluation's hand-wired loop build it alike, so they run figure for figure.
 */
import type { IntersectionControl } from '../adaptive/index.ts';
import type { SignalTimingTracker } from './signal-timing.ts';

export class DetectorSignals {
  readonly #unitOf = new Map<string, { intersectionId: string; unit: string }>();
  readonly #timing: SignalTimingTracker;
  readonly #online: (intersectionId: string) => boolean;

  /** `online`: whether the edge sees an intersection's controller (else its timing is unknown). */
  constructor(
    controls: readonly IntersectionControl[],
    timing: SignalTimingTracker,
    online: (intersectionId: string) => boolean,
  ) {
    this.#timing = timing;
    this.#online = online;
    for (const c of controls)
      for (const u of c.units)
        for (const d of u.detectorIds)
          if (!this.#unitOf.has(d))
            this.#unitOf.set(d, { intersectionId: c.intersection.id, unit: String(u.unit) });
  }

  /**
   * The recent green and cycle of the unit a detector calls; null for a detector no unit uses, before
   * the unit has shown a green and a red, and while its controller is unreachable (it runs a plan
   * the edge does not see).
   */
  stopLineTiming(detectorId: string): { greenS: number; cycleS: number } | null {
    const at = this.#unitOf.get(detectorId);
    if (at === undefined || !this.#online(at.intersectionId)) return null;
    return this.#timing.recentCycle(at.intersectionId, at.unit);
  }

  /** The intersection and unit a detector calls, as `<intersection>/<unit>`; undefined for none. */
  unitOf(detectorId: string): string | undefined {
    const at = this.#unitOf.get(detectorId);
    return at === undefined ? undefined : `${at.intersectionId}/${at.unit}`;
  }
}
