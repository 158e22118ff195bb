/**
 * @module scenarios/demo-city/timing
 * Signal clearance and pedestrian timing from first principles.
 *
 * - Yellow change interval, ITE (Traffic Engineering Handbook, kinematic formula):
 *   Y = t + v / (2a + 2Gg) with t = 1.0 s perception-reaction, a = 3.0 m/s² deceleration, grade G = 0,
 *   so Y = 1 + v / 6.0 (v in m/s); rounded up to 0.5 s and never below 3 s (the scenario minimum).
 * - Red clearance (all-red), ITE: R = (W + L) / v with W the distance from the stop line to the far
 *   side of the crossed road (its width plus a 4 m crosswalk each side), L = 6 m vehicle length;
 *   rounded up to 0.5 s, between 1 s and 6 s.
 * - Pedestrians: 7 s walk (the Korean minimum green for pedestrians) and a flashing clearance of the
 *   crossing width at 1.0 m/s (the Korean design walking speed), rounded up to whole seconds.
 */

/** Lane width used for road widths, metres (Korean urban arterial practice, 3.0-3.5 m). */
export const LANE_WIDTH_M = 3.25;
/** Raised median on roads of three or more lanes each way, metres. */
export const MEDIAN_M = 2;
/** Crosswalk width each side of a crossed road, metres. */
export const CROSSWALK_M = 4;
/** Vehicle length L of the ITE red-clearance formula, metres. */
export const VEHICLE_LENGTH_M = 6;
/** ITE perception-reaction time, deceleration and grade used for the yellow interval. */
export const REACTION_S = 1.0;
export const DECEL_MPS2 = 3.0;
export const GRADE = 0;
const G = 9.81;
/** Pedestrian walk interval and walking speed. */
export const WALK_S = 7;
export const WALK_SPEED_MPS = 1.0;

/** `x` rounded up to the next half second. */
export function ceilHalf(x: number): number {
  return Math.ceil(x * 2 - 1e-9) / 2;
}

/** Width of a road from its lanes in both directions, metres. */
export function roadWidthM(lanesOneWay: number, lanesOtherWay: number): number {
  const median = Math.max(lanesOneWay, lanesOtherWay) >= 3 ? MEDIAN_M : 0;
  return (lanesOneWay + lanesOtherWay) * LANE_WIDTH_M + median;
}

/** ITE yellow change interval for an approach speed, seconds. */
export function yellowS(speedKmh: number): number {
  const v = speedKmh / 3.6;
  return Math.max(3, ceilHalf(REACTION_S + v / (2 * DECEL_MPS2 + 2 * G * GRADE)));
}

/** ITE red clearance across a road `crossedWidthM` wide, seconds. */
export function redClearS(crossedWidthM: number, speedKmh: number): number {
  const v = speedKmh / 3.6;
  const w = crossedWidthM + 2 * CROSSWALK_M;
  return Math.min(6, Math.max(1, ceilHalf((w + VEHICLE_LENGTH_M) / v)));
}

/** Pedestrian clearance (flashing don't walk) across `crossingM`, seconds. */
export function pedClearS(crossingM: number): number {
  return Math.ceil(crossingM / WALK_SPEED_MPS);
}
