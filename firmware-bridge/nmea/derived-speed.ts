/**
 * @module firmware-bridge/nmea/derived-speed
 * Speed over ground from two successive fixes, for receivers whose cycle reports no speed (GGA-only
 * output, as from the Ashtech in gpsd's rst39.log). gpsd does the same in gpsd_error_model
 * (libgpsd_core.c): distance between the previous and this fix over the time between them.
 */

/** WGS 84 semi-major axis (m) and first eccentricity squared. */
const WGS84_A = 6_378_137;
const WGS84_E2 = 6.694_379_990_14e-3;
const DEG = Math.PI / 180;

/**
 * Distance in metres between two nearby points on the WGS 84 ellipsoid, from the meridional and
 * prime-vertical radii of curvature at their mean latitude. For the metres-to-kilometres between
 * successive fixes it agrees with Vincenty's inverse formula to better than 1e-6 relative.
 */
export function nearbyDistanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const phi = ((lat1 + lat2) / 2) * DEG;
  const s = Math.sin(phi);
  const w = Math.sqrt(1 - WGS84_E2 * s * s);
  const meridional = (WGS84_A * (1 - WGS84_E2)) / (w * w * w);
  const primeVertical = WGS84_A / w;
  let dLon = lon2 - lon1;
  if (dLon > 180) dLon -= 360;
  if (dLon < -180) dLon += 360;
  const north = (lat2 - lat1) * DEG * meridional;
  const east = dLon * DEG * primeVertical * Math.cos(phi);
  return Math.hypot(north, east);
}

/** Longest gap between fixes over which a speed is still derived. */
export const MAX_DERIVED_SPEED_GAP_MS = 10_000;
