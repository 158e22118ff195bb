/**
 * @module simulator/scenario/compile-network
 * Turn a scenario's network and intersections into a {@link NetSpec}: lanes from links, lane-level
 * connections from movements, signal references for movements a controller serves, and the foes a
 * left turn yields to when it runs permissively (the opposing approach's through and right turns).
 */
import type { Intersection, Scenario } from '../../core/index.ts';
import { linkLengthM } from '../../core/scenario/index.ts';
import { TURN, type ConnectionSpec, type NetSpec, type TurnCode } from '../engine/index.ts';
import { localProjection } from './projection.ts';

const TURN_CODE: Readonly<Record<string, TurnCode>> = {
  right: TURN.right,
  through: TURN.through,
  left: TURN.left,
  uturn: TURN.uturn,
};
/** Path length through a junction by turn, metres (a 4-lane-each-way urban crossing). */
const VIA_M: Readonly<Record<number, number>> = { 0: 10, 1: 22, 2: 28, 3: 14 };
/** Speed through a junction by turn (SUMO's turn-radius speeds for urban corners), m/s. */
const VIA_SPEED: Readonly<Record<number, number>> = { 0: 7, 1: Infinity, 2: 9, 3: 5 };

/** Movement ids each intersection's controller serves. */
function controlledMovements(x: Intersection): Set<string> {
  const ids = new Set<string>();
  if (x.control.type === 'nema') {
    for (const p of x.control.phases) for (const m of [...p.movements, ...p.permissiveMovements]) ids.add(m);
  } else for (const g of x.control.groups) for (const m of g.movements) ids.add(m);
  return ids;
}

function heading(ax: number, ay: number, bx: number, by: number): number {
  return Math.atan2(by - ay, bx - ax);
}

/** Compile a scenario's road network. */
export function compileNetwork(sc: Scenario): NetSpec {
  const nodes = sc.network.nodes;
  const lon0 = nodes.reduce((s, n) => s + n.lon, 0) / nodes.length;
  const lat0 = nodes.reduce((s, n) => s + n.lat, 0) / nodes.length;
  const proj = localProjection(lon0, lat0);
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const xy = new Map(nodes.map((n) => [n.id, proj.toXY(n.lon, n.lat)]));
  const linkById = new Map(sc.network.links.map((l) => [l.id, l]));

  const links = sc.network.links.map((l) => {
    const lengthM = linkLengthM(l, nodeById);
    const geometry = l.geometry ?? null;
    const shape =
      geometry === null
        ? [xy.get(l.from)!, xy.get(l.to)!]
        : geometry.map(([lon, lat]) => proj.toXY(lon, lat));
    return {
      id: l.id,
      from: l.from,
      to: l.to,
      lanes: Array.from({ length: l.lanes }, () => ({ lengthM, speedMps: l.speedLimitKmh / 3.6, shape })),
    };
  });

  const signalOf = new Map<string, string>();
  for (const x of sc.intersections)
    for (const m of controlledMovements(x)) signalOf.set(`${x.nodeId}|${m}`, x.id);

  // The direction a link arrives from, for finding the opposing approach of a left turn.
  const arrivalHeading = (linkId: string): number => {
    const l = links.find((k) => k.id === linkId)!;
    const s = l.lanes[0]!.shape;
    const a = s[s.length - 2]!;
    const b = s[s.length - 1]!;
    return heading(a[0], a[1], b[0], b[1]);
  };

  const connections: ConnectionSpec[] = [];
  for (const m of sc.network.movements) {
    const from = linkById.get(m.fromLink)!;
    const to = linkById.get(m.toLink)!;
    const turn = TURN_CODE[m.turn]!;
    const fromLanes = [...m.fromLanes].sort((a, b) => a - b);
    const nTo = to.lanes;
    const node = from.to;
    const ix = signalOf.get(`${node}|${m.id}`);
    fromLanes.forEach((lane, i) => {
      let toLane: number;
      if (turn === TURN.right) toLane = Math.min(i, nTo - 1);
      else if (turn === TURN.left || turn === TURN.uturn) toLane = Math.max(0, nTo - fromLanes.length + i);
      else toLane = Math.min(lane, nTo - 1);
      connections.push({
        fromLink: m.fromLink,
        fromLane: lane,
        toLink: m.toLink,
        toLane,
        viaLengthM: VIA_M[turn]!,
        viaSpeedMps: Math.min(VIA_SPEED[turn]!, to.speedLimitKmh / 3.6),
        turn,
        signal: ix === undefined ? null : { intersectionId: ix, movementId: m.id },
        minor: false,
        foes: [],
      });
    });
  }

  // Left turns and U-turns yield to the opposing approach's through and right movements.
  const withFoes = connections.map((c) => {
    if (c.turn !== TURN.left && c.turn !== TURN.uturn) return c;
    const node = linkById.get(c.fromLink)!.to;
    const h = arrivalHeading(c.fromLink);
    let opposing: string | null = null;
    let best = Math.PI / 2;
    for (const l of sc.network.links) {
      if (l.to !== node || l.id === c.fromLink) continue;
      let d = Math.abs(arrivalHeading(l.id) - h);
      if (d > Math.PI) d = 2 * Math.PI - d;
      const off = Math.PI - d;
      if (off < best) {
        best = off;
        opposing = l.id;
      }
    }
    if (opposing === null) return c;
    const foes: number[] = [];
    connections.forEach((o, j) => {
      if (o.fromLink === opposing && (o.turn === TURN.through || o.turn === TURN.right)) foes.push(j);
    });
    return { ...c, foes };
  });

  return {
    nodes: nodes.map((n) => ({ id: n.id, x: xy.get(n.id)![0], y: xy.get(n.id)![1] })),
    links,
    connections: withFoes,
    intersections: sc.intersections.map((x) => ({ id: x.id, node: x.nodeId })),
    toLonLat: proj.toLonLat,
  };
}
