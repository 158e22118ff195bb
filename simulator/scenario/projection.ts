/**
 * @module simulator/scenario/projection
 * A local tangent-plane projection (equirectangular about a reference point): accurate to well under
 * a metre over a district, which is all the simulator's geometry needs.
 */

const EARTH_RADIUS_M = 6_371_008.8;

/** Lon/lat ↔ local metres about a reference point. */
export type Projection = {
  toXY(lon: number, lat: number): [number, number];
  toLonLat(x: number, y: number): [number, number];
};

/** Projection about (`lon0`, `lat0`). */
export function localProjection(lon0: number, lat0: number): Projection {
  const rad = Math.PI / 180;
  const kx = EARTH_RADIUS_M * rad * Math.cos(lat0 * rad);
  const ky = EARTH_RADIUS_M * rad;
  return {
    toXY: (lon, lat) => [(lon - lon0) * kx, (lat - lat0) * ky],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / ky],
  };
}
