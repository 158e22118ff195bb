/**
 * @module edge/detectors/control-delay
 * Travel time over a link measured only at its stop line. A stop-bar loop sees the queue standing on
 * it through the red and vehicles leaving from rest at the green: its spot speeds and its
 * occupancy-based speed (q / k) measure the signal, not the link (a side street at 05:00 read 3 km/h,
 * level of service F, on every red). Such a link's time is its running time at free flow plus the
 * control delay of its lanes from the Highway Capacity Manual (6th ed., ch. 19, Eq. 19-18 to 19-20,
 * no initial queue, progression factor 1): the uniform delay (Webster's first term) and the
 * incremental delay for random arrivals, from each lane's flow over its last minutes and the green
 * ratio its phase got over its recent cycles. A stop line counts departures, which never exceed the
 * capacity for long: a ratio above 1 is noise of the estimates (an actuated phase's short green
 * before its demand rose), so the degree of saturation is taken at most 1, and a queue beyond
 * capacity shows as the loop's occupancy, not as delay.
 */

/** HCM base saturation flow, vehicles per hour of green per lane. */
export const BASE_SATURATION_FLOW_VPHPL = 1900;
/** HCM analysis period T, hours, and incremental-delay factors k (pretimed, 0.5) and I (isolated, 1). */
const T_H = 0.25;
const K = 0.5;
const I = 1;

/** The green a stop line's phase gets per cycle, and the cycle, over its recent cycles. */
export type StopLineTiming = { readonly greenS: number; readonly cycleS: number };

/** Control delay per vehicle, s, of one lane with `flowVph` departures and the phase's timing. */
export function controlDelayS(flowVph: number, timing: StopLineTiming): number {
  const { cycleS } = timing;
  const gC = Math.min(1, Math.max(0.02, timing.greenS / Math.max(1, cycleS)));
  const capacityVph = BASE_SATURATION_FLOW_VPHPL * gC;
  const x = Math.min(1, Math.max(0, flowVph) / capacityVph);
  const uniform = (0.5 * cycleS * (1 - gC) ** 2) / (1 - x * gC);
  const incremental = 900 * T_H * (x - 1 + Math.sqrt((x - 1) ** 2 + (8 * K * I * x) / (capacityVph * T_H)));
  return uniform + incremental;
}

/**
 * Speed over a link of `lengthM` at free-flow `freeFlowKmh` whose vehicles lose `delayS` each at its
 * stop line, km/h.
 */
export function speedWithDelayKmh(lengthM: number, freeFlowKmh: number, delayS: number): number {
  const runningS = lengthM / (freeFlowKmh / 3.6);
  return (lengthM / (runningS + Math.max(0, delayS))) * 3.6;
}
