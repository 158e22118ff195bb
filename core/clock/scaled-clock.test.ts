import { test, expect } from 'vitest';
import { ScaledClock } from './scaled-clock.ts';

test('simulated time runs speed times faster than the wall clock from the origin', () => {
  let wall = 1_000;
  const clock = new ScaledClock(50_000, 10, () => wall);
  expect(clock.now()).toBe(50_000);
  wall += 300;
  expect(clock.now()).toBe(53_000);
});

test('a timer of simulated milliseconds waits the scaled wall time', () => {
  const clock = new ScaledClock(0, 4);
  expect(clock.wallMs(1_000)).toBe(250);
});

test('refuses a speed that is not positive', () => {
  expect(() => new ScaledClock(0, 0)).toThrow(RangeError);
  expect(() => new ScaledClock(0, Number.NaN)).toThrow(RangeError);
});

test('a cleared interval never fires', async () => {
  const clock = new ScaledClock(0, 100);
  let fired = 0;
  const h = clock.setInterval(() => fired++, 1_000);
  clock.clear(h);
  await new Promise((r) => setTimeout(r, 40));
  expect(fired).toBe(0);
  clock.clearAll();
});
