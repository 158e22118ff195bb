/**
 * @module center/routing/shortest-path
 * A* (Hart, Nilsson & Raphael 1968) over the routing graph with a binary heap; the heuristic is the
 * straight-line distance at the network's highest speed limit, or the tighter ALT landmark bound; both
 * never overestimate, so the path is the fastest one. Edge costs are travel times in seconds; `Infinity` closes an edge.
 */
import { haversineM } from '../state/index.ts';
import { BinaryHeap } from './binary-heap.ts';
import { activeLandmarks, altBound, type Landmarks } from './landmarks.ts';
import type { RoutingGraph } from './routing-graph.ts';

/** A path found. */
export type PathResult = {
  readonly edges: readonly number[];
  readonly costS: number;
  readonly settled: number;
};

/** Reusable search buffers for one graph (not shared between concurrent searches). */
export class PathSearch {
  readonly #g: RoutingGraph;
  readonly #dist: Float64Array;
  readonly #via: Int32Array;
  readonly #stamp: Uint32Array;
  /** The heuristic of each node reached this round: computed once, read at every push and pop. */
  readonly #h: Float64Array;
  #round = 0;
  readonly #heap = new BinaryHeap(1024);
  readonly #landmarks: Landmarks | null;
  readonly #active = new Int32Array(4);

  /**
   * With `landmarks`, the heuristic is the ALT bound (valid while every cost is at least the lower-bound
   * cost the landmarks were computed with); without, the straight line at the top speed limit.
   */
  constructor(graph: RoutingGraph, landmarks: Landmarks | null = null) {
    this.#g = graph;
    this.#landmarks = landmarks;
    const n = graph.nodeIds.length;
    this.#dist = new Float64Array(n);
    this.#via = new Int32Array(n);
    this.#stamp = new Uint32Array(n);
    this.#h = new Float64Array(n);
  }

  /** Fastest path from node `from` to node `to` under `costS` (per edge), or null when unreachable. */
  run(from: number, to: number, costS: Float64Array): PathResult | null {
    const g = this.#g;
    const dist = this.#dist;
    const via = this.#via;
    const stamp = this.#stamp;
    const round = ++this.#round;
    const heap = this.#heap;
    heap.clear();
    const tLon = g.lon[to] as number;
    const tLat = g.lat[to] as number;
    const lm = this.#landmarks;
    const nodes = g.nodeIds.length;
    const h =
      lm === null
        ? (n: number): number =>
            haversineM(g.lon[n] as number, g.lat[n] as number, tLon, tLat) / g.maxSpeedMps
        : ((): ((n: number) => number) => {
            const active = this.#active;
            const count = activeLandmarks(lm, nodes, from, to, active);
            return (n: number): number => altBound(lm, nodes, n, to, active, count);
          })();
    const hOf = this.#h;
    stamp[from] = round;
    dist[from] = 0;
    via[from] = -1;
    hOf[from] = h(from);
    heap.push(from, hOf[from] as number);
    let settled = 0;
    while (heap.size > 0) {
      const key = heap.peekKey();
      const u = heap.pop();
      const du = dist[u] as number;
      if (key > du + (hOf[u] as number) + 1e-9) continue;
      settled++;
      if (u === to) break;
      for (let e = g.firstOut[u] as number, end = g.firstOut[u + 1] as number; e < end; e++) {
        const c = costS[e] as number;
        if (!(c < Infinity)) continue;
        const v = g.edgeTo[e] as number;
        const dv = du + c;
        if (stamp[v] !== round) {
          stamp[v] = round;
          hOf[v] = h(v);
        } else if (dv >= (dist[v] as number)) continue;
        dist[v] = dv;
        via[v] = e;
        heap.push(v, dv + (hOf[v] as number));
      }
    }
    if (stamp[to] !== round) return null;
    const edges: number[] = [];
    for (let n = to; n !== from;) {
      const e = via[n] as number;
      edges.push(e);
      n = g.edgeFrom[e] as number;
    }
    edges.reverse();
    return { edges, costS: dist[to] as number, settled };
  }
}

/** Total cost of a given edge sequence under `costS`. */
export function pathCost(edges: readonly number[], costS: Float64Array): number {
  let t = 0;
  for (const e of edges) t += costS[e] as number;
  return t;
}
