/**
 * @module center/incidents/detector-links
 * What the incident detector knows of each link, from the scenario: speed limit, the links downstream
 * of it that have loops, the kind of loop station the edge estimates it from (count loops first, then advance loops,
 * then stop bars: `edge/detectors/link-state.ts`), and the signal at its end.
 */
import type { Scenario } from '../../core/index.ts';
import { downstreamLinks, type DetectorLink, type StationKind } from './incident-detector.ts';

const STATION_OF_ROLE: Readonly<Record<string, StationKind>> = {
  count: 'mid-block',
  advance: 'advance',
  stopbar: 'stop-line',
};
const RANK: readonly StationKind[] = ['mid-block', 'advance', 'stop-line'];

/** The detector's view of every link of a scenario's network. */
export function detectorLinks(
  scenario: Pick<Scenario, 'network' | 'detectors' | 'intersections'>,
): DetectorLink[] {
  const stations = new Map<string, StationKind>();
  for (const d of scenario.detectors) {
    const kind = STATION_OF_ROLE[d.role];
    const had = stations.get(d.linkId);
    if (kind !== undefined && (had === undefined || RANK.indexOf(kind) < RANK.indexOf(had)))
      stations.set(d.linkId, kind);
  }
  const signalAt = new Map(scenario.intersections.map((x) => [x.nodeId, x.id]));
  return scenario.network.links.map((l) => ({
    id: l.id,
    speedLimitKmh: l.speedLimitKmh,
    // Only measured links can be compared with; waiting for one that never reports would delay every
    // decision by an interval.
    downstream: downstreamLinks(scenario.network.movements, l.id).filter((d) => stations.has(d)),
    upstream: [
      ...new Set(scenario.network.movements.filter((m) => m.toLink === l.id).map((m) => m.fromLink)),
    ],
    station: stations.get(l.id) ?? 'mid-block',
    signalId: signalAt.get(l.to) ?? null,
  }));
}
