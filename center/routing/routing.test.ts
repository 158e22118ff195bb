/**
 * @module center/routing/routing.test
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { haversineM, loadScenario } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import {
  BinaryHeap,
  PathSearch,
  RoutePlanner,
  buildRoutingGraph,
  computeLandmarks,
  gridNetwork,
  nearestNode,
} from './index.ts';

test('the heap pops keys in ascending order', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 300 }), (keys) => {
      const h = new BinaryHeap(2);
      keys.forEach((k, i) => h.push(i, k));
      const out: number[] = [];
      while (h.size > 0) out.push(keys[h.pop()] as number);
      expect(out).toEqual([...keys].sort((a, b) => a - b));
    }),
  );
});

/** Plain Bellman-Ford as the reference for shortest-path costs. */
function reference(g: ReturnType<typeof buildRoutingGraph>, from: number, cost: Float64Array): Float64Array {
  const d = new Float64Array(g.nodeIds.length).fill(Infinity);
  d[from] = 0;
  for (let i = 0; i < g.nodeIds.length; i++) {
    let changed = false;
    for (let e = 0; e < g.linkIds.length; e++) {
      const a = g.edgeFrom[e] as number;
      const b = g.edgeTo[e] as number;
      if ((d[a] as number) + (cost[e] as number) < (d[b] as number)) {
        d[b] = (d[a] as number) + (cost[e] as number);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return d;
}

test('A* (straight-line and landmark bounds) finds the same travel time as an exhaustive search', () => {
  const { nodes, links } = gridNetwork(6);
  const g = buildRoutingGraph(nodes, links);
  const search = new PathSearch(g);
  const alt = new PathSearch(g, computeLandmarks(g, g.freeFlowS, 4));
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1, max: 5, noNaN: true }), {
        minLength: g.linkIds.length,
        maxLength: g.linkIds.length,
      }),
      fc.array(fc.nat(g.linkIds.length - 1), { maxLength: 10 }),
      fc.nat(35),
      fc.nat(35),
      (factors, closed, from, to) => {
        // Costs never below free flow keep the straight-line heuristic admissible.
        const cost = Float64Array.from(g.freeFlowS, (c, e) => c * (factors[e] ?? 1));
        for (const e of closed) cost[e] = Infinity;
        const want = reference(g, from, cost)[to] as number;
        const got = search.run(from, to, cost);
        const gotAlt = alt.run(from, to, cost);
        if (!Number.isFinite(want)) expect([got, gotAlt]).toEqual([null, null]);
        else {
          expect(got?.costS).toBeCloseTo(want, 6);
          expect(gotAlt?.costS).toBeCloseTo(want, 6);
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('snaps a point to its nearest node', () => {
  const { nodes, links } = gridNetwork(5);
  const g = buildRoutingGraph(nodes, links);
  const n = nodes[7];
  expect(nearestNode(g, (n?.lon ?? 0) + 0.0001, (n?.lat ?? 0) - 0.0001)).toBe(7);
});

test('routes around a blocked link and reports the time saved against the usual route', () => {
  const net = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));
  const planner = new RoutePlanner(net);
  const link = net.links.get('L-n-in');
  const start = link?.coordinates[0] ?? [0, 0];
  const end = link?.coordinates[link.coordinates.length - 1] ?? [0, 0];
  planner.updateCosts(() => undefined);
  const free = planner.route(start[0], start[1], end[0], end[1]);
  expect(free?.fastest.linkIds).toEqual(['L-n-in']);
  expect(free?.timeSavedS).toBe(0);
  planner.updateCosts(() => undefined, [{ linkId: 'L-n-in', blockedLanes: 5 }]);
  const blocked = planner.route(start[0], start[1], end[0], end[1]);
  expect(blocked === null || !blocked.fastest.linkIds.includes('L-n-in')).toBe(true);
});

test('a point is as far from the network as from its nearest road, not only its nearest junction', () => {
  // The mini crossroads with its north leg stretched to ~3.8 km: its middle is ~1.9 km from both ends.
  const mini = loadScenario('core/scenario/fixtures/mini.json');
  const nodes = mini.network.nodes.map((n) => (n.id === 'n-north' ? { ...n, lat: n.lat + 0.03 } : n));
  const net = buildCenterNetwork({ ...mini, network: { ...mini.network, nodes } });
  const planner = new RoutePlanner(net);
  const north = nodes.find((n) => n.id === 'n-north');
  const centre = nodes.find((n) => n.id === 'n-gangnam');
  if (north === undefined || centre === undefined) throw new Error('mini has no n-north or n-gangnam');
  const mid: [number, number] = [(north.lon + centre.lon) / 2, (north.lat + centre.lat) / 2];
  const eastM = (m: number): number => m / (111_320 * Math.cos((mid[1] * Math.PI) / 180));
  // 500 m east of the middle of the leg (which runs nearly north-south): beside the road.
  const beside = planner.snap(mid[0] + eastM(500), mid[1]);
  expect(beside.distanceM).toBeGreaterThan(450);
  expect(beside.distanceM).toBeLessThan(510);
  expect(nodes.every((n) => haversineM([mid[0] + eastM(500), mid[1]], [n.lon, n.lat]) > 1_500)).toBe(true);
  // On a junction it is 0, and the junction is the one snapped to.
  expect(planner.snap(centre.lon, centre.lat)).toEqual({
    node: planner.graph.nodeIds.indexOf('n-gangnam'),
    distanceM: 0,
  });
});

test('a link reported faster than its speed limit costs its free-flow time, and routes stay optimal', () => {
  const { nodes, links } = gridNetwork(12, 250, 5);
  const net = {
    scenario: { network: { nodes } },
    links: new Map(
      links.map((l) => {
        const a = nodes.find((n) => n.id === l.from);
        const b = nodes.find((n) => n.id === l.to);
        const coordinates: [number, number][] = [
          [a?.lon ?? 0, a?.lat ?? 0],
          [b?.lon ?? 0, b?.lat ?? 0],
        ];
        return [l.id, { ...l, name: l.id, nameKo: l.id, region: 'r', lanes: 2, coordinates }] as const;
      }),
    ),
  };
  const planner = new RoutePlanner(net, 8);
  const plain = new RoutePlanner(net, 0);
  const g = planner.graph;
  // Every fourth link reads twice the limit (an empty road at night), others up to 3x free flow.
  const reading = (id: string): { travelTimeS: number } | undefined => {
    const e = g.edgeOfLink.get(id);
    if (e === undefined) return undefined;
    const free = g.freeFlowS[e] ?? 0;
    return { travelTimeS: e % 4 === 0 ? free / 2 : free * (1 + ((e * 7) % 20) / 10) };
  };
  planner.updateCosts(reading);
  plain.updateCosts(reading);
  expect(planner.liveCostS(g.linkIds[0] ?? '')).toBe(g.freeFlowS[0]);
  // The landmark search (bounds on free flow) finds routes exactly as fast as plain A*.
  for (let i = 0; i < 40; i++) {
    const a = (i * 37) % g.nodeIds.length;
    const b = (i * 91 + 13) % g.nodeIds.length;
    if (a === b) continue;
    const want = plain.routeNodes(a, b);
    const got = planner.routeNodes(a, b);
    expect(got?.fastest.travelTimeS).toBeCloseTo(want?.fastest.travelTimeS ?? NaN, 6);
    // The usual route is a fastest one on free flow (ties are many on a grid: compare costs, not links).
    const free = (ids: readonly string[] = []): number =>
      ids.reduce((t, id) => t + (g.freeFlowS[g.edgeOfLink.get(id) ?? -1] ?? NaN), 0);
    expect(free(got?.usual.linkIds)).toBeCloseTo(free(want?.usual.linkIds), 6);
  }
});
