/**
 * @module simulator/sumo/utm
 * Inverse Universal Transverse Mercator on WGS84 (Snyder 1987, "Map Projections — A Working Manual",
 * USGS PP 1395, eqs. 8-18 ff.), for the `+proj=utm +zone=N` networks SUMO imports from OpenStreetMap.
 */

const A = 6_378_137;
const F = 1 / 298.257223563;
const K0 = 0.9996;

/** Lon/lat of UTM easting/northing in `zone` (northern hemisphere unless `south`). */
export function utmToLonLat(
  easting: number,
  northing: number,
  zone: number,
  south = false,
): [number, number] {
  const e2 = F * (2 - F);
  const ep2 = e2 / (1 - e2);
  const x = easting - 500_000;
  const y = south ? northing - 10_000_000 : northing;
  const m = y / K0;
  const mu = m / (A * (1 - e2 / 4 - (3 * e2 * e2) / 64 - (5 * e2 ** 3) / 256));
  const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
  const phi1 =
    mu +
    ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
    ((21 * e1 * e1) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
    ((151 * e1 ** 3) / 96) * Math.sin(6 * mu);
  const sin1 = Math.sin(phi1);
  const cos1 = Math.cos(phi1);
  const tan1 = Math.tan(phi1);
  const n1 = A / Math.sqrt(1 - e2 * sin1 * sin1);
  const t1 = tan1 * tan1;
  const c1 = ep2 * cos1 * cos1;
  const r1 = (A * (1 - e2)) / (1 - e2 * sin1 * sin1) ** 1.5;
  const d = x / (n1 * K0);
  const lat =
    phi1 -
    ((n1 * tan1) / r1) *
      ((d * d) / 2 -
        ((5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * d ** 4) / 24 +
        ((61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * d ** 6) / 720);
  const lon =
    (d -
      ((1 + 2 * t1 + c1) * d ** 3) / 6 +
      ((5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * d ** 5) / 120) /
    cos1;
  const lon0 = ((zone - 1) * 6 - 180 + 3) * (Math.PI / 180);
  return [((lon0 + lon) * 180) / Math.PI, (lat * 180) / Math.PI];
}
