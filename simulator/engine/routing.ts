/**
 * @module simulator/engine/routing
 * Shortest routes over links by free-flow travel time (Dijkstra 1959), for SUMO trips, OD demand and
 * rerouting a vehicle that missed its turn. Results are cached per (from, to).
 */
import type { SimNet } from './types.ts';

/** A router over one network. */
export type Router = {
  /** Link indexes from `from` to `to` inclusive, or null when `to` is unreachable. */
  route(from: number, to: number): Int32Array | null;
  /** Links reachable directly after `link`. */
  successors(link: number): readonly number[];
};

/** Create a router; link costs are length / speed. */
export function createRouter(net: SimNet): Router {
  const L = net.linkIds.length;
  const succ: number[][] = Array.from({ length: L }, () => []);
  for (let c = 0; c < net.connToLink.length; c++) {
    const from = net.laneLink[net.connFromLane[c]!]!;
    const to = net.connToLink[c]!;
    const list = succ[from]!;
    if (!list.includes(to)) list.push(to);
  }
  const cost = Float64Array.from(
    { length: L },
    (_, i) => net.linkLength[i]! / Math.max(1, net.linkSpeed[i]!),
  );
  const cache = new Map<number, Int32Array | null>();
  const dist = new Float64Array(L);
  const prev = new Int32Array(L);

  function search(from: number, to: number): Int32Array | null {
    dist.fill(Infinity);
    prev.fill(-1);
    dist[from] = cost[from]!;
    const heapD: number[] = [dist[from]!];
    const heapU: number[] = [from];
    while (heapD.length > 0) {
      const d = heapD[0]!;
      const u = heapU[0]!;
      popHeap(heapD, heapU);
      if (d > dist[u]!) continue;
      if (u === to) break;
      for (const v of succ[u]!) {
        const nd = d + cost[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          prev[v] = u;
          pushHeap(heapD, heapU, nd, v);
        }
      }
    }
    if (dist[to] === Infinity) return null;
    const path: number[] = [];
    for (let x = to; x !== -1; x = prev[x]!) path.push(x);
    return Int32Array.from(path.reverse());
  }

  return {
    route(from, to) {
      const key = from * L + to;
      if (!cache.has(key)) cache.set(key, from === to ? Int32Array.of(from) : search(from, to));
      return cache.get(key) ?? null;
    },
    successors(link) {
      return succ[link] ?? [];
    },
  };
}

function pushHeap(hd: number[], hu: number[], d: number, u: number): void {
  let i = hd.length;
  hd.push(d);
  hu.push(u);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (hd[p]! <= d) break;
    hd[i] = hd[p]!;
    hu[i] = hu[p]!;
    i = p;
  }
  hd[i] = d;
  hu[i] = u;
}

function popHeap(hd: number[], hu: number[]): void {
  const d = hd.pop()!;
  const u = hu.pop()!;
  const n = hd.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const m = r < n && hd[r]! < hd[l]! ? r : l;
    if (hd[m]! >= d) break;
    hd[i] = hd[m]!;
    hu[i] = hu[m]!;
    i = m;
  }
  hd[i] = d;
  hu[i] = u;
}
