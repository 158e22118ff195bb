/**
 * @module simulator/sumo/convert-net
 * A SUMO network as the simulator's {@link NetSpec}: passenger lanes of normal edges, one connection
 * per SUMO connection (junction path length and speed from its internal lanes), foes from the
 * junction's `response` bits, signal references `l<linkIndex>` per traffic light.
 */
import type { NetSpec, ConnectionSpec, TurnCode } from '../engine/index.ts';
import { TURN } from '../engine/index.ts';
import { entityIdOf } from './ids.ts';
import type { SumoNet } from './net.ts';
import { utmToLonLat } from './utm.ts';

const DIR_TURN: Readonly<Record<string, TurnCode>> = {
  r: TURN.right,
  R: TURN.right,
  s: TURN.through,
  l: TURN.left,
  L: TURN.left,
  t: TURN.uturn,
};

/** Movement id of a traffic light's link index. */
export function movementIdOf(linkIndex: number): string {
  return `l${linkIndex}`;
}

function lonLatOf(net: SumoNet): (x: number, y: number) => [number, number] {
  const p = net.projection;
  const zone = p === null ? null : /\+proj=utm\s+\+zone=(\d+)/.exec(p.proj);
  if (p !== null && zone !== null) {
    const south = /\+south/.test(p.proj);
    return (x, y) => utmToLonLat(x - p.netOffset[0], y - p.netOffset[1], Number(zone[1]), south);
  }
  // No usable projection: place the network at an arbitrary origin (Seoul City Hall).
  return (x, y) => [126.978 + x / 88_000, 37.5665 + y / 110_950];
}

/** Convert the network. */
export function sumoNetToSpec(net: SumoNet): NetSpec {
  const laneMap = new Map<string, number[]>();
  const links: NetSpec['links'][number][] = [];
  const usedJunctions = new Set<string>();
  for (const e of net.edges) {
    if (e.internal) continue;
    const sorted = [...e.lanes].sort((a, b) => a.index - b.index);
    const map: number[] = [];
    const lanes: NetSpec['links'][number]['lanes'][number][] = [];
    for (const l of sorted) {
      map[l.index] = l.passenger ? lanes.length : -1;
      if (l.passenger)
        lanes.push({
          lengthM: l.lengthM,
          speedMps: l.speedMps,
          shape: l.shape.length >= 2 ? l.shape : undefined,
        });
    }
    if (lanes.length === 0) continue;
    laneMap.set(e.id, map);
    links.push({ id: entityIdOf(e.id), from: e.from, to: e.to, lanes });
    usedJunctions.add(e.from);
    usedJunctions.add(e.to);
  }
  const internalLane = new Map<string, { lengthM: number; speedMps: number }>();
  for (const e of net.edges) if (e.internal) for (const l of e.lanes) internalLane.set(l.id, l);
  // Chains of internal lanes (an internal junction splits a left turn in two).
  const viaNext = new Map<string, string>();
  for (const c of net.connections)
    if (c.from.startsWith(':') && c.via !== null) viaNext.set(`${c.from}_${c.fromLane}`, c.via);
  const viaOf = (via: string | null): { length: number; speed: number } => {
    let length = 0;
    let speed = Infinity;
    for (
      let v = via, guard = 0;
      v !== null && v !== undefined && guard < 8;
      v = viaNext.get(v) ?? null, guard++
    ) {
      const l = internalLane.get(v);
      if (l === undefined) break;
      length += l.lengthM;
      speed = Math.min(speed, l.speedMps);
    }
    return { length, speed };
  };

  const edgeTo = new Map(net.edges.map((e) => [e.id, e.to]));
  const specIndex = new Map<(typeof net.connections)[number], number>();
  const connections: ConnectionSpec[] = [];
  for (const c of net.connections) {
    if (c.from.startsWith(':')) continue;
    const fl = laneMap.get(c.from)?.[c.fromLane] ?? -1;
    const tl = laneMap.get(c.to)?.[c.toLane] ?? -1;
    if (fl < 0 || tl < 0) continue;
    const via = viaOf(c.via);
    specIndex.set(c, connections.length);
    connections.push({
      fromLink: entityIdOf(c.from),
      fromLane: fl,
      toLink: entityIdOf(c.to),
      toLane: tl,
      viaLengthM: via.length,
      ...(Number.isFinite(via.speed) ? { viaSpeedMps: via.speed } : {}),
      turn: DIR_TURN[c.dir] ?? TURN.through,
      signal:
        c.tl !== null && c.linkIndex !== null
          ? { intersectionId: entityIdOf(c.tl), movementId: movementIdOf(c.linkIndex) }
          : null,
      minor: c.tl === null && /^[mos=w]$/.test(c.state),
      foes: [],
    });
  }
  // Request index of each connection: incoming lanes in `incLanes` order, their connections in file order.
  const byFromLane = new Map<string, (typeof net.connections)[number][]>();
  for (const c of net.connections) {
    if (c.from.startsWith(':')) continue;
    const key = `${c.from}_${c.fromLane}`;
    const list = byFromLane.get(key) ?? [];
    list.push(c);
    byFromLane.set(key, list);
  }
  const withFoes = [...connections];
  for (const j of net.junctions) {
    if (j.response.length === 0) continue;
    const order: (number | undefined)[] = [];
    for (const lane of j.incLanes) for (const c of byFromLane.get(lane) ?? []) order.push(specIndex.get(c));
    order.forEach((ci, k) => {
      if (ci === undefined) return;
      const foes = (j.response[k] ?? [])
        .map((f) => order[f])
        .filter((f): f is number => f !== undefined && f !== ci);
      withFoes[ci] = { ...withFoes[ci]!, foes };
    });
  }
  const nodes = net.junctions
    .filter((j) => usedJunctions.has(j.id))
    .map((j) => ({ id: j.id, x: j.x, y: j.y }));
  // Intersections: one per traffic light, at the junction its connections enter.
  const tlNode = new Map<string, string>();
  for (const c of net.connections)
    if (c.tl !== null && !tlNode.has(c.tl)) tlNode.set(c.tl, edgeTo.get(c.from) ?? '');
  const intersections = [...tlNode]
    .filter(([, node]) => usedJunctions.has(node))
    .map(([tl, node]) => ({ id: entityIdOf(tl), node }));
  return { nodes, links, connections: withFoes, intersections, toLonLat: lonLatOf(net) };
}
