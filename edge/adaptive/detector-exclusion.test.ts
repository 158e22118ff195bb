/**
 * @module edge/adaptive/detector-exclusion.test
 * An unhealthy loop among healthy ones is left out of control (issue 6: "unhealthy detectors are
 * excluded from control"). Closed loop through the public door: a real in-process controller, the
 * `IntersectionControl` of each green-timing strategy, and a point-queue intersection with two
 * stop-bar loops per phase. One loop of the quiet side street (phase 4, lane 0) is faulty: stuck on
 * (it reads occupied, 100%, for the whole run and counts nothing, as the demo city's `stuck-GN05-nb`)
 * or chattering (a pulse every second, 3,600 veh/h on one lane). Each run is repeated over the same
 * traffic with the edge saying three things of that loop: nothing (absent), its fault (the verdict
 * of edge/detectors) or `ok` (a fault the edge failed to diagnose). A loop healthy but held occupied by
 * a queue standing across its station (edge/detectors standing-queue.ts) is left out as a fault is.
 */
import { test, expect } from 'vitest';
import { intersectionSchema, type Intersection } from '../../core/index.ts';
import { runPointQueue } from './testing/point-queue.ts';

const PHASES = [2, 4, 6, 8] as const;
const LANES = [0, 1] as const;
const FAULTY = 'd4-0';
/** Arrivals per phase, vehicles per second over both lanes: the main street (2, 6) is busy. */
const MAIN_HEAVY: Readonly<Record<number, number>> = { 2: 0.3, 6: 0.28, 4: 0.06, 8: 0.07 };

/** A NEMA 4-phase intersection with two stop-bar loops per phase (`d<phase>-<lane>`). */
const TWO_LANES: Intersection = intersectionSchema.parse({
  id: 'x2',
  nodeId: 'n2',
  region: 'r1',
  control: {
    type: 'nema',
    phases: PHASES.map((p) => ({
      phase: p,
      movements: [`m${p}`],
      minGreenS: 8,
      maxGreenS: 60,
      passageS: 3,
      yellowS: 3,
      redClearS: 2,
      detectorIds: LANES.map((l) => `d${p}-${l}`),
    })),
  },
  plans: [{ id: 'p90', cycleS: 90, splitsS: { 2: 50, 6: 50, 4: 40, 8: 40 }, coordinated: [2, 6] }],
  defaultPlanId: 'p90',
  mode: 'fixed',
});

/** How the faulty loop misbehaves. */
type Fault = 'stuck-on' | 'chattering';

/** What the edge says of the faulty loop: nothing, its fault, that it is healthy, or healthy but held by a queue. */
type Verdict = 'absent' | 'fault' | 'ok' | 'held';

/** `seconds` of the two-lane intersection with the faulty loop, its samples as `verdict` says. */
const run = (strategy: string, fault: Fault, verdict: Verdict, seconds: number) =>
  runPointQueue({
    intersection: TWO_LANES,
    strategy,
    ratesVps: MAIN_HEAVY,
    seconds,
    fault: { loopId: FAULTY, kind: fault },
    healthOf: (id) =>
      id !== FAULTY ? 'ok' : verdict === 'absent' ? null : verdict === 'fault' ? fault : verdict,
  });

/**
 * What a trusted faulty loop adds to phase 4's mean green over 900 s, for Webster, max-pressure, SCATS
 * and schedule-driven: stuck on 0 / 1.2 / 39.3 / 9.9 s, chattering 30.5 / 15.6 / 39.3 / 1.4 s. A
 * stuck-on loop counts nothing, so Webster (flow from counts) is blind to it, not to chattering.
 */
for (const strategy of ['webster', 'max-pressure', 'scats', 'schedule-driven']) {
  test(`${strategy}: a stuck-on or chattering loop among healthy ones is ignored; the healthy ones still drive`, () => {
    let drawnS = 0;
    for (const fault of ['stuck-on', 'chattering'] as const) {
      const absent = run(strategy, fault, 'absent', 900);
      const excluded = run(strategy, fault, 'fault', 900);
      // Marked faulty, the loop counts for nothing: every command is the same as if it did not exist.
      expect(excluded.sent).toEqual(absent.sent);
      for (const p of PHASES) expect(excluded.meanGreen(p)).toBe(absent.meanGreen(p));
      // Healthy but held by a standing queue: left out as well (its occupancy is no demand).
      expect(run(strategy, fault, 'held', 900).sent).toEqual(absent.sent);
      // The healthy loops still drive the strategy: it runs the intersection and greens follow demand.
      expect(excluded.sent.some((c) => c.type === 'force-off')).toBe(true);
      expect(excluded.meanGreen(2)).toBeGreaterThan(excluded.meanGreen(4));
      const trusted = run(strategy, fault, 'ok', 900);
      drawnS = Math.max(drawnS, trusted.meanGreen(4) - absent.meanGreen(4));
    }
    // The test can tell: the same loop taken as healthy draws green to the quiet side street.
    expect(drawnS).toBeGreaterThan(1);
  });
}
