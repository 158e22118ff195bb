/**
 * @module core/transit/timetable-shift
 * A timetable moved in time: every stop time and frequency window of a transit section shifted by the
 * same number of seconds, past 24:00 where it runs over (GTFS: still the same service day). The demo
 * moves its morning timetable to "now" with it; tests move one past midnight.
 */
import { gtfsTimeToSeconds, secondsToGtfsTime, type Transit } from './transit.ts';

/** A copy of `transit` with every timetable time moved by `deltaS` seconds (the input is untouched). */
export function shiftTimetable(transit: Transit, deltaS: number): Transit {
  const shift = (t: string): string => secondsToGtfsTime(gtfsTimeToSeconds(t) + deltaS);
  return {
    ...transit,
    trips: transit.trips.map((t) => ({
      ...t,
      stopTimes: t.stopTimes.map((st) => ({
        ...st,
        arrival: shift(st.arrival),
        departure: shift(st.departure),
      })),
    })),
    frequencies: transit.frequencies.map((f) => ({
      ...f,
      startTime: shift(f.startTime),
      endTime: shift(f.endTime),
    })),
  };
}
