/**
 * @module core/scenario/geometry
 * Lengths on the ground: great-circle distance between [lon, lat] points (haversine, mean Earth radius
 * 6,371,008.8 m, IUGG) and the length of a link, from its `lengthM`, its geometry, or the straight line
 * between its end nodes.
 */
import { NotFoundError } from '../errors/index.ts';
import type { Link, LonLat } from '../network/index.ts';

/** Mean Earth radius, metres (IUGG R1). */
const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance between two [lon, lat] points, metres (haversine formula). */
export function haversineM(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a polyline of [lon, lat] points, metres. */
export function polylineLengthM(points: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a !== undefined && b !== undefined) total += haversineM(a, b);
  }
  return total;
}

/** What {@link linkLengthM} needs of a node: its position. */
export type NodePosition = { readonly lon: number; readonly lat: number };

/**
 * Length of a link in metres: `lengthM` when given, else the length of its geometry, else the straight
 * line between its end nodes. Throws NotFoundError when it needs a node that `nodes` lacks.
 */
export function linkLengthM(link: Link, nodes: ReadonlyMap<string, NodePosition>): number {
  if (link.lengthM !== undefined) return link.lengthM;
  if (link.geometry !== undefined) return polylineLengthM(link.geometry);
  const from = nodes.get(link.from);
  if (from === undefined) throw new NotFoundError('node', link.from);
  const to = nodes.get(link.to);
  if (to === undefined) throw new NotFoundError('node', link.to);
  return haversineM([from.lon, from.lat], [to.lon, to.lat]);
}
