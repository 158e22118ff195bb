/**
 * @module center/routing/landmarks
 * ALT lower bounds (A*, Landmarks, Triangle inequality; Goldberg & Harrelson 2005): travel times from
 * and to a few landmarks, computed once under lower-bound costs, give by the triangle inequality
 * h(v) = max over landmarks L of max(d(L,t) − d(L,v), d(v,L) − d(t,L)), a far tighter admissible
 * heuristic than straight-line distance. Landmarks are picked farthest-first.
 */
import { BinaryHeap } from './binary-heap.ts';
import type { RoutingGraph } from './routing-graph.ts';

/** Precomputed landmark distances. */
export type Landmarks = {
  readonly count: number;
  /** from[k * n + v] = d(L_k, v); to[k * n + v] = d(v, L_k). */
  readonly from: Float64Array;
  readonly to: Float64Array;
};

/** One-to-all Dijkstra over edges given as (head, tail) arrays with CSR offsets. */
function oneToAll(
  n: number,
  firstOut: Int32Array,
  head: Int32Array,
  edgeIndex: Int32Array | null,
  cost: Float64Array,
  source: number,
  out: Float64Array,
  offset: number,
): void {
  for (let i = 0; i < n; i++) out[offset + i] = Infinity;
  const heap = new BinaryHeap(1024);
  out[offset + source] = 0;
  heap.push(source, 0);
  while (heap.size > 0) {
    const key = heap.peekKey();
    const u = heap.pop();
    if (key > (out[offset + u] as number)) continue;
    for (let p = firstOut[u] as number, end = firstOut[u + 1] as number; p < end; p++) {
      const e = edgeIndex === null ? p : (edgeIndex[p] as number);
      const v = head[p] as number;
      const d = key + (cost[e] as number);
      if (d < (out[offset + v] as number)) {
        out[offset + v] = d;
        heap.push(v, d);
      }
    }
  }
}

/** Reverse adjacency: for each node its incoming edges (as positions into edge arrays). */
function reverseCsr(g: RoutingGraph): { firstIn: Int32Array; tail: Int32Array; edgeIndex: Int32Array } {
  const n = g.nodeIds.length;
  const m = g.linkIds.length;
  const firstIn = new Int32Array(n + 1);
  for (let e = 0; e < m; e++)
    firstIn[(g.edgeTo[e] as number) + 1] = (firstIn[(g.edgeTo[e] as number) + 1] ?? 0) + 1;
  for (let i = 0; i < n; i++) firstIn[i + 1] = (firstIn[i + 1] as number) + (firstIn[i] as number);
  const fill = firstIn.slice(0, n);
  const tail = new Int32Array(m);
  const edgeIndex = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const v = g.edgeTo[e] as number;
    const p = fill[v] as number;
    fill[v] = p + 1;
    tail[p] = g.edgeFrom[e] as number;
    edgeIndex[p] = e;
  }
  return { firstIn, tail, edgeIndex };
}

/** Compute `count` landmarks under `lowerBoundCostS` (costs that live costs never go below). */
export function computeLandmarks(g: RoutingGraph, lowerBoundCostS: Float64Array, count = 8): Landmarks {
  const n = g.nodeIds.length;
  const k = Math.min(count, n);
  const from = new Float64Array(k * n);
  const to = new Float64Array(k * n);
  const rev = reverseCsr(g);
  const nearest = new Float64Array(n).fill(Infinity);
  let next = 0;
  for (let i = 0; i < k; i++) {
    oneToAll(n, g.firstOut, g.edgeTo, null, lowerBoundCostS, next, from, i * n);
    oneToAll(n, rev.firstIn, rev.tail, rev.edgeIndex, lowerBoundCostS, next, to, i * n);
    let far = -1;
    let farD = -1;
    for (let v = 0; v < n; v++) {
      const d = Math.min(from[i * n + v] as number, to[i * n + v] as number);
      if (d < (nearest[v] as number)) nearest[v] = d;
      const nv = nearest[v] as number;
      if (Number.isFinite(nv) && nv > farD) {
        farD = nv;
        far = v;
      }
    }
    if (far < 0)
      return { count: i + 1, from: from.subarray(0, (i + 1) * n), to: to.subarray(0, (i + 1) * n) };
    next = far;
  }
  return { count: k, from, to };
}

/** The ALT lower bound on the travel time from `v` to `t`, over the landmarks listed in `active`. */
export function altBound(
  lm: Landmarks,
  n: number,
  v: number,
  t: number,
  active: Int32Array,
  activeCount: number,
): number {
  let h = 0;
  for (let i = 0; i < activeCount; i++) {
    const o = (active[i] as number) * n;
    const a = (lm.from[o + t] as number) - (lm.from[o + v] as number);
    const b = (lm.to[o + v] as number) - (lm.to[o + t] as number);
    if (a > h && Number.isFinite(a)) h = a;
    if (b > h && Number.isFinite(b)) h = b;
  }
  return h;
}

/**
 * Choose the `max` landmarks giving the best bound between `s` and `t` (Goldberg & Werneck 2005:
 * a few active landmarks per query cost less per node and lose little of the bound).
 */
export function activeLandmarks(lm: Landmarks, n: number, s: number, t: number, out: Int32Array): number {
  const scored: [number, number][] = [];
  const one = new Int32Array(1);
  for (let k = 0; k < lm.count; k++) {
    one[0] = k;
    scored.push([altBound(lm, n, s, t, one, 1), k]);
  }
  scored.sort((a, b) => b[0] - a[0]);
  const count = Math.min(out.length, scored.length);
  for (let i = 0; i < count; i++) out[i] = scored[i]?.[1] ?? 0;
  return count;
}
