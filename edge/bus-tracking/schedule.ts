/**
 * @module edge/bus-tracking/schedule
 * Schedule deviation of a bus from its trip's timetable: the scheduled time at the bus's distance along
 * the route is interpolated between the departure from the last stop and the arrival at the next (as
 * TCRP Report 113 and most AVL systems do), then compared with the fix time in service-day seconds.
 */
import type { PatternStop } from './route-catalog.ts';

const DAY_S = 86_400;

/** Scheduled time (service-day seconds) at `distanceM`, or null for an empty pattern. */
export function scheduledTimeAt(stops: readonly PatternStop[], distanceM: number): number | null {
  const first = stops[0];
  if (first === undefined) return null;
  if (distanceM <= first.distanceM) return first.departureS;
  for (let i = 1; i < stops.length; i++) {
    const b = stops[i];
    const a = stops[i - 1];
    if (a === undefined || b === undefined) continue;
    if (distanceM <= b.distanceM) {
      const span = b.distanceM - a.distanceM;
      const t = span > 0 ? (distanceM - a.distanceM) / span : 1;
      return a.departureS + t * (b.arrivalS - a.departureS);
    }
  }
  return stops[stops.length - 1]?.arrivalS ?? null;
}

/**
 * Seconds since the service day's midnight at local offset `utcOffsetMin`. GTFS service days start at
 * local noon minus 12 h, which is midnight except across DST changes; Korea has no DST.
 */
export function serviceSeconds(epochMs: number, utcOffsetMin: number): number {
  const local = epochMs / 1000 + utcOffsetMin * 60;
  return ((local % DAY_S) + DAY_S) % DAY_S;
}

/** Deviation in seconds (positive = late), folded so trips past midnight (25:10:00) compare right. */
export function scheduleDeviationS(actualS: number, scheduledS: number): number {
  let d = actualS - scheduledS;
  while (d > DAY_S / 2) d -= DAY_S;
  while (d < -DAY_S / 2) d += DAY_S;
  return d;
}
