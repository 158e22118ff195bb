/**
 * @module center/routing/routing-graph
 * The road network as a compact graph for routing: nodes and directed links in compressed sparse row
 * form (outgoing links of node n are `firstOut[n] .. firstOut[n+1]-1`), with node positions for the A*
 * heuristic and a grid index to snap a point to its nearest node.
 */
import { SegmentIndex } from './segment-index.ts';

/** A link as routing needs it. */
export type RoutingLinkInput = {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly lengthM: number;
  readonly speedLimitKmh: number;
};

/** A node as routing needs it. */
export type RoutingNodeInput = { readonly id: string; readonly lon: number; readonly lat: number };

/** Graph in CSR form. Edge e is link `linkIds[e]` from node `edgeFrom[e]` to `edgeTo[e]`. */
export type RoutingGraph = {
  readonly nodeIds: readonly string[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly firstOut: Int32Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly linkIds: readonly string[];
  readonly edgeOfLink: ReadonlyMap<string, number>;
  readonly lengthM: Float64Array;
  readonly freeFlowS: Float64Array;
  /** Highest speed limit, m/s, for an admissible A* heuristic. */
  readonly maxSpeedMps: number;
  /** Node positions filed by grid cell (each node a one-vertex line of the index). */
  readonly nodeGrid: SegmentIndex;
};

/** Build the graph; links whose end nodes are unknown are skipped. */
export function buildRoutingGraph(
  nodes: readonly RoutingNodeInput[],
  links: readonly RoutingLinkInput[],
): RoutingGraph {
  const nodeIndex = new Map<string, number>();
  nodes.forEach((n, i) => nodeIndex.set(n.id, i));
  const usable = links.filter((l) => nodeIndex.has(l.from) && nodeIndex.has(l.to));
  const order = usable
    .map((l, i) => i)
    .sort(
      (a, b) => (nodeIndex.get(usable[a]?.from ?? '') ?? 0) - (nodeIndex.get(usable[b]?.from ?? '') ?? 0),
    );
  const m = usable.length;
  const firstOut = new Int32Array(nodes.length + 1);
  const edgeFrom = new Int32Array(m);
  const edgeTo = new Int32Array(m);
  const lengthM = new Float64Array(m);
  const freeFlowS = new Float64Array(m);
  const linkIds: string[] = [];
  const edgeOfLink = new Map<string, number>();
  let maxSpeed = 1;
  order.forEach((li, e) => {
    const l = usable[li] as RoutingLinkInput;
    edgeFrom[e] = nodeIndex.get(l.from) ?? 0;
    edgeTo[e] = nodeIndex.get(l.to) ?? 0;
    lengthM[e] = l.lengthM;
    freeFlowS[e] = l.lengthM / (l.speedLimitKmh / 3.6);
    maxSpeed = Math.max(maxSpeed, l.speedLimitKmh / 3.6);
    linkIds.push(l.id);
    edgeOfLink.set(l.id, e);
    const slot = (edgeFrom[e] as number) + 1;
    firstOut[slot] = (firstOut[slot] ?? 0) + 1;
  });
  for (let i = 0; i < nodes.length; i++)
    firstOut[i + 1] = (firstOut[i + 1] as number) + (firstOut[i] as number);
  const lon = new Float64Array(nodes.map((n) => n.lon));
  const lat = new Float64Array(nodes.map((n) => n.lat));
  return {
    nodeIds: nodes.map((n) => n.id),
    nodeIndex,
    lon,
    lat,
    firstOut,
    edgeFrom,
    edgeTo,
    linkIds,
    edgeOfLink,
    lengthM,
    freeFlowS,
    maxSpeedMps: maxSpeed,
    nodeGrid: new SegmentIndex(nodes.map((n) => [[n.lon, n.lat] as const])),
  };
}

/** The node nearest to a point, or -1 for an empty graph. */
export function nearestNode(g: RoutingGraph, lon: number, lat: number): number {
  return g.nodeGrid.nearest(lon, lat)?.line ?? -1;
}
