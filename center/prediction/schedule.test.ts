/**
 * @module center/prediction/schedule.test
 * Timetabled arrivals cover the service day before past its midnight (GTFS times from 24:00) as well
 * as today's, so after midnight a board shows the night's buses instead of tomorrow's.
 */
import { expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, shiftTimetable } from '../../core/index.ts';
import { scheduledArrivals, utcOffsetOf } from './schedule.ts';

const mini = loadScenario(MINI_SCENARIO_PATH);
const OFFSET = utcOffsetOf(mini.startTime);
const at = (iso: string): number => Date.parse(iso);

test("after midnight, the day before's trips timed past 24:00 come first, today's later", () => {
  const transit = mini.transit!;
  // The mini timetable's 07:00-09:00 moved to 24:00-26:00.
  const night = shiftTimetable(transit, 17 * 3600);
  const stopId = transit.trips[0]!.stopTimes[1]!.stopId;
  const now = at('2026-11-27T00:05:00+09:00');
  const list = scheduledArrivals(night, stopId, now, OFFSET);
  const first = list.find((a) => a.etaMs >= now)!;
  // The night service of 26 November reaches this stop a few minutes after 00:00 on the 27th.
  expect(first.etaMs - now).toBeLessThan(15 * 60_000);
  expect(first.etaMs).toBeGreaterThan(at('2026-11-27T00:00:00+09:00'));
  // Nothing from before this midnight, and the 27th's own night service is a day later.
  expect(list.every((a) => a.etaMs >= at('2026-11-27T00:00:00+09:00'))).toBe(true);
  expect(list.some((a) => a.etaMs > at('2026-11-28T00:00:00+09:00'))).toBe(true);
  // A morning timetable at 00:05 has only today's buses, hours ahead.
  const morning = scheduledArrivals(transit, stopId, now, OFFSET);
  expect(morning[0]!.etaMs).toBeGreaterThan(at('2026-11-27T07:00:00+09:00'));
});
