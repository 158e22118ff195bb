/**
 * @module bench/evaluation/grid-loops
 * The simulator's grid generator builds crossings without detectors; adaptive control needs them. This
 * adds, on every lane of every signalized approach, a stop-bar loop (calls, presence, departures) and an
 * advance loop (arrivals, extension) and wires both to the phase serving the approach — the layout of
 * the demo city (a stop-bar loop per lane, advance loops on arterials), as NEMA TS 2 actuation expects.
 */
import { scenarioSchema, type Detector, type Scenario } from '../../core/index.ts';

/** Where the loops sit, metres before the stop line. */
const STOPBAR_BEFORE_END_M = 6;
const ADVANCE_BEFORE_END_M = 60;

/** A copy of `scenario` with stop-bar and advance loops on every signalized approach lane. */
export function withApproachLoops(scenario: Scenario): Scenario {
  const links = new Map(scenario.network.links.map((l) => [l.id, l]));
  const movements = new Map(scenario.network.movements.map((m) => [m.id, m]));
  const detectors: Detector[] = [...scenario.detectors];
  const intersections = scenario.intersections.map((x) => {
    if (x.control.type !== 'nema') return x;
    const phases = x.control.phases.map((p) => {
      const approaches = new Set(
        p.movements.map((id) => movements.get(id)?.fromLink).filter((l) => l !== undefined),
      );
      const ids: string[] = [...p.detectorIds];
      for (const linkId of approaches) {
        const link = links.get(linkId);
        if (link === undefined) continue;
        const lengthM = link.lengthM ?? 200;
        for (let lane = 0; lane < link.lanes; lane++) {
          for (const [role, before] of [
            ['stopbar', STOPBAR_BEFORE_END_M],
            ['advance', ADVANCE_BEFORE_END_M],
          ] as const) {
            if (lengthM - before < 0) continue;
            const id = `d-${role === 'stopbar' ? 's' : 'a'}-${linkId}-${lane}`;
            detectors.push({
              id,
              region: x.region,
              linkId,
              lane,
              positionM: lengthM - before,
              lengthM: 2,
              role,
              intervalS: 30,
            });
            ids.push(id);
          }
        }
      }
      return { ...p, detectorIds: ids };
    });
    return { ...x, control: { ...x.control, phases } };
  });
  return scenarioSchema.parse({ ...scenario, intersections, detectors });
}
