/**
 * @module center/prediction/signal-wait
 * A bus's wait at the stop line ahead given the signal's live timing (uplink `signal-state.timing`),
 * against the mean wait the learnt segment times already hold. On fully actuated signals the wait at
 * a stop line is nearly independent from bus to bus (σ ≈ 35 s per signalised segment on the demo
 * city), so the segment's history cannot tell it; the signal's state now can, for a bus that reaches
 * the line within about a cycle. The unit's next change is taken from its timing: a green ends
 * between its minimum and maximum end, near where its last green would have ended; a red lasts about
 * as long as its last one. Beyond the next green the state now says nothing and the wait is the mean.
 */
import type { UnitTimingItem } from '../../core/index.ts';
import type { StopLine } from './stop-lines.ts';

/** The latest timing of one intersection's units, as read at `at`. */
export type IntersectionTiming = { readonly at: number; readonly units: readonly UnitTimingItem[] };

/** Wait of a bus reaching the line `etaS` from now: expected given the state, and for a random arrival. */
export type StopLineWait = { readonly expectedS: number; readonly meanS: number };

/** Spread of a green's or red's length around its last one, as a share (actuated gap-out varies). */
const SPREAD = [-0.3, -0.15, 0, 0.15, 0.3];

/**
 * Expected wait at a stop line served by `unit` for a bus reaching it `etaS` seconds after `nowMs`,
 * or null when the unit's cycle is not known yet (no full green and red seen) or its timing is stale.
 */
export function stopLineWait(
  timing: IntersectionTiming,
  units: readonly string[],
  nowMs: number,
  etaS: number,
  maxAgeS = 120,
): StopLineWait | null {
  const ageS = (nowMs - timing.at) / 1000;
  if (ageS < -5 || ageS > maxAgeS) return null;
  const served = timing.units.filter((u) => units.includes(u.unit));
  const u = served.find((x) => x.green) ?? served[0];
  if (u === undefined || u.lastGreenS === null || u.lastRedS === null || u.elapsedS === null) return null;
  const greenS = Math.max(1, u.lastGreenS);
  const redS = Math.max(0, u.lastRedS);
  const cycleS = greenS + redS;
  const meanS = (redS * redS) / (2 * cycleS);
  const elapsedS = u.elapsedS + Math.max(0, ageS);
  let sum = 0;
  for (const k of SPREAD) {
    let w: number;
    if (u.green) {
      // The green ends between its earliest and latest end, near where the last green would have.
      const minEnd = Math.max(0, (u.minEndS ?? 0) - ageS);
      const maxEnd = Math.max(minEnd, (u.maxEndS ?? greenS) - ageS);
      const endS = Math.min(maxEnd, Math.max(minEnd, greenS * (1 + k) - elapsedS));
      const nextRedS = redS * (1 + k);
      if (etaS < endS) w = 0;
      else if (etaS < endS + nextRedS) w = endS + nextRedS - etaS;
      else if (etaS < endS + nextRedS + greenS) w = 0;
      else w = meanS;
    } else {
      // A red that has lasted longer than its last one ends any moment now.
      const leftS = Math.max(2, redS * (1 + k) - elapsedS);
      if (etaS < leftS) w = leftS - etaS;
      else if (etaS < leftS + greenS) w = 0;
      else w = meanS;
    }
    sum += w;
  }
  return { expectedS: sum / SPREAD.length, meanS };
}

/** Keeps the latest timing of every intersection from the store's signal records. */
export class SignalBoard {
  readonly #timing = new Map<string, IntersectionTiming>();

  /** A signal-state record arrived; those without timing leave the last timing in place. */
  observe(intersectionId: string, timing: IntersectionTiming | undefined): void {
    if (timing === undefined) return;
    const known = this.#timing.get(intersectionId);
    if (known === undefined || timing.at >= known.at) this.#timing.set(intersectionId, timing);
  }

  /** The latest timing of an intersection, or undefined. */
  get(intersectionId: string): IntersectionTiming | undefined {
    return this.#timing.get(intersectionId);
  }
}

/** Speed a bus is taken to approach the stop line at, m/s (about 29 km/h, urban bus cruise). */
export const APPROACH_MPS = 8;

/**
 * The wait at the first stop line still ahead of a bus on its segment, the bus being at `shareLeft`
 * of the segment at `atMs` (its report, or the end of its dwell); null when there is none or its
 * signal's timing is not known.
 */
export function nextStopLineWait(
  lines: readonly StopLine[],
  board: SignalBoard,
  nowMs: number,
  shareLeft: number,
  atMs: number,
): StopLineWait | null {
  for (const line of lines) {
    const aheadM = (shareLeft - line.shareLeft) * line.segmentM;
    // Passed (a few metres of GPS noise allowed: a bus queued at the line stands on it).
    if (aheadM < -5) continue;
    const timing = board.get(line.intersectionId);
    if (timing === undefined) return null;
    const etaS = Math.max(0, (atMs - nowMs) / 1000 + Math.max(0, aheadM) / APPROACH_MPS);
    return stopLineWait(timing, line.units, nowMs, etaS);
  }
  return null;
}

/** How much longer than the mean a bus will wait at the stop line ahead (negative: shorter), s; 0 unknown. */
export function stopLineDelayS(
  lines: readonly StopLine[],
  board: SignalBoard,
  nowMs: number,
  shareLeft: number,
  atMs: number,
): number {
  const wait = nextStopLineWait(lines, board, nowMs, shareLeft, atMs);
  return wait === null ? 0 : wait.expectedS - wait.meanS;
}

/** Expected waits (s) that part the classes of {@link stopLineClass}. */
export const WAIT_CLASS_S = Object.freeze([5, 25]);

/**
 * The stop-line situation of a bus as a class for the learnt segment profile: `p` (passes: expected
 * wait under 5 s), `m` (under 25 s), `w` (longer), or null (no line ahead or no timing). The profile
 * then learns the time to the stop per class, with no model of what its plain mean already holds.
 */
export function stopLineClass(
  lines: readonly StopLine[],
  board: SignalBoard,
  nowMs: number,
  shareLeft: number,
  atMs: number,
): string | null {
  const wait = nextStopLineWait(lines, board, nowMs, shareLeft, atMs);
  if (wait === null) return null;
  const i = WAIT_CLASS_S.findIndex((t) => wait.expectedS < t);
  return ['p', 'm', 'w'][i < 0 ? WAIT_CLASS_S.length : i] ?? null;
}
