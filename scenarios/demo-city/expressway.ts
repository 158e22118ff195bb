/**
 * @module scenarios/demo-city/expressway
 * The Gyeongbu Expressway section past Seocho: four lanes each way at 100 km/h, with the Seocho
 * interchange built as a single-point urban interchange on Seocho-daero. Ramps leave and join on the
 * right (Korea drives on the right), so southbound ramps lie west of the mainline and northbound ramps
 * east of it.
 */
import type { Movement, RoadNode } from '../../core/index.ts';
import type { Point } from './geo.ts';
import { destination, distanceM } from './geo.ts';
import type { BuiltLink, ExpresswayLinks } from './network-types.ts';
import { makeLink } from './links.ts';
import { EXPRESSWAY_SB_BEARING, expresswayPoints } from './places.ts';

/** Gyeongbu Expressway mainline: 4 lanes each way, 100 km/h. */
export const GYEONGBU = { en: 'Gyeongbu Expressway', ko: '경부고속도로', lanesEachWay: 4, speedKmh: 100 };
const RAMP_SPEED_KMH = 50;
const SB_RIGHT = (EXPRESSWAY_SB_BEARING + 90) % 360;
const NB_RIGHT = (EXPRESSWAY_SB_BEARING + 270) % 360;

const node = (id: string, p: Point, type: RoadNode['type'], name: string): RoadNode => ({
  id,
  lon: p[0],
  lat: p[1],
  type,
  name,
});

/** A ramp's bend: its middle pushed `sideM` metres to one side of the mainline. */
function rampBend(a: RoadNode, b: RoadNode, sideBearing: number, sideM: number): Point[] {
  const mid: Point = [(a.lon + b.lon) / 2, (a.lat + b.lat) / 2];
  return [destination(mid, sideBearing, sideM)];
}

/** Lays out the expressway nodes, links and merge/diverge movements around the interchange node. */
export function buildExpressway(ic: RoadNode): {
  nodes: RoadNode[];
  links: BuiltLink[];
  movements: Movement[];
  ids: ExpresswayLinks;
} {
  const p = expresswayPoints();
  const north = node('EXN', p.north, 'boundary', 'Gyeongbu Expressway toward Banpo IC and Hannam');
  const icN = node('EXICN', p.icNorth, 'priority', 'Seocho IC north: southbound exit, northbound entrance');
  const icS = node('EXICS', p.icSouth, 'priority', 'Seocho IC south: northbound exit, southbound entrance');
  const south = node('EXS', p.south, 'boundary', 'Gyeongbu Expressway toward Yangjae IC');
  const main = {
    en: `${GYEONGBU.en} (${GYEONGBU.ko})`,
    ko: GYEONGBU.ko,
    speedKmh: GYEONGBU.speedKmh,
    roadClass: 'expressway' as const,
  };
  const ramp = {
    en: 'Seocho IC ramp (서초IC 램프)',
    ko: '서초IC 램프',
    speedKmh: RAMP_SPEED_KMH,
    roadClass: 'ramp' as const,
  };
  const lanes = GYEONGBU.lanesEachWay;
  const sb = [
    makeLink(north, icN, main, lanes),
    makeLink(icN, icS, main, lanes),
    makeLink(icS, south, main, lanes),
  ];
  const nb = [
    makeLink(south, icS, main, lanes),
    makeLink(icS, icN, main, lanes),
    makeLink(icN, north, main, lanes),
  ];
  const offsetM = Math.min(40, distanceM(p.icNorth, [ic.lon, ic.lat]) / 4);
  const sbOff = makeLink(icN, ic, ramp, 2, rampBend(icN, ic, SB_RIGHT, offsetM));
  const nbOn = makeLink(ic, icN, ramp, 1, rampBend(ic, icN, NB_RIGHT, offsetM));
  const nbOff = makeLink(icS, ic, ramp, 2, rampBend(icS, ic, NB_RIGHT, offsetM));
  const sbOn = makeLink(ic, icS, ramp, 1, rampBend(ic, icS, SB_RIGHT, offsetM));
  const all4 = [0, 1, 2, 3];
  const [sb0, sb1, sb2] = sb as [BuiltLink, BuiltLink, BuiltLink];
  const [nb0, nb1, nb2] = nb as [BuiltLink, BuiltLink, BuiltLink];
  const movements: Movement[] = [
    { id: 'EXICN.SB.T', fromLink: sb0.id, toLink: sb1.id, turn: 'through', fromLanes: all4 },
    // The exit diverges from the rightmost lane.
    { id: 'EXICN.SB.R', fromLink: sb0.id, toLink: sbOff.id, turn: 'right', fromLanes: [0] },
    { id: 'EXICN.NB.T', fromLink: nb1.id, toLink: nb2.id, turn: 'through', fromLanes: all4 },
    // An entrance merges into the mainline's rightmost lane; recorded as a through movement.
    { id: 'EXICN.NBON.T', fromLink: nbOn.id, toLink: nb2.id, turn: 'through', fromLanes: [0] },
    { id: 'EXICS.SB.T', fromLink: sb1.id, toLink: sb2.id, turn: 'through', fromLanes: all4 },
    { id: 'EXICS.SBON.T', fromLink: sbOn.id, toLink: sb2.id, turn: 'through', fromLanes: [0] },
    { id: 'EXICS.NB.T', fromLink: nb0.id, toLink: nb1.id, turn: 'through', fromLanes: all4 },
    { id: 'EXICS.NB.R', fromLink: nb0.id, toLink: nbOff.id, turn: 'right', fromLanes: [0] },
  ];
  return {
    nodes: [north, icN, icS, south],
    links: [...sb, ...nb, sbOff, nbOn, nbOff, sbOn],
    movements,
    ids: {
      sb: sb.map((l) => l.id),
      nb: nb.map((l) => l.id),
      sbOffRamp: sbOff.id,
      sbOnRamp: sbOn.id,
      nbOffRamp: nbOff.id,
      nbOnRamp: nbOn.id,
    },
  };
}
