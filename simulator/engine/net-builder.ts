/**
 * @module simulator/engine/net-builder
 * Compile a plain network description (from a scenario or a SUMO import) into the flat arrays of
 * {@link SimNet}. Validation of references happens here, once, so the hot loop trusts its indexes.
 */
import { ConfigError } from '../../core/errors/index.ts';
import type { SignalRef, SimIntersection, SimNet, TurnCode } from './types.ts';

/** A node in local metres. */
export type NodeSpec = { readonly id: string; readonly x: number; readonly y: number };

export type LaneSpec = {
  readonly lengthM: number;
  readonly speedMps: number;
  /** Centre line in local metres; the link's straight line when omitted. */
  readonly shape?: readonly (readonly [number, number])[];
};

export type LinkSpec = {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Lane 0 first (rightmost). */
  readonly lanes: readonly LaneSpec[];
};

export type ConnectionSpec = {
  readonly fromLink: string;
  readonly fromLane: number;
  readonly toLink: string;
  readonly toLane: number;
  readonly viaLengthM: number;
  /** Speed limit through the junction; the target lane's speed when omitted. */
  readonly viaSpeedMps?: number;
  readonly turn: TurnCode;
  readonly signal: SignalRef | null;
  /** Unsignalized and must yield. */
  readonly minor: boolean;
  /** Indexes (in the spec's connection list) of the connections this one yields to. */
  readonly foes: readonly number[];
};

export type IntersectionSpec = { readonly id: string; readonly node: string };

/** Everything needed to build a {@link SimNet}. */
export type NetSpec = {
  readonly nodes: readonly NodeSpec[];
  readonly links: readonly LinkSpec[];
  readonly connections: readonly ConnectionSpec[];
  readonly intersections: readonly IntersectionSpec[];
  readonly toLonLat?: (x: number, y: number) => [number, number];
};

function index<T extends { id: string }>(items: readonly T[], what: string): Map<string, number> {
  const m = new Map<string, number>();
  items.forEach((it, i) => {
    if (m.has(it.id)) throw new ConfigError(what, `duplicate id ${JSON.stringify(it.id)}`);
    m.set(it.id, i);
  });
  return m;
}

function csr(count: number, pairs: readonly (readonly [number, number])[]): [Int32Array, Int32Array] {
  const start = new Int32Array(count + 1);
  for (const [k] of pairs) start[k + 1]! += 1;
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, count);
  const out = new Int32Array(pairs.length);
  for (const [k, v] of pairs) out[fill[k]!++] = v;
  return [start, out];
}

