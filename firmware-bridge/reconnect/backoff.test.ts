/**
 * @module firmware-bridge/reconnect/backoff.test
 */
import { expect, test } from 'vitest';
import { backoffDelayMs } from './index.ts';

test('doubles the delay per attempt up to the cap', () => {
  const o = { minMs: 100, maxMs: 1000, jitter: 0 };
  expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelayMs(a, o))).toEqual([100, 200, 400, 800, 1000, 1000]);
});

test('jitters within the configured share', () => {
  const o = { minMs: 1000, maxMs: 1000, jitter: 0.5 };
  expect(backoffDelayMs(0, o, () => 0)).toBe(500);
  expect(backoffDelayMs(0, o, () => 0.999)).toBe(1000);
});
