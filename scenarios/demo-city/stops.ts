/**
 * @module scenarios/demo-city/stops
 * Bus stops on road links. Every link a bus route drives (outside the expressway) carries one stop at
 * 60% of its length, or on links of 450 m and more, two: a far-side stop at 30% and a near-side stop at
 * 75%. Stops are shared by every route that drives the link, as in Seoul, and named the Seoul way:
 * after the intersection they stand at, with a side ("Yeoksam Station east") for far-side stops.
 * Ids are five-digit ARS numbers: 22xxx in Seocho-gu, 23xxx in Gangnam-gu.
 */
import type { Stop } from '../../core/index.ts';
import type { Point } from './geo.ts';
import { bearingDeg, destination, pointAlong, round, roundPoint } from './geo.ts';
import type { BuiltLink, DistrictNetwork } from './network-types.ts';
import type { RegionId, Street } from './places.ts';
import { SEOCHO_DAERO, SITES, TEHERAN_RO } from './places.ts';

/** A stop placed on a link. */
export type PlacedStop = Stop & { linkId: string; positionM: number; region: RegionId };

/** Links at least this long get two stops. */
const TWO_STOP_LENGTH_M = 450;
/** Stops stand this far right of the link centreline, metres (the kerb of a 4-lane carriageway). */
const KERB_OFFSET_M = 8;

const COMPASS: readonly [string, string][] = [
  ['north', '북측'],
  ['east', '동측'],
  ['south', '남측'],
  ['west', '서측'],
];

function compass(link: BuiltLink): [string, string] {
  const g = link.geometry;
  const b = bearingDeg(g[0] as Point, g[g.length - 1] as Point);
  return COMPASS[Math.round(b / 90) % 4] as [string, string];
}

/** Region of a node id: Seocho-gu for SC* and the expressway, Gangnam-gu for GN*. */
export function regionOfNode(nodeId: string): RegionId {
  return nodeId.startsWith('GN') ? 'gangnam' : 'seocho';
}

/** The street of a link that runs to or from a boundary node. */
function streetToBoundary(link: BuiltLink): Street {
  const boundary = SITES.some((s) => s.id === link.from) ? link.to : link.from;
  const site = SITES.find((s) => boundary === `${s.id}N` || boundary === `${s.id}S`);
  if (site) return site.cross;
  return regionOfNode(boundary) === 'gangnam' ? TEHERAN_RO : SEOCHO_DAERO;
}

function stopName(link: BuiltLink, fraction: number): [string, string] {
  const [en, ko] = compass(link);
  const near = SITES.find((s) => s.id === (fraction >= 0.5 ? link.to : link.from));
  if (near && fraction >= 0.5) return [near.en, near.ko];
  if (near) return [`${near.en} ${en}`, `${near.ko} ${ko}`];
  const street = streetToBoundary(link);
  return [`${street.en} ${en}`, `${street.ko} ${ko}`];
}

/** Places the stops of every bus-served link, in route order, sharing stops between routes. */
export class StopRegistry {
  readonly #net: DistrictNetwork;
  readonly #byLink = new Map<string, PlacedStop[]>();
  readonly #next: Record<RegionId, number> = { seocho: 22101, gangnam: 23101 };
  readonly stops: PlacedStop[] = [];

  constructor(net: DistrictNetwork) {
    this.#net = net;
  }

  /** The stops on a link, placing them on first use; none on expressway links and ramps. */
  on(linkId: string): PlacedStop[] {
    const known = this.#byLink.get(linkId);
    if (known) return known;
    const link = this.#net.link(linkId);
    const fractions =
      link.roadClass === 'expressway' || link.roadClass === 'ramp'
        ? []
        : link.lengthM >= TWO_STOP_LENGTH_M
          ? [0.3, 0.75]
          : [0.6];
    const placed = fractions.map((f) => this.#place(link, f));
    this.#byLink.set(linkId, placed);
    this.stops.push(...placed);
    return placed;
  }

  #place(link: BuiltLink, fraction: number): PlacedStop {
    const positionM = round(link.lengthM * fraction, 1);
    const centre = pointAlong(link.geometry, positionM);
    const heading = bearingDeg(link.geometry[0] as Point, link.geometry[link.geometry.length - 1] as Point);
    const [lon, lat] = roundPoint(destination(centre, heading + 90, KERB_OFFSET_M));
    const region = regionOfNode(fraction >= 0.5 ? link.to : link.from);
    const id = String(this.#next[region]++);
    const [nameEn, name] = stopName(link, fraction);
    return { id, name, nameEn, lat, lon, linkId: link.id, positionM, locationType: 0, region };
  }
}
