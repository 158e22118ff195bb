/**
 * @module displays/web/control/link-position
 * Where on a link a clicked point is: metres from the link's start, as the incident form's position.
 * The point is projected onto the nearest segment of the link's full polyline, and the distance along
 * the drawn line is scaled to the link's `lengthM`: the inverse of how the center places a position on
 * a link (center/incidents `pointOnLink`: distance along the drawn line, scaled by lengthM over the
 * line's own geodesic length, linear in lon/lat within a segment), so declaring the picked position puts
 * the incident back where the operator clicked.
 */

/** Mean Earth radius, metres (IUGG R1), as core/scenario/geometry uses. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** A [lon, lat] point. */
export type LonLat = readonly [number, number];

/**
 * Great-circle distance between two [lon, lat] points, metres: the haversine of core/scenario/geometry
 * (the center measures links with it). Repeated here because core/scenario's door also loads scenario
 * files (node:fs), which a browser page cannot import.
 */
function haversineM(a: readonly number[], b: readonly number[]): number {
  const aLat = a[1] ?? 0;
  const bLat = b[1] ?? 0;
  const dLat = (bLat - aLat) * RAD;
  const dLon = ((b[0] ?? 0) - (a[0] ?? 0)) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Metres from the start of a link (drawn as `coordinates`, `lengthM` long) to the place nearest
 * `point`: rounded to the metre and within 0..lengthM (rounded down at the end, since the center
 * refuses a position beyond it). A point beyond an end gives that end. Null when the link has no
 * coordinates; 0 when its drawn line or its length is zero (the center places any position at the
 * first point then).
 */
export function positionOnLinkM(
  coordinates: readonly (readonly number[])[],
  lengthM: number,
  point: LonLat,
): number | null {
  if (coordinates.length === 0) return null;
  // A local plane around the point (equirectangular, metres): within a segment of tens to hundreds
  // of metres it is affine in lon/lat, so the nearest point's share of the segment is the share the
  // center interpolates with.
  const kx = Math.cos(point[1] * RAD) * EARTH_RADIUS_M * RAD;
  const ky = EARTH_RADIUS_M * RAD;
  const xy = (c: readonly number[]): [number, number] => [
    ((c[0] ?? 0) - point[0]) * kx,
    ((c[1] ?? 0) - point[1]) * ky,
  ];
  let drawnM = 0;
  let bestAlongM = 0;
  let bestDistanceM = Infinity;
  const first = coordinates[0];
  if (first !== undefined) bestDistanceM = Math.hypot(...xy(first));
  for (let i = 1; i < coordinates.length; i++) {
    const a = coordinates[i - 1];
    const b = coordinates[i];
    if (a === undefined || b === undefined) continue;
    const segmentM = haversineM(a, b);
    const [ax, ay] = xy(a);
    const [bx, by] = xy(b);
    const dx = bx - ax;
    const dy = by - ay;
    const squared = dx * dx + dy * dy;
    const share = squared === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / squared));
    const distanceM = Math.hypot(ax + dx * share, ay + dy * share);
    if (distanceM < bestDistanceM) {
      bestDistanceM = distanceM;
      bestAlongM = drawnM + share * segmentM;
    }
    drawnM += segmentM;
  }
  if (drawnM === 0 || lengthM <= 0) return 0;
  const positionM = Math.round((bestAlongM * lengthM) / drawnM);
  return Math.min(Math.max(0, positionM), Math.floor(lengthM));
}
