/**
 * @module scenarios/demo-city/network
 * Lays out the road network: the Seocho-daero / Teheran-ro arterial, the cross-street legs of each
 * signalized site, and (through `expressway.ts`) the Gyeongbu Expressway with its ramps. Every link
 * is a straight or bent LineString in [lon, lat] whose `lengthM` is measured from that geometry.
 *
 * Lane use follows Korean practice and the scenario contract (lane 0 = rightmost): rights from lane 0,
 * lefts from the leftmost lane, a left-only lane where the site has protected lefts.
 */
import type { Movement, RoadNode, Turn } from '../../core/index.ts';
import type { Point } from './geo.ts';
import { destination } from './geo.ts';
import { makeLink } from './links.ts';
import type { BuiltLink, DistrictNetwork, Junction, Leg, Side, SiteMovement } from './network-types.ts';
import { APPROACH_DIR } from './network-types.ts';
import { buildExpressway } from './expressway.ts';
import type { Site, Street } from './places.ts';
import { EAST_END, SEOCHO_DAERO, SITES, TEHERAN_RO, WEST_END, northBearing } from './places.ts';

const OPPOSITE: Record<Side, Side> = { W: 'E', E: 'W', N: 'S', S: 'N' };
const RIGHT_OF: Record<Side, Side> = { W: 'S', E: 'N', S: 'E', N: 'W' };
const LEFT_OF: Record<Side, Side> = { W: 'N', E: 'S', S: 'W', N: 'E' };

const node = (id: string, p: Point, type: RoadNode['type'], name?: string): RoadNode => ({
  id,
  lon: p[0],
  lat: p[1],
  type,
  ...(name === undefined ? {} : { name }),
});

/** Lanes of an approach that may make a turn at a site, or null if the turn is not allowed. */
function lanesFor(site: Site, side: Side, turn: Turn, lanes: number): number[] | null {
  const arterialSide = side === 'W' || side === 'E';
  const all = Array.from({ length: lanes }, (_, i) => i);
  if (site.kind === 'interchange' && !arterialSide) {
    // Off-ramp: lane 0 turns right, lane 1 turns left; ramp-to-ramp through is not provided.
    if (turn === 'through') return null;
    return turn === 'right' ? [0] : [lanes - 1];
  }
  const protectedLeft = site.kind !== 'minor';
  if (turn === 'right') return [0];
  if (turn === 'left') {
    if (site.kind === 'minor' && arterialSide) return null; // no lefts off Teheran-ro at side streets
    return [lanes - 1];
  }
  // The arterial's leftmost lane is a left-turn lane at the next major site; at a side street it
  // carries no through traffic, so nobody has to leave it in the queue downstream.
  const leftLaneKept = protectedLeft || (arterialSide && lanes >= 4);
  if (turn === 'through') return leftLaneKept && lanes > 1 ? all.slice(0, -1) : all;
  return null;
}

function movementsAt(site: Site, legs: Record<Side, Leg>, lanesOf: (id: string) => number): SiteMovement[] {
  const out: SiteMovement[] = [];
  for (const side of ['W', 'E', 'S', 'N'] as const) {
    const fromLink = legs[side].in;
    const targets: [Turn, Side][] = [
      ['left', LEFT_OF[side]],
      ['through', OPPOSITE[side]],
      ['right', RIGHT_OF[side]],
    ];
    for (const [turn, toSide] of targets) {
      const fromLanes = lanesFor(site, side, turn, lanesOf(fromLink));
      if (fromLanes === null) continue;
      out.push({
        id: `${site.id}.${APPROACH_DIR[side]}.${turn[0]?.toUpperCase()}`,
        fromLink,
        toLink: legs[toSide].out,
        turn,
        fromLanes,
        side,
      });
    }
  }
  return out;
}

/** Lays out the whole district network. */
export function buildNetwork(): DistrictNetwork {
  const nodes: RoadNode[] = [];
  const links: BuiltLink[] = [];
  const add = (n: RoadNode): RoadNode => (nodes.push(n), n);
  const twoWay = (a: RoadNode, b: RoadNode, s: Street): Leg => {
    const outLink = makeLink(a, b, s, s.lanesEachWay);
    const inLink = makeLink(b, a, s, s.lanesEachWay);
    links.push(outLink, inLink);
    return { out: outLink.id, in: inLink.id };
  };

  const west = add(node('SCW', WEST_END, 'boundary', 'Seocho-daero west end (toward Seocho-ro)'));
  const siteNodes = SITES.map((s) => add(node(s.id, s.point, 'signalized', `${s.en} (${s.ko})`)));
  const east = add(node('GNE', EAST_END, 'boundary', 'Teheran-ro east end (toward Samseong Bridge)'));

  const gangnamLon = (SITES.find((x) => x.id === 'GN01') as Site).point[0];
  const legs = new Map<string, Partial<Record<Side, Leg>>>(SITES.map((s) => [s.id, {}]));
  const chain = [west, ...siteNodes, east];
  for (let i = 1; i < chain.length; i++) {
    const a = chain[i - 1] as RoadNode;
    const b = chain[i] as RoadNode;
    // Teheran-ro begins at Gangnam Station; west of it the same road is Seocho-daero.
    const leg = twoWay(a, b, b.lon <= gangnamLon ? SEOCHO_DAERO : TEHERAN_RO);
    const aLegs = legs.get(a.id);
    const bLegs = legs.get(b.id);
    if (aLegs) aLegs.E = { in: leg.in, out: leg.out };
    if (bLegs) bLegs.W = { in: leg.out, out: leg.in };
  }

  for (const s of SITES) {
    if (s.kind === 'interchange') continue;
    const at = siteNodes.find((n) => n.id === s.id) as RoadNode;
    const nb = northBearing(s);
    const northEnd = add(
      node(`${s.id}N`, destination(s.point, nb, s.legM), 'boundary', `${s.cross.en} north`),
    );
    const southEnd = add(
      node(`${s.id}S`, destination(s.point, nb + 180, s.legM), 'boundary', `${s.cross.en} south`),
    );
    const sLegs = legs.get(s.id) as Partial<Record<Side, Leg>>;
    sLegs.N = twoWay(at, northEnd, s.cross);
    sLegs.S = twoWay(at, southEnd, s.cross);
  }

  const interchange = SITES.find((s) => s.kind === 'interchange') as Site;
  const ex = buildExpressway(siteNodes.find((n) => n.id === interchange.id) as RoadNode);
  nodes.push(...ex.nodes);
  links.push(...ex.links);
  const icLegs = legs.get(interchange.id) as Partial<Record<Side, Leg>>;
  icLegs.N = { in: ex.ids.sbOffRamp, out: ex.ids.nbOnRamp };
  icLegs.S = { in: ex.ids.nbOffRamp, out: ex.ids.sbOnRamp };

  const byId = new Map(links.map((l) => [l.id, l]));
  const link = (id: string): BuiltLink => {
    const l = byId.get(id);
    if (!l) throw new Error(`demo-city generator: no link ${id}`);
    return l;
  };
  const junctions: Junction[] = SITES.map((s) => {
    const l = legs.get(s.id) as Record<Side, Leg>;
    return { site: s, legs: l, movements: movementsAt(s, l, (id) => link(id).lanes) };
  });
  const movements: Movement[] = [
    ...junctions.flatMap((j) =>
      j.movements.map(({ id, fromLink, toLink, turn, fromLanes }) => ({
        id,
        fromLink,
        toLink,
        turn,
        fromLanes,
      })),
    ),
    ...ex.movements,
  ];
  return { nodes, links, movements, junctions, expressway: ex.ids, link };
}
