/**
 * @module core/gtfs/calendar
 * calendar.txt and calendar_dates.txt into service calendars. The transit model keeps weekly patterns
 * only, so a service defined solely by calendar_dates becomes a pattern over the weekdays of its added
 * dates, from the first to the last; other exceptions (holidays removed or added around a weekly
 * pattern) are counted as not represented. At least one of the two files is required (GTFS).
 */
import { FileFormatError } from '../errors/index.ts';
import type { TransitInput } from './model.ts';
import { readGtfsTable } from './table.ts';

type CalendarInput = NonNullable<TransitInput['calendar']>[number];

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Monday-based weekday index (0 = Monday) of a YYYYMMDD date. */
function weekdayOf(date: string): number {
  const d = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))),
  );
  return (d.getUTCDay() + 6) % 7;
}

/** Service calendars, and how many calendar_dates exceptions could not be represented. */
export function readCalendars(dir: string): { calendar: CalendarInput[]; exceptionsIgnored: number } {
  const weekly = readGtfsTable(dir, 'calendar.txt', {
    required: false,
    columns: ['service_id', ...DAYS, 'start_date', 'end_date'],
  });
  const dates = readGtfsTable(dir, 'calendar_dates.txt', {
    required: false,
    columns: ['service_id', 'date', 'exception_type'],
  });
  if (weekly.rows.length === 0 && dates.rows.length === 0)
    throw new FileFormatError(
      weekly.file,
      null,
      'the feed has neither calendar.txt nor calendar_dates.txt entries',
    );
  const calendar: CalendarInput[] = [];
  const ids = new Set<string>();
  for (const row of weekly.rows) {
    const serviceId = row.required('service_id');
    if (ids.has(serviceId)) row.fail(`duplicate service_id "${serviceId}"`);
    ids.add(serviceId);
    const startDate = row.date('start_date');
    const endDate = row.date('end_date');
    if (endDate < startDate) row.fail(`end_date ${endDate} is before start_date ${startDate}`);
    calendar.push({ serviceId, days: DAYS.map((d) => row.int(d, 0, 1) === 1), startDate, endDate });
  }
  let exceptionsIgnored = 0;
  const added = new Map<string, string[]>();
  for (const row of dates.rows) {
    const serviceId = row.required('service_id');
    const date = row.date('date');
    const type = row.int('exception_type', 1, 2);
    if (ids.has(serviceId) || type === 2) {
      exceptionsIgnored++;
      continue;
    }
    added.set(serviceId, [...(added.get(serviceId) ?? []), date]);
  }
  for (const [serviceId, list] of added) {
    list.sort();
    const days = [false, false, false, false, false, false, false];
    for (const d of list) days[weekdayOf(d)] = true;
    calendar.push({ serviceId, days, startDate: list[0] ?? '', endDate: list[list.length - 1] ?? '' });
  }
  return { calendar, exceptionsIgnored };
}
