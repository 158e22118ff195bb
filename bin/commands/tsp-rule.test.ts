/**
 * @module bin/commands/tsp-rule.test
 * `--tsp-min-late` as every command reads it.
 */
import { expect, test } from 'vitest';
import { DEFAULT_TSP_MIN_LATE_S } from '../../edge/node/index.ts';
import { describeTspRule, parseTspMinLate } from './tsp-rule.ts';

test('reads seconds (negative too) or any, and refuses anything else naming the option', () => {
  expect(parseTspMinLate(undefined)).toBeUndefined();
  expect(parseTspMinLate('30')).toBe(30);
  expect(parseTspMinLate('-60')).toBe(-60);
  expect(parseTspMinLate('any')).toBe(-Infinity);
  expect(() => parseTspMinLate('soon')).toThrow(/--tsp-min-late: must be a number of seconds or 'any'/);
  expect(() => parseTspMinLate('')).toThrow(/--tsp-min-late/);
  expect(describeTspRule(-Infinity)).toBe('any bus');
  expect(describeTspRule(30)).toBe('late >= 30 s');
  expect(describeTspRule()).toBe(`late >= ${DEFAULT_TSP_MIN_LATE_S} s`);
});
