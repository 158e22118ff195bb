/**
 * @module bin/demo/timetable-shift
 * The demo runs on wall-clock time (so separate processes on the system clock agree with it), but the
 * demo city's timetable is written for its morning peak. This moves the scenario's start to "now" and
 * every timetable time by the same amount, and runs its services every day, so a demo started at any
 * hour shows buses running on schedule rather than "운행종료" (service ended). The signals' time-of-day
 * plans move with it (./plan-schedule-shift.ts), so the peak's traffic meets the peak's plans.
 */
import { gtfsTimeToSeconds, shiftTimetable, type Scenario } from '../../core/index.ts';
import { shiftPlanSchedule } from './plan-schedule-shift.ts';

const DAY_S = 86_400;

function offsetMsOf(iso: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (m === null) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3]) * 60) * 1000;
}

function offsetText(offsetMs: number): string {
  if (offsetMs === 0) return 'Z';
  const total = Math.abs(offsetMs) / 60_000;
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return `${offsetMs < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** Seconds since local midnight of an ISO time with offset. */
function localSecondOfDay(epochMs: number, offsetMs: number): number {
  return Math.floor((((epochMs + offsetMs) % (DAY_S * 1000)) + DAY_S * 1000) / 1000) % DAY_S;
}

/** `YYYYMMDD` of the local date of an instant. */
function localDate(epochMs: number, offsetMs: number): string {
  return new Date(epochMs + offsetMs).toISOString().slice(0, 10).replaceAll('-', '');
}

/** A copy of the scenario starting at `nowMs`, its timetable and plan schedules shifted to match; the input is untouched. */
export function shiftScenarioToNow(scenario: Scenario, nowMs: number): Scenario {
  const transit = scenario.transit;
  const offsetMs = offsetMsOf(scenario.startTime);
  const startMs = Date.parse(scenario.startTime);
  const wholeS = Math.floor(nowMs / 1000) * 1000;
  let deltaS = localSecondOfDay(wholeS, offsetMs) - localSecondOfDay(startMs, offsetMs);
  const times = transit?.trips.flatMap((t) => t.stopTimes.map((st) => gtfsTimeToSeconds(st.arrival))) ?? [];
  const earliest = times.length === 0 ? 0 : Math.min(...times);
  if (earliest + deltaS < 0) deltaS += DAY_S;
  const startTime = new Date(wholeS + offsetMs).toISOString().replace(/\.\d{3}Z$/, offsetText(offsetMs));
  const intersections = scenario.intersections.map((x) => ({ ...x, schedule: shiftPlanSchedule(x, deltaS) }));
  if (transit === undefined) return { ...scenario, startTime, intersections };
  const today = localDate(wholeS, offsetMs);
  return {
    ...scenario,
    startTime,
    intersections,
    transit: {
      ...shiftTimetable(transit, deltaS),
      calendar: transit.calendar.map((c) => ({
        ...c,
        days: [true, true, true, true, true, true, true],
        startDate: c.startDate < today ? c.startDate : today,
        endDate: c.endDate > today ? c.endDate : today,
      })),
    },
  };
}
