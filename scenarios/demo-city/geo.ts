/**
 * @module scenarios/demo-city/geo
 * Small spherical-earth helpers for laying out the district: distances (haversine), bearings and
 * destination points (Williams, "Aviation Formulary"), on a sphere of the IUGG mean radius. Good to a
 * few centimetres over the 5 km this district spans, which is far below lane-width accuracy.
 */

/** A [lon, lat] position, GeoJSON order (RFC 7946 §3.1.1). */
export type Point = [number, number];

/** IUGG mean earth radius, metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance between two points, metres (haversine). */
export function distanceM(a: Point, b: Point): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a polyline, metres. */
export function pathLengthM(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distanceM(points[i - 1] as Point, points[i] as Point);
  return total;
}

/** Initial bearing from `a` to `b`, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: Point, b: Point): number {
  const φ1 = a[1] * RAD;
  const φ2 = b[1] * RAD;
  const dλ = (b[0] - a[0]) * RAD;
  const y = Math.sin(dλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(dλ);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

/** The point `distM` metres from `p` along `bearing` degrees, rounded to 1e-6 degrees (about 0.1 m). */
export function destination(p: Point, bearing: number, distM: number): Point {
  const δ = distM / EARTH_RADIUS_M;
  const θ = bearing * RAD;
  const φ1 = p[1] * RAD;
  const λ1 = p[0] * RAD;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 =
    λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return roundPoint([λ2 / RAD, φ2 / RAD]);
}

/** The point `distM` metres along a polyline (clamped to its ends). */
export function pointAlong(points: readonly Point[], distM: number): Point {
  let left = Math.max(0, distM);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const seg = distanceM(a, b);
    if (left <= seg && seg > 0) {
      const f = left / seg;
      return roundPoint([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
    }
    left -= seg;
  }
  return roundPoint(points[points.length - 1] as Point);
}

/** Linear interpolation of latitude at `lon` along a polyline given west to east. */
export function latAtLon(line: readonly Point[], lon: number): number {
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as Point;
    const b = line[i] as Point;
    if (lon <= b[0] || i === line.length - 1) {
      const f = (lon - a[0]) / (b[0] - a[0]);
      return a[1] + (b[1] - a[1]) * f;
    }
  }
  throw new RangeError('latAtLon needs a line of at least two points');
}

/** A point rounded to 1e-6 degrees, the precision written to the scenario file. */
export function roundPoint(p: Point): Point {
  return [round(p[0], 6), round(p[1], 6)];
}

/** `x` rounded to `digits` decimals. */
export function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
