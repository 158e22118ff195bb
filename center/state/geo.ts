/**
 * @module center/state/geo
 * Great-circle distance for the in-process position index (haversine; Redis GEO uses the same
 * formula on a sphere of radius 6372797.560856 m, which we use too so both stores agree).
 */

/** Earth radius Redis GEO assumes, metres. */
export const EARTH_RADIUS_M = 6_372_797.560856;

/** Haversine distance between two [lon, lat] points in metres. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
