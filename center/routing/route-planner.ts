/**
 * @module center/routing/route-planner
 * Driver routing with live travel times: the fastest route now, the usual route (fastest under usual,
 * free-flow times) and the time saved by taking the former, as GeoJSON; and the detour around a link
 * an incident blocks. Costs are refreshed from link traffic by the caller.
 */
import type { CenterLink } from '../network/index.ts';
import type { LinkTraffic } from '../traffic/index.ts';
import { buildRoutingGraph, nearestNode, type RoutingGraph, type RoutingNodeInput } from './routing-graph.ts';
import { computeLandmarks } from './landmarks.ts';
import { PathSearch, pathCost } from './shortest-path.ts';
import { SegmentIndex } from './segment-index.ts';

/** A route found. */
export type PlannedRoute = {
  readonly linkIds: readonly string[];
  readonly travelTimeS: number;
  readonly lengthM: number;
  readonly coordinates: readonly (readonly [number, number])[];
};

/** Answer to a driver's query. */
export type RouteAnswer = {
  readonly fastest: PlannedRoute;
  readonly usual: PlannedRoute;
  /** Usual route's live travel time minus the fastest route's, seconds (0 when they are the same). */
  readonly timeSavedS: number;
};

/** What routing reads of the center's network (a `CenterNetwork` is one): junctions, links with geometry. */
export type RoutableNetwork = {
  readonly scenario: { readonly network: { readonly nodes: readonly RoutingNodeInput[] } };
  readonly links: ReadonlyMap<string, CenterLink>;
};

/** Blocked lanes of a link, for capacity penalties. */
export type LinkBlockage = { readonly linkId: string; readonly blockedLanes: number };

/** Routing over one network. */
export class RoutePlanner {
  readonly graph: RoutingGraph;
  readonly #net: RoutableNetwork;
  readonly #search: PathSearch;
  readonly #live: Float64Array;
  /** Every link's drawn line, to tell how far a point is from the road. */
  readonly #roads: SegmentIndex;

  constructor(net: RoutableNetwork, landmarkCount = 8) {
    this.#net = net;
    this.graph = buildRoutingGraph(net.scenario.network.nodes, [...net.links.values()]);
    // Landmarks on free flow: exact for the usual route's search, and a lower bound for the live one,
    // whose costs are never below free flow (updateCosts).
    this.#search = new PathSearch(
      this.graph,
      landmarkCount > 0 ? computeLandmarks(this.graph, this.graph.freeFlowS, landmarkCount) : null,
    );
    this.#live = Float64Array.from(this.graph.freeFlowS);
    this.#roads = new SegmentIndex([...net.links.values()].map((l) => l.coordinates));
  }

  /**
   * Refresh live costs: each link's current travel time, never below its free-flow time (a route is not
   * planned faster than the speed limits, as the published link times are floored there too:
   * traffic/travel-time-filter.ts), scaled up where lanes are blocked by the share of lanes left open
   * (a fully blocked link is closed).
   */
  updateCosts(
    trafficOf: (linkId: string) => Pick<LinkTraffic, 'travelTimeS'> | undefined,
    blockages: readonly LinkBlockage[] = [],
  ): void {
    const g = this.graph;
    for (let e = 0; e < g.linkIds.length; e++) {
      const t = trafficOf(g.linkIds[e] ?? '')?.travelTimeS ?? (g.freeFlowS[e] as number);
      this.#live[e] = Math.max(t, g.freeFlowS[e] as number);
    }
    for (const b of blockages) {
      const e = g.edgeOfLink.get(b.linkId);
      const lanes = this.#net.links.get(b.linkId)?.lanes ?? 1;
      if (e === undefined) continue;
      const open = lanes - b.blockedLanes;
      this.#live[e] = open <= 0 ? Infinity : (this.#live[e] as number) * (lanes / open);
    }
  }

  /** Fastest and usual routes between two points, or null when no route connects them. */
  route(fromLon: number, fromLat: number, toLon: number, toLat: number): RouteAnswer | null {
    const a = nearestNode(this.graph, fromLon, fromLat);
    const b = nearestNode(this.graph, toLon, toLat);
    if (a < 0 || b < 0) return null;
    return this.routeNodes(a, b);
  }

  /** The node nearest a point (-1 on an empty network) and how far from the point it is, metres. */
  snap(lon: number, lat: number): { readonly node: number; readonly distanceM: number } {
    const nearest = this.graph.nodeGrid.nearest(lon, lat);
    if (nearest === null) return { node: -1, distanceM: Infinity };
    // How far the point is from the road: its nearest junction, or a link passing nearer (a point
    // beside the middle of a long link is on the network though far from both its ends).
    const road = this.#roads.nearest(lon, lat)?.distanceM ?? Infinity;
    return { node: nearest.line, distanceM: Math.min(nearest.distanceM, road) };
  }

  /** Links of the usual route between two node indexes that are closed now (every lane blocked). */
  closedOnUsual(a: number, b: number): string[] {
    const usual = this.#search.run(a, b, this.graph.freeFlowS);
    return (usual?.edges ?? [])
      .filter((e) => this.#live[e] === Infinity)
      .map((e) => this.graph.linkIds[e] ?? '');
  }

  /** Fastest and usual routes between two node indexes. */
  routeNodes(a: number, b: number): RouteAnswer | null {
    const fastest = this.#search.run(a, b, this.#live);
    const usual = this.#search.run(a, b, this.graph.freeFlowS);
    if (fastest === null || usual === null) return null;
    const usualLive = pathCost(usual.edges, this.#live);
    return {
      fastest: this.#planned(fastest.edges, fastest.costS),
      usual: this.#planned(usual.edges, usualLive),
      timeSavedS: Number.isFinite(usualLive) ? Math.max(0, usualLive - fastest.costS) : Infinity,
    };
  }

  /** The detour around a link: fastest path from its start node to its end node without it. */
  detourAround(linkId: string): PlannedRoute | null {
    const e = this.graph.edgeOfLink.get(linkId);
    if (e === undefined) return null;
    const saved = this.#live[e] as number;
    this.#live[e] = Infinity;
    const p = this.#search.run(this.graph.edgeFrom[e] as number, this.graph.edgeTo[e] as number, this.#live);
    this.#live[e] = saved;
    return p === null ? null : this.#planned(p.edges, p.costS);
  }

  /** Live travel time of a link, seconds (Infinity when closed). */
  liveCostS(linkId: string): number {
    const e = this.graph.edgeOfLink.get(linkId);
    return e === undefined ? NaN : (this.#live[e] as number);
  }

  #planned(edges: readonly number[], travelTimeS: number): PlannedRoute {
    const coordinates: [number, number][] = [];
    let lengthM = 0;
    const linkIds = edges.map((e) => this.graph.linkIds[e] ?? '');
    for (const id of linkIds) {
      const l = this.#net.links.get(id);
      if (l === undefined) continue;
      lengthM += l.lengthM;
      for (const c of l.coordinates) {
        const last = coordinates[coordinates.length - 1];
        if (last === undefined || last[0] !== c[0] || last[1] !== c[1]) coordinates.push([c[0], c[1]]);
      }
    }
    return { linkIds, travelTimeS, lengthM, coordinates };
  }
}
