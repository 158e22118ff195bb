/**
 * @module center/prediction/current-segment
 * Time a bus still needs on the segment it is on, from the share of the distance left and whether it
 * is standing still. A bus standing still (at the stop it just served, or at a red light) must first
 * finish that hold before it drives on, so it needs more than its share of the segment's average time;
 * a bus on the move does not. On the demo city's simulator ground truth half the next-stop predictions
 * are of standing buses, and without the hold they came out about 25 s early at the median.
 */

/** A bus slower than this, m/s, is standing (GPS speed noise stays below it). */
export const STANDING_MPS = 1;

/**
 * Expected rest of a standing bus's hold (dwell or red), seconds. On the demo city's simulator ground
 * truth (`its bench --only center-prediction`) the mean absolute next-stop error of standing buses is
 * 34 s with no hold, 29 s at 10 s, 28 s at 20 s. A full hold removes the early bias, and with it
 * riders' margin: the share of arrivals inside the TransitApp windows, which forgive a late bus more
 * than an early one, fell 2-4 points at 20 s and about 1 point at 10 s. A sign that sends a rider to
 * the stop too late costs more than one that is a little early, so the hold is 10 s.
 */
export const STANDING_HOLD_S = 10;

/** Spread of that hold, seconds (σ). */
const STANDING_HOLD_SD_S = 15;

/** Remaining time on the current segment, seconds: mean and variance. */
export type RemainingEstimate = { readonly meanS: number; readonly varianceS2: number };

/**
 * Remaining time of a bus with `shareLeft` (0-1) of a segment ahead, moving at `speedMps`, when the
 * whole segment takes `segment` (mean and variance, seconds).
 */
export function remainingOnSegment(
  segment: RemainingEstimate,
  shareLeft: number,
  speedMps: number,
): RemainingEstimate {
  const share = Math.min(1, Math.max(0, shareLeft));
  const meanS = share * segment.meanS;
  const varianceS2 = share * share * segment.varianceS2;
  if (speedMps >= STANDING_MPS) return { meanS, varianceS2 };
  return { meanS: meanS + STANDING_HOLD_S, varianceS2: varianceS2 + STANDING_HOLD_SD_S ** 2 };
}
