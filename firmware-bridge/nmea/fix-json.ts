/**
 * @module firmware-bridge/nmea/fix-json
 * The one-line JSON form of a fix that `its bridge nmea --json` prints, so a tester can check a log.
 */
import type { NmeaFix } from './types.ts';

/** `{time, lat, lon, speedMps, trackDeg, mode}`; `time` is ISO 8601 UTC, or `hh:mm:ss.sssZ` before a date is known. */
export type FixJson = {
  readonly time: string;
  readonly lat: number;
  readonly lon: number;
  readonly speedMps: number | null;
  readonly trackDeg: number | null;
  readonly mode: 2 | 3;
};

/** The JSON form of a fix; coordinates rounded to 1e-9 degrees as gpsd prints them. */
export function formatFixJson(fix: NmeaFix): FixJson {
  const time =
    fix.timeMs !== null
      ? new Date(fix.timeMs).toISOString()
      : `${new Date(fix.timeOfDayMs).toISOString().slice(11)}`;
  const round = (x: number, digits: number): number => Number(x.toFixed(digits));
  return {
    time,
    lat: round(fix.lat, 9),
    lon: round(fix.lon, 9),
    speedMps: fix.speedMps === null ? null : round(fix.speedMps, 3),
    trackDeg: fix.trackDeg === null ? null : round(fix.trackDeg, 4),
    mode: fix.mode,
  };
}
