/**
 * @module edge/detectors/control-delay.test
 * HCM control delay (uniform + incremental) against worked figures, the degree of saturation capped
 * at 1, and the link speed from it.
 */
import { expect, test } from 'vitest';
import { controlDelayS, speedWithDelayKmh } from './control-delay.ts';

test('no traffic waits, on average, half the red squared over the cycle (Webster first term)', () => {
  // C 100 s, g 50 s: 0.5 * 100 * 0.5^2 = 12.5 s, and no incremental delay.
  expect(controlDelayS(0, { greenS: 50, cycleS: 100 })).toBeCloseTo(12.5, 9);
});

test('a lane at X = 0.63 on a half-green 90 s cycle: d1 16.4 s + d2 3.2 s', () => {
  // c = 1900 * 0.5 = 950 veh/h, v = 600: d1 = 0.5*90*0.25 / (1 - 0.6316*0.5) = 16.44 s,
  // d2 = 900*0.25*[(X-1) + sqrt((X-1)^2 + 8*0.5*X/(950*0.25))] = 3.18 s.
  expect(controlDelayS(600, { greenS: 45, cycleS: 90 })).toBeCloseTo(16.44 + 3.18, 1);
});

test('delay rises with flow up to capacity, and a ratio above 1 counts as 1', () => {
  const timing = { greenS: 30, cycleS: 120 };
  const at = [0, 200, 400, 475].map((v) => controlDelayS(v, timing));
  for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1] ?? 0);
  // c = 475 veh/h: at X = 1, d1 = 0.5 * 120 * 0.75^2 / 0.75 = 45 s and d2 = 225 * sqrt(16 / 475) = 41.3 s.
  expect(at[3]).toBeCloseTo(45 + 41.29, 1);
  // Departures at a stop line cannot show demand above capacity: 700 veh/h is noise, taken as 475.
  expect(controlDelayS(700, timing)).toBe(at[3]);
});

test('speed over a link is its length over running time plus delay', () => {
  // 500 m at 50 km/h is 36 s; 36 s of delay halves the speed.
  expect(speedWithDelayKmh(500, 50, 36)).toBeCloseTo(25, 9);
  expect(speedWithDelayKmh(500, 50, 0)).toBeCloseTo(50, 9);
});
