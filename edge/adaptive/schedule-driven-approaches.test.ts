/**
 * @module edge/adaptive/schedule-driven-approaches.test
 * The schedule-driven strategy's per-approach memory: its own queue estimate counts a stop-bar count
 * as a departure in any signal state (the tracker's only in green), and its arrival rate is the
 * advance-loop counts over a decaying window once a minute has been seen.
 */
import { expect, test } from 'vitest';
import { ApproachMemory } from './schedule-driven-approaches.ts';
import { DEFAULT_SCHEDULE_DRIVEN_OPTIONS } from './schedule-driven-options.ts';
import { unitState } from './test-units.ts';

const memory = (extra: Partial<typeof DEFAULT_SCHEDULE_DRIVEN_OPTIONS> = {}) =>
  new ApproachMemory({ ...DEFAULT_SCHEDULE_DRIVEN_OPTIONS, ...extra });

test('a vehicle crossing the stop-bar loop in red or yellow leaves the own queue estimate', () => {
  const m = memory();
  const red = { queueVeh: 9, arrivalsVeh: 3, departuresVeh: 1, stopbarsOccupied: 0 };
  m.observe(unitState(2, red), 1);
  // Three arrived, one ran the yellow: two wait (the tracker's 9 is not used).
  expect(m.queueVeh(unitState(2, red))).toBeCloseTo(2);
  // In red, at least one vehicle per occupied stop-bar loop.
  m.observe(unitState(2, { ...red, arrivalsVeh: 0, departuresVeh: 1, stopbarsOccupied: 2 }), 1);
  expect(m.queueVeh(unitState(2, red))).toBeCloseTo(2);
  // Cleared when the green gaps out with every stop-bar loop free.
  const gapped = { active: true, greenS: 12, redS: null, gapS: 4, arrivalsVeh: 0, departuresVeh: 0 };
  m.observe(unitState(2, { ...gapped, stopbarsOccupied: 0 }), 1);
  expect(m.queueVeh(unitState(2, gapped))).toBe(0);
});

test('without both loop kinds, or with ownQueue off, the tracker estimate is used', () => {
  const m = memory();
  const noAdvance = unitState(2, { queueVeh: 4, arrivalsVeh: null, departuresVeh: 1 });
  m.observe(noAdvance, 1);
  expect(m.queueVeh(noAdvance)).toBe(4);
  const off = memory({ ownQueue: false });
  const both = unitState(2, { queueVeh: 4, arrivalsVeh: 1, departuresVeh: 0 });
  off.observe(both, 1);
  expect(off.queueVeh(both)).toBe(4);
});

test('the arrival rate is counted over a decaying window once a minute has been seen', () => {
  const m = memory({ rateMemoryS: 120 });
  // The tracker's per-cycle estimate says 1,800 veh/h; the loops count one vehicle every 4 s (900 veh/h).
  const at = (k: number) => unitState(2, { arrivalVph: 1800, arrivalsVeh: k % 4 === 0 ? 1 : 0 });
  for (let k = 0; k < 30; k++) m.observe(at(k), 1);
  expect(m.arrivalVps(at(30))).toBeCloseTo(0.5);
  for (let k = 30; k < 600; k++) m.observe(at(k), 1);
  expect(m.arrivalVps(at(600))).toBeGreaterThan(0.24);
  expect(m.arrivalVps(at(600))).toBeLessThan(0.26);
  const off = memory({ rateMemoryS: 0 });
  for (let k = 0; k < 600; k++) off.observe(at(k), 1);
  expect(off.arrivalVps(at(600))).toBeCloseTo(0.5);
});
