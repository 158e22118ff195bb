/**
 * @module controllers/firmware/timing
 * Clearance formulas and unit conversion. Yellow change and red clearance defaults follow the ITE
 * kinematic formulas (ITE, "Guidelines for Determining Traffic Signal Change and Clearance
 * Intervals", 2020): yellow = t + v / (2a + 2Gg), all-red = (W + L) / v.
 */

/** Standard gravity, m/s². */
const G_MPS2 = 9.81;

/** Inputs of the ITE yellow change formula. */
export type YellowInputs = {
  /** Approach speed (85th percentile or limit), km/h. */
  readonly speedKmh: number;
  /** Perception-reaction time, s (ITE: 1.0). */
  readonly perceptionReactionS?: number;
  /** Comfortable deceleration, m/s² (ITE: 3.05 m/s² = 10 ft/s²). */
  readonly decelerationMps2?: number;
  /** Approach grade as a fraction, uphill positive (e.g. -0.02 for a 2% downgrade). */
  readonly grade?: number;
};

/** ITE yellow change interval y = t + v / (2a + 2Gg), seconds, clamped to the usual 3-6 s. */
export function iteYellowS(inputs: YellowInputs): number {
  const v = inputs.speedKmh / 3.6;
  const t = inputs.perceptionReactionS ?? 1;
  const a = inputs.decelerationMps2 ?? 3.05;
  const g = inputs.grade ?? 0;
  const y = t + v / (2 * a + 2 * G_MPS2 * g);
  return Math.min(6, Math.max(3, y));
}

/** ITE red clearance interval r = (W + L) / v, seconds, clamped to 0-6 s. */
export function iteRedClearS(inputs: {
  readonly speedKmh: number;
  /** Intersection width from stop line to the far side of the last conflicting lane, m. */
  readonly widthM: number;
  /** Design vehicle length, m (ITE: 6.1 m = 20 ft). */
  readonly vehicleLengthM?: number;
}): number {
  const v = inputs.speedKmh / 3.6;
  const r = (inputs.widthM + (inputs.vehicleLengthM ?? 6.1)) / v;
  return Math.min(6, Math.max(0, r));
}

/** Seconds to whole milliseconds; every interval is timed and checked in the same integer ms. */
export function msOf(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** `a mod m` in [0, m). */
export function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r;
}

/** The signed distance of `a` from 0 on a circle of length `m`, in [-m/2, m/2). */
export function signedMod(a: number, m: number): number {
  return mod(a + m / 2, m) - m / 2;
}
