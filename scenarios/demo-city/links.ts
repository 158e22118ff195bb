/**
 * @module scenarios/demo-city/links
 * Link construction: a LineString from node to node whose `lengthM` is measured from the geometry, so
 * lengths and coordinates always agree. Each link carries its street's English and Korean names.
 */
import type { RoadNode } from '../../core/index.ts';
import type { Point } from './geo.ts';
import { pathLengthM, round } from './geo.ts';
import type { BuiltLink } from './network-types.ts';
import type { Street } from './places.ts';

/** Builds a link between two nodes, named in English and Korean; `via` bends the geometry (ramps). */
export function makeLink(
  from: RoadNode,
  to: RoadNode,
  street: Pick<Street, 'en' | 'ko' | 'speedKmh'> & { roadClass: BuiltLink['roadClass'] },
  lanes: number,
  via: Point[] = [],
): BuiltLink {
  const geometry: [number, number][] = [[from.lon, from.lat], ...via, [to.lon, to.lat]];
  return {
    id: `${from.id}-${to.id}`,
    from: from.id,
    to: to.id,
    name: street.en,
    nameKo: street.ko,
    lanes,
    lengthM: round(pathLengthM(geometry), 1),
    speedLimitKmh: street.speedKmh,
    geometry,
    roadClass: street.roadClass,
  };
}
