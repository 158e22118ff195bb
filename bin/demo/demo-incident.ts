/**
 * @module bin/demo/demo-incident
 * The incident the demo shows. The demo city's own (scenarios/demo-city/events.ts, 08:15-08:25 on
 * Teheran-ro eastbound between Eonju-ro and Seolleung Station) is a stalled car in lane 1 of four in
 * the middle of the link, 285 m before its advance loops: traffic passes it and moves back into the
 * lane before the loops, so no loop detector can see it (center/README "What loops cannot see"; the
 * incident bench misses it with every seed), and a tester watching the demo saw no incident at all
 * (issue 8 wants one detected, with signs and an alert). The scenario keeps it (the bench and the
 * integration tests measure it as it is); the demo runs, at the same place in time and road, a crash
 * that a 30 s loop station can see: every lane but the leftmost closed 60 m before the advance loops,
 * so the closed lanes reach the loops empty. Measured in-process (simulator -> edge -> center ingest ->
 * the center's detector, as the incident bench; 3,700 s): detected in 270 s (seed 1) and 240 s (seed 2), no
 * false alarm (flow-drop: the leftmost lane has no advance loop). Two of four lanes there were found
 * in 270 s with seed 2 only; at 20 m before the loops with seed 1 too, but a lane of the link after
 * next alarmed when it ended.
 */
import type { Scenario, ScenarioEvent } from '../../core/index.ts';

/** Id of the demo city's scripted incident. */
export const DEMO_CITY_INCIDENT_ID = 'incident-teheran-eb-seolleung';

/** Metres before the link's first loops the demo's crash stands. */
const BEFORE_LOOPS_M = 60;

/** The scenario with the demo city's incident as the demo runs it; any other scenario unchanged. */
export function withDemoIncident(scenario: Scenario): Scenario {
  const events = scenario.events.map((e): ScenarioEvent => {
    if (e.type !== 'lane-blocked' || e.id !== DEMO_CITY_INCIDENT_ID) return e;
    const link = scenario.network.links.find((l) => l.id === e.linkId);
    const loops = scenario.detectors.filter((d) => d.linkId === e.linkId).map((d) => d.positionM);
    if (link === undefined || link.lanes < 2 || loops.length === 0) return e;
    return {
      ...e,
      lanes: Array.from({ length: link.lanes - 1 }, (_, i) => i),
      positionM: Math.max(0, Math.min(...loops) - BEFORE_LOOPS_M),
    };
  });
  return { ...scenario, events };
}
