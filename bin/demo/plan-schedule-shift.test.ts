/**
 * @module bin/demo/plan-schedule-shift.test
 */
import { expect, test } from 'vitest';
import { loadScenario, type Intersection } from '../../core/index.ts';
import { shiftPlanSchedule } from './plan-schedule-shift.ts';
import { shiftScenarioToNow } from './timetable-shift.ts';

const city = loadScenario('scenarios/demo-city');
const DAY = [
  { from: '00:00', planId: 'off-peak' },
  { from: '06:30', planId: 'am-peak' },
  { from: '09:00', planId: 'off-peak' },
];
const x = (schedule: Intersection['schedule']): Intersection => ({ ...city.intersections[0]!, schedule });

test('the day plan moves by the shift, wrapping over midnight, starting at 00:00', () => {
  // The demo city's 07:30 moved to 13:45: +6 h 15 min.
  expect(shiftPlanSchedule(x(DAY), 6 * 3600 + 15 * 60)).toEqual([
    { from: '00:00', planId: 'off-peak' },
    { from: '12:45', planId: 'am-peak' },
    { from: '15:15', planId: 'off-peak' },
  ]);
  // 07:30 moved to 01:00 (-6 h 30 min): the peak wraps to the evening before.
  expect(shiftPlanSchedule(x(DAY), -6.5 * 3600)).toEqual([
    { from: '00:00', planId: 'am-peak' },
    { from: '02:30', planId: 'off-peak' },
  ]);
  expect(shiftPlanSchedule(x(DAY), 0)).toEqual(DAY);
  // Before the first entry the default plan runs, as the controller reads it: from the original
  // midnight (01:00 shifted) to the entry, and the entry's plan from it to the original midnight.
  expect(x([]).defaultPlanId).toBe('off-peak');
  expect(shiftPlanSchedule(x([{ from: '06:30', planId: 'am-peak' }]), 3600)).toEqual([
    { from: '00:00', planId: 'am-peak' },
    { from: '01:00', planId: 'off-peak' },
    { from: '07:30', planId: 'am-peak' },
  ]);
  expect(shiftPlanSchedule(x([]), 3600)).toEqual([]);
});

test('a demo started in the afternoon runs the morning-peak plans with the morning peak', () => {
  const now = Date.parse('2026-11-28T13:45:10+09:00');
  const shifted = shiftScenarioToNow(city, now);
  const planAt = (s: Intersection['schedule'], hhmm: string): string | undefined =>
    s.filter((e) => e.from <= hhmm).at(-1)?.planId;
  for (const [i, x0] of city.intersections.entries()) {
    const x1 = shifted.intersections[i]!;
    // The scenario starts at 07:30 (its peak plan where it has one); the demo starts at 13:45.
    if (x0.schedule.length > 0) expect(planAt(x1.schedule, '13:45')).toBe(planAt(x0.schedule, '07:30'));
  }
  expect(shifted.intersections.some((x1) => planAt(x1.schedule, '13:45') === 'am-peak')).toBe(true);
  expect(city.intersections[0]!.schedule).toEqual(
    loadScenario('scenarios/demo-city').intersections[0]!.schedule,
  );
});