/** Build the compiled network; throws {@link ConfigError} naming a bad reference. */
export function buildSimNet(spec: NetSpec): SimNet {
  const nodeIndex = index(spec.nodes, 'network.nodes');
  const linkIndexById = index(spec.links, 'network.links');
  const L = spec.links.length;
  const linkFrom = new Int32Array(L);
  const linkTo = new Int32Array(L);
  const linkLength = new Float64Array(L);
  const linkSpeed = new Float64Array(L);
  const linkLaneStart = new Int32Array(L);
  const linkLaneCount = new Int32Array(L);
  const nodeX = Float64Array.from(spec.nodes, (n) => n.x);
  const nodeY = Float64Array.from(spec.nodes, (n) => n.y);
  let laneTotal = 0;
  spec.links.forEach((l, i) => {
    const f = nodeIndex.get(l.from);
    const t = nodeIndex.get(l.to);
    if (f === undefined) throw new ConfigError(`links.${l.id}.from`, `unknown node ${l.from}`);
    if (t === undefined) throw new ConfigError(`links.${l.id}.to`, `unknown node ${l.to}`);
    if (l.lanes.length === 0) throw new ConfigError(`links.${l.id}.lanes`, 'needs at least one lane');
    linkFrom[i] = f;
    linkTo[i] = t;
    linkLaneStart[i] = laneTotal;
    linkLaneCount[i] = l.lanes.length;
    laneTotal += l.lanes.length;
  });
  const laneLink = new Int32Array(laneTotal);
  const laneIndex = new Int32Array(laneTotal);
  const laneLength = new Float64Array(laneTotal);
  const laneSpeed = new Float64Array(laneTotal);
  const laneShape: Float64Array[] = [];
  spec.links.forEach((l, i) => {
    let sumLen = 0;
    let maxSpeed = 0;
    l.lanes.forEach((lane, k) => {
      const g = linkLaneStart[i]! + k;
      laneLink[g] = i;
      laneIndex[g] = k;
      laneLength[g] = Math.max(1, lane.lengthM);
      laneSpeed[g] = lane.speedMps;
      sumLen += laneLength[g]!;
      maxSpeed = Math.max(maxSpeed, lane.speedMps);
      const pts = lane.shape ?? [
        [nodeX[linkFrom[i]!]!, nodeY[linkFrom[i]!]!],
        [nodeX[linkTo[i]!]!, nodeY[linkTo[i]!]!],
      ];
      laneShape.push(Float64Array.from(pts.flat()));
    });
    linkLength[i] = sumLen / l.lanes.length;
    linkSpeed[i] = maxSpeed;
  });

  const C = spec.connections.length;
  const connFromLane = new Int32Array(C);
  const connToLane = new Int32Array(C);
  const connToLink = new Int32Array(C);
  const connVia = new Float64Array(C);
  const connTurn = new Uint8Array(C);
  const connSpeed = new Float64Array(C);
  const connSignal = new Int32Array(C).fill(-1);
  const connMinor = new Uint8Array(C);
  const signals: SignalRef[] = [];
  const signalKey = new Map<string, number>();
  const lanePairs: [number, number][] = [];
  const foePairs: [number, number][] = [];
  spec.connections.forEach((c, i) => {
    const fl = linkIndexById.get(c.fromLink);
    const tl = linkIndexById.get(c.toLink);
    const where = `connections[${i}]`;
    if (fl === undefined) throw new ConfigError(`${where}.fromLink`, `unknown link ${c.fromLink}`);
    if (tl === undefined) throw new ConfigError(`${where}.toLink`, `unknown link ${c.toLink}`);
    if (c.fromLane < 0 || c.fromLane >= linkLaneCount[fl]!)
      throw new ConfigError(`${where}.fromLane`, `link ${c.fromLink} has no lane ${c.fromLane}`);
    if (c.toLane < 0 || c.toLane >= linkLaneCount[tl]!)
      throw new ConfigError(`${where}.toLane`, `link ${c.toLink} has no lane ${c.toLane}`);
    connFromLane[i] = linkLaneStart[fl]! + c.fromLane;
    connToLane[i] = linkLaneStart[tl]! + c.toLane;
    connToLink[i] = tl;
    connVia[i] = Math.max(0, c.viaLengthM);
    connTurn[i] = c.turn;
    connSpeed[i] = c.viaSpeedMps ?? laneSpeed[connToLane[i]!]!;
    connMinor[i] = c.minor ? 1 : 0;
    if (c.signal !== null) {
      const key = `${c.signal.intersectionId}\u0000${c.signal.movementId}`;
      let s = signalKey.get(key);
      if (s === undefined) {
        s = signals.length;
        signals.push(c.signal);
        signalKey.set(key, s);
      }
      connSignal[i] = s;
    }
    lanePairs.push([connFromLane[i]!, i]);
    for (const f of c.foes) {
      if (f < 0 || f >= C || f === i) throw new ConfigError(`${where}.foes`, `bad connection index ${f}`);
      foePairs.push([i, f]);
    }
  });
  const [laneConnStart, laneConns] = csr(laneTotal, lanePairs);
  const [connFoeStart, connFoes] = csr(C, foePairs);

  const intersections: SimIntersection[] = spec.intersections.map((x) => {
    const n = nodeIndex.get(x.node);
    if (n === undefined) throw new ConfigError(`intersections.${x.id}.node`, `unknown node ${x.node}`);
    const incoming: number[] = [];
    for (let i = 0; i < L; i++) if (linkTo[i] === n) incoming.push(i);
    return { id: x.id, nodeIndex: n, incomingLinks: incoming };
  });

  return {
    nodeIds: spec.nodes.map((n) => n.id),
    nodeX,
    nodeY,
    linkIds: spec.links.map((l) => l.id),
    linkIndexById,
    linkFrom,
    linkTo,
    linkLength,
    linkSpeed,
    linkLaneStart,
    linkLaneCount,
    laneLink,
    laneIndex,
    laneLength,
    laneSpeed,
    laneShape,
    connFromLane,
    connToLane,
    connToLink,
    connVia,
    connTurn,
    connSpeed,
    connSignal,
    connMinor,
    connFoeStart,
    connFoes,
    laneConnStart,
    laneConns,
    signals,
    intersections,
    toLonLat: spec.toLonLat ?? ((x, y) => [x / 111_320, y / 110_540]),
  };
}

/** The connection from `lane` into `toLink`, or -1 when that lane cannot reach it. */
export function connectionTo(net: SimNet, lane: number, toLink: number): number {
  const end = net.laneConnStart[lane + 1]!;
  for (let k = net.laneConnStart[lane]!; k < end; k++) {
    const c = net.laneConns[k]!;
    if (net.connToLink[c] === toLink) return c;
  }
  return -1;
}
