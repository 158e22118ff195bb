/**
 * @module center/prediction/schedule
 * Timetable arrivals at a stop (GTFS stop_times, expanded by frequencies.txt), the fallback when no
 * live bus is known, and how the center tells that a route has finished for the day.
 */
import { gtfsTimeToSeconds, type Transit } from '../../core/index.ts';

/** One timetabled arrival. */
export type ScheduledArrival = { readonly routeId: string; readonly tripId: string; readonly etaMs: number };

/** Local midnight (service day start) of an instant, epoch ms. */
export function serviceDayStartMs(nowMs: number, utcOffsetMs: number): number {
  const day = 86_400_000;
  return Math.floor((nowMs + utcOffsetMs) / day) * day - utcOffsetMs;
}

/**
 * Every timetabled arrival at `stopId` of the service days running at `nowMs`, sorted by time: the
 * day before's past its midnight (GTFS times from 24:00, a night bus or a timetable shifted late) and
 * today's.
 */
export function scheduledArrivals(
  transit: Transit,
  stopId: string,
  nowMs: number,
  utcOffsetMs: number,
): ScheduledArrival[] {
  const midnight = serviceDayStartMs(nowMs, utcOffsetMs);
  const out: ScheduledArrival[] = [];
  for (const dayStartMs of [midnight - DAY_MS, midnight])
    for (const a of arrivalsOfDay(transit, stopId, dayStartMs)) if (a.etaMs >= midnight) out.push(a);
  return out.sort((a, b) => a.etaMs - b.etaMs);
}

const DAY_MS = 86_400_000;

/** The timetabled arrivals at `stopId` of the service day starting at `dayStartMs`. */
function arrivalsOfDay(transit: Transit, stopId: string, dayStartMs: number): ScheduledArrival[] {
  const out: ScheduledArrival[] = [];
  for (const trip of transit.trips) {
    const st = trip.stopTimes.find((s) => s.stopId === stopId);
    const first = trip.stopTimes[0];
    if (st === undefined || first === undefined) continue;
    const offsetS = gtfsTimeToSeconds(st.arrival) - gtfsTimeToSeconds(first.arrival);
    const freqs = transit.frequencies.filter((f) => f.tripId === trip.id);
    if (freqs.length === 0) {
      out.push({
        routeId: trip.routeId,
        tripId: trip.id,
        etaMs: dayStartMs + gtfsTimeToSeconds(st.arrival) * 1000,
      });
      continue;
    }
    for (const f of freqs) {
      const end = gtfsTimeToSeconds(f.endTime);
      for (let start = gtfsTimeToSeconds(f.startTime); start < end; start += f.headwayS) {
        out.push({
          routeId: trip.routeId,
          tripId: `${trip.id}@${start}`,
          etaMs: dayStartMs + (start + offsetS) * 1000,
        });
      }
    }
  }
  return out;
}

/** Offset of a scenario's ISO start time from UTC, ms (`2026-11-26T07:00:00+09:00` → 9 h). */
export function utcOffsetOf(isoStartTime: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(isoStartTime);
  if (m === null) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3_600_000 + Number(m[3]) * 60_000);
}
