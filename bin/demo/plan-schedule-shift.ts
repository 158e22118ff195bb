/**
 * @module bin/demo/plan-schedule-shift
 * The demo moves the demo city's morning to "now" (./timetable-shift.ts): the simulator's demand and
 * the timetable start at the wall-clock time the demo starts. The controllers' time-of-day plan
 * schedules (NTCIP 1202 day plans, local `HH:MM`) move by the same amount, so the morning peak's
 * traffic meets the morning peak's plans (`am-peak` at the demo city's 06:30-09:00), whatever the
 * hour: unshifted, a demo started at 14:00 ran the off-peak plans against the peak's demand.
 */
import type { Intersection } from '../../core/index.ts';

const DAY_MIN = 1440;
const mod = (a: number, m: number): number => ((a % m) + m) % m;
const minuteOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * The day plan of `x` moved later by `deltaS` (rounded to the minute, wrapped over midnight): the
 * plan in force at each shifted minute is the one the original ran `deltaS` earlier. Entries start at
 * 00:00, sorted, without repeats of one plan; an intersection without a schedule keeps none.
 */
export function shiftPlanSchedule(x: Intersection, deltaS: number): Intersection['schedule'] {
  if (x.schedule.length === 0) return [];
  const entries = x.schedule
    .map((e) => ({ min: minuteOf(e.from), planId: e.planId }))
    .sort((a, b) => a.min - b.min);
  // As the controller reads a day plan (controllers/firmware/schedule.ts): the latest entry at or
  // before the minute, the default plan before the first.
  const planAt = (min: number): string =>
    entries.filter((e) => e.min <= min).at(-1)?.planId ?? x.defaultPlanId;
  const delta = mod(Math.round(deltaS / 60), DAY_MIN);
  // Every entry moved, the original midnight (where the day plan starts again from its default), and
  // the new midnight.
  const moved = [0, ...entries.map((e) => e.min)].map((m) => mod(m + delta, DAY_MIN));
  const starts = [...new Set([0, ...moved])].sort((a, b) => a - b);
  const out: { from: string; planId: string }[] = [];
  for (const start of starts) {
    const planId = planAt(mod(start - delta, DAY_MIN));
    if (out.at(-1)?.planId !== planId) out.push({ from: hhmm(start), planId });
  }
  return out;
}
