/**
 * @module core/scenario/bus-regions
 * Which region's topics carry a bus's GPS, and which other regions' buses an edge must hear to give
 * them transit priority. A bus publishes on its route's region (`its/v1/<r>/bus/<id>`), where that
 * region's edge tracks it and reports its progress to the center. A route that crosses a region border
 * also drives through the neighbour's signals, so the neighbour's edge listens to that region's bus
 * topics as well, for priority only (ARCHITECTURE.md "Transit priority across regions").
 */
import type { Scenario } from './schema.ts';

/**
 * The region a route's buses publish on: that of the route's on-board fare reader (the device the bus
 * carries), else the route's own, else the scenario's first region.
 */
export function busRegionOf(scenario: Scenario, routeId: string): string {
  const reader = scenario.fareReaders.find((r) => r.routeId === routeId && r.stopId === null);
  if (reader !== undefined) return reader.region;
  const route = scenario.transit?.routes.find((r) => r.id === routeId);
  return route?.region ?? scenario.regions[0]!.id;
}

/**
 * The other regions whose buses drive up to a signal of `region` (a route link ending at one of its
 * intersections), sorted: the bus topics the region's edge subscribes to when it gives priority.
 */
export function visitingBusRegions(scenario: Scenario, region: string): string[] {
  const nodesHere = new Set(scenario.intersections.filter((x) => x.region === region).map((x) => x.nodeId));
  const linkEnd = new Map(scenario.network.links.map((l) => [l.id, l.to]));
  const out = new Set<string>();
  for (const route of scenario.transit?.routes ?? []) {
    const home = busRegionOf(scenario, route.id);
    if (home === region) continue;
    const crosses = Object.values(route.roadLinks).some((links) =>
      links.some((id) => nodesHere.has(linkEnd.get(id) ?? '')),
    );
    if (crosses) out.add(home);
  }
  return [...out].sort();
}
