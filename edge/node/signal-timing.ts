/**
 * @module edge/node/signal-timing
 * The SPaT-like live timing of each intersection's units for the uplink's `signal-state.timing`:
 * per unit whether it is green, for how long it has been green or red, the earliest and latest end
 * of its green (minimum and maximum green, as J2735 SPaT's minEndTime / maxEndTime), and the length
 * of its last green and of the red before it. Also tells when an intersection's set of green units
 * changed, so the edge sends the timing as it changes rather than every 30 s, and each unit's last
 * cycle (green and the red before it) for the travel time of links measured at their stop line.
 */
import type { UnitTimingItem } from '../../core/index.ts';
import type { UnitState } from '../adaptive/index.ts';

/** What is remembered of one intersection between control steps. */
type Seen = {
  green: string;
  /** Per unit, the red it had at the previous step (seconds since its green ended) and its last full red. */
  readonly redS: Map<string, number | null>;
  readonly lastRedS: Map<string, number>;
  /** Per unit, its green and cycle smoothed over the cycles seen (each cycle: a green and the red after it). */
  readonly cycles: Map<string, { greenS: number; cycleS: number }>;
  units: readonly UnitState[];
};

/** Weight of the newest cycle in a unit's smoothed green and cycle. */
const CYCLE_ALPHA = 0.3;

const round1 = (x: number): number => Math.round(x * 10) / 10;
const clamp = (x: number, hi: number): number => Math.min(hi, Math.max(0, x));

/** Tracks every intersection's units from control step to control step. */
export class SignalTimingTracker {
  readonly #seen = new Map<string, Seen>();

  /** One control step's unit states of an intersection; true when its set of green units changed. */
  observe(intersectionId: string, units: readonly UnitState[]): boolean {
    const green = units
      .filter((u) => u.active)
      .map((u) => String(u.unit))
      .sort()
      .join(',');
    let seen = this.#seen.get(intersectionId);
    if (seen === undefined) {
      seen = { green, redS: new Map(), lastRedS: new Map(), cycles: new Map(), units };
      this.#seen.set(intersectionId, seen);
    }
    const changed = seen.green !== green;
    for (const u of units) {
      const key = String(u.unit);
      // A unit that turns green ends its red: its length is what the unit last showed as red.
      const before = seen.redS.get(key);
      if (u.active && before !== undefined && before !== null) {
        seen.lastRedS.set(key, before);
        // The green before that red ended a cycle: green plus red, as the unit saw them.
        const greenS = seen.units.find((p) => String(p.unit) === key)?.lastGreenS ?? null;
        if (greenS !== null && greenS > 0) smoothCycle(seen.cycles, key, greenS, greenS + before);
      }
      seen.redS.set(key, u.active ? null : u.redS);
    }
    seen.green = green;
    seen.units = units;
    return changed;
  }

  /**
   * A unit's green and cycle over its recent cycles as seen (whatever ran the controller; the newest
   * weighs 0.3), or null until it has shown a whole green and the red after it.
   */
  recentCycle(intersectionId: string, unit: string): { greenS: number; cycleS: number } | null {
    return this.#seen.get(intersectionId)?.cycles.get(unit) ?? null;
  }

  /** The live timing of an intersection's units as of its last step, or null before any step. */
  timing(intersectionId: string, atMs: number): { at: number; units: UnitTimingItem[] } | null {
    const seen = this.#seen.get(intersectionId);
    if (seen === undefined) return null;
    const units = seen.units.map((u): UnitTimingItem => {
      const greenS = u.active ? (u.greenS ?? 0) : null;
      const elapsedS = greenS ?? u.redS;
      const lastRedS = seen.lastRedS.get(String(u.unit));
      return {
        unit: String(u.unit).slice(0, 64),
        green: u.active,
        elapsedS: elapsedS === null ? null : round1(clamp(elapsedS, 86_400)),
        minEndS: greenS === null ? null : round1(clamp(u.minGreenS - greenS, 600)),
        maxEndS: greenS === null ? null : round1(clamp(u.maxGreenS - greenS, 600)),
        lastGreenS: u.lastGreenS === null ? null : round1(clamp(u.lastGreenS, 600)),
        lastRedS: lastRedS === undefined ? null : round1(clamp(lastRedS, 600)),
      };
    });
    return { at: atMs, units };
  }
}

function smoothCycle(
  cycles: Map<string, { greenS: number; cycleS: number }>,
  unit: string,
  greenS: number,
  cycleS: number,
): void {
  const old = cycles.get(unit);
  cycles.set(
    unit,
    old === undefined
      ? { greenS, cycleS }
      : {
          greenS: old.greenS + CYCLE_ALPHA * (greenS - old.greenS),
          cycleS: old.cycleS + CYCLE_ALPHA * (cycleS - old.cycleS),
        },
  );
}
