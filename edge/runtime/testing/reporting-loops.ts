/**
 * @module edge/runtime/testing/reporting-loops
 * Test helper: the loops whose reports surface one to one at the center. One loop per (link, lane)
 * of a region, of the role the link's estimate is taken from (count, then advance, then stop bar, as
 * edge/detectors prefers them): with only these reporting, each report is exactly one lane entry of
 * its link's `link-state` for its interval, with the report's volume as the lane's flow.
 */
import type { Detector, Scenario } from '../../../core/index.ts';

const ROLE_RANK: Readonly<Record<Detector['role'], number>> = { count: 0, advance: 1, stopbar: 2 };

/** One loop per (link, lane) of `region`, of the link's preferred role. */
export function reportingLoops(scenario: Scenario, region: string): Detector[] {
  const detectors = scenario.detectors.filter((d) => d.region === region);
  const best = new Map<string, number>();
  for (const d of detectors) best.set(d.linkId, Math.min(best.get(d.linkId) ?? 9, ROLE_RANK[d.role]));
  const byLane = new Map<string, Detector>();
  for (const d of detectors) {
    if (ROLE_RANK[d.role] !== best.get(d.linkId)) continue;
    if (!byLane.has(`${d.linkId}|${d.lane}`)) byLane.set(`${d.linkId}|${d.lane}`, d);
  }
  return [...byLane.values()];
}
