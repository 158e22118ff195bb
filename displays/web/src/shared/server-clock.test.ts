/**
 * @module displays/web/shared/server-clock.test
 * The page's view of the center's clock between frames: it runs at the center's pace (the demo at
 * x4), not the browser's, so a quiet sign's clock does not stall and then jump at each frame.
 */
import { expect, test } from 'vitest';
import { ServerClock } from './server-clock.ts';

const T0 = 1_795_826_000_000;

test('between two frames 10 s apart a center at x4 is 40 s on, not 10 s', () => {
  const clock = new ServerClock();
  // Pongs every 10 s of browser time, each stamped with the center's time (running 4x).
  for (let i = 0; i <= 3; i++) clock.observe(T0 + i * 40_000, 1_000 + i * 10_000);
  expect(clock.rate).toBeCloseTo(4, 6);
  // 5 s after the last pong the center is 20 s on (the offset alone said 5 s: a 15 s jump at the next).
  expect(clock.now(31_000 + 5_000)).toBe(T0 + 120_000 + 20_000);
  expect(clock.wallMsFor(15_000)).toBeCloseTo(3_750, 6);
});

test('a center on the wall clock keeps rate 1 and its own offset', () => {
  const clock = new ServerClock();
  clock.observe(T0, 500);
  expect(clock.now(700)).toBe(T0 + 200);
  clock.observe(T0 + 5_000, 5_500);
  expect(clock.rate).toBeCloseTo(1, 6);
  expect(clock.now(6_500)).toBe(T0 + 6_000);
});

test('frames closer than 2 s apart do not set the rate (jitter would swamp it)', () => {
  const clock = new ServerClock();
  clock.observe(T0, 0);
  clock.observe(T0 + 3_000, 100);
  expect(clock.rate).toBe(1);
});

test('a new speed is learnt within the window, and a clock that goes back starts afresh', () => {
  const clock = new ServerClock();
  for (let i = 0; i <= 4; i++) clock.observe(T0 + i * 10_000, i * 10_000);
  expect(clock.rate).toBeCloseTo(1, 6);
  // The anchor slid to 40 s; from there the center runs 10x.
  for (let i = 1; i <= 4; i++) clock.observe(T0 + 40_000 + i * 100_000, 40_000 + i * 10_000);
  expect(clock.rate).toBeCloseTo(10, 6);
  clock.observe(T0, 90_000);
  expect(clock.rate).toBe(1);
  expect(clock.now(91_000)).toBe(T0 + 1_000);
  clock.reset();
  clock.observe(T0 + 777, 95_000);
  expect(clock.now(95_000)).toBe(T0 + 777);
});
