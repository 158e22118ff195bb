/**
 * @module bin/demo/timetable-shift.test
 */
import { expect, test } from 'vitest';
import { gtfsTimeToSeconds, loadScenario } from '../../core/index.ts';
import { shiftScenarioToNow } from './timetable-shift.ts';

const city = loadScenario('scenarios/demo-city');

test('moves the start to now and every timetable time by the same amount', () => {
  const now = Date.parse('2026-11-28T13:45:10+09:00'); // a Saturday afternoon in Seoul
  const shifted = shiftScenarioToNow(city, now);
  expect(shifted.startTime).toBe('2026-11-28T13:45:10+09:00');
  const delta = gtfsTimeToSeconds('13:45:10') - gtfsTimeToSeconds('07:30:00');
  const before = city.transit!.trips[0]!.stopTimes[0]!;
  const after = shifted.transit!.trips[0]!.stopTimes[0]!;
  expect(gtfsTimeToSeconds(after.arrival) - gtfsTimeToSeconds(before.arrival)).toBe(delta);
  expect(gtfsTimeToSeconds(shifted.transit!.frequencies[0]!.startTime)).toBe(
    gtfsTimeToSeconds(city.transit!.frequencies[0]!.startTime) + delta,
  );
  expect(shifted.transit!.calendar.every((c) => c.days.every(Boolean))).toBe(true);
  expect(city.startTime).toBe('2026-11-26T07:30:00+09:00');
});

test('before the timetable would start, it moves to the next day rather than below zero', () => {
  const shifted = shiftScenarioToNow(city, Date.parse('2026-11-27T00:10:00+09:00'));
  const first = Math.min(...shifted.transit!.trips.map((t) => gtfsTimeToSeconds(t.stopTimes[0]!.arrival)));
  expect(first).toBeGreaterThanOrEqual(0);
});
