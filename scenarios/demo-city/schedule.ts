/**
 * @module scenarios/demo-city/schedule
 * GTFS time strings and stop-time tables for frequency-based template trips (GTFS frequencies.txt with
 * exact_times = 0: the stop times give the running times; the frequency gives the departures).
 */
import type { Frequency, StopTime } from '../../core/index.ts';
import { round } from './geo.ts';

/** "HH:MM:SS" for seconds since midnight. */
export function gtfsTime(seconds: number): string {
  const s = Math.round(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return [hh, mm, ss].map((x) => String(x).padStart(2, '0')).join(':');
}

/** Seconds since midnight for "HH:MM". */
export function clockS(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60;
}

/** A stop on a trip: its arrival offset from the trip start and distance along the shape. */
export type TimedStop = { stopId: string; atS: number; distM: number; dwellS: number };

/** Stop times of a template trip starting at `startS` (seconds since midnight) at its first stop. */
export function stopTimesOf(stops: readonly TimedStop[], startS: number): StopTime[] {
  const t0 = stops[0]?.atS ?? 0;
  return stops.map((s, i) => ({
    stopId: s.stopId,
    stopSequence: i + 1,
    arrival: gtfsTime(startS + s.atS - t0),
    departure: gtfsTime(startS + s.atS - t0 + (i === stops.length - 1 ? 0 : s.dwellS)),
    distM: round(s.distM, 1),
  }));
}

/** A service period: headway between `from` and `to` (local "HH:MM"). */
export type Headway = { from: string; to: string; headwayS: number };

/** GTFS frequencies for a template trip. */
export function frequenciesOf(tripId: string, headways: readonly Headway[]): Frequency[] {
  return headways.map((h) => ({
    tripId,
    startTime: gtfsTime(clockS(h.from)),
    endTime: gtfsTime(clockS(h.to)),
    headwayS: h.headwayS,
  }));
}

/** The service calendar of every trip: weekdays of 2026. */
export const WEEKDAY_SERVICE = {
  serviceId: 'weekday',
  days: [true, true, true, true, true, false, false],
  startDate: '20260101',
  endDate: '20261231',
};
