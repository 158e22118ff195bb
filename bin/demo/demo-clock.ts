/**
 * @module bin/demo/demo-clock
 * The demo's clock, started on the edges' interval grid. An edge counts a loop's report into the
 * interval of the epoch-aligned grid its `intervalStart` falls in (edge/detectors/interval-window.ts),
 * as a field controller reporting on its clock's whole periods would have it; the simulator's loops
 * report every `intervalS` from the simulation's start. A demo started at any second (its start was
 * "now" to the second) had every report straddle two of the edge's intervals: counted into the
 * earlier one, it arrived after that one had closed, so every link state went out first from the
 * actuations alone (which miss vehicles close behind each other: 2,000 against 3,500-4,000 veh/h on
 * the expressway) and again as a correction of the shifted report, which the center's incident
 * detector ignores (it keeps each link's first state of an interval). The detector then judged the
 * demo on other data than the bench's, and raised false alarms there (lane-flow-drop).
 *
 * So the simulation starts on the next whole interval, and the clock reads the wall time now: at
 * speed 1 it is the wall clock, and the simulation waits less than one interval (30 s at speed 1,
 * 3 s at speed 10) before its first step.
 */
import { ScaledClock, type Scenario } from '../../core/index.ts';

/** The edges' aggregation interval, s (edge/detectors DetectorProcessor default). */
const EDGE_INTERVAL_S = 30;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** An interval every loop of the scenario and the edges' interval divide, ms. */
export function reportGridMs(scenario: Pick<Scenario, 'detectors'>): number {
  let s = EDGE_INTERVAL_S;
  for (const d of scenario.detectors) s = (s * d.intervalS) / gcd(s, d.intervalS);
  return s * 1000;
}

/** The first instant at or after `nowMs` on the scenario's report grid (epoch ms). */
export function alignedStartMs(scenario: Pick<Scenario, 'detectors'>, nowMs: number): number {
  const grid = reportGridMs(scenario);
  return Math.ceil(nowMs / grid) * grid;
}

/**
 * A clock whose origin (the simulation's start, `originMs`) is `startMs` and which reads `nowMs` at
 * the wall time `nowMs`, running at `speed`: it reaches the start `(startMs - nowMs) / speed` wall ms later.
 */
export function clockStartingAt(
  startMs: number,
  speed: number,
  nowMs: number,
  wallNow: () => number = Date.now,
): ScaledClock {
  return new ScaledClock(startMs, speed, wallNow, nowMs + (startMs - nowMs) / speed);
}
