/**
 * @module bin/tsp-rule.test
 * `--tsp-min-late` as every command reads it.
 */
import { expect, test } from 'vitest';
import { DEFAULT_TSP_MIN_LATE_S } from '../edge/node/index.ts';
import { describeTspRule, parseTspMinLate } from './tsp-rule.ts';

test('reads seconds (negative too), any or tiered:<s>, and refuses anything else naming the option', () => {
  expect(parseTspMinLate(undefined)).toBeUndefined();
  expect(parseTspMinLate('30')).toBe(30);
  expect(parseTspMinLate('-60')).toBe(-60);
  expect(parseTspMinLate('any')).toBe(-Infinity);
  expect(parseTspMinLate('tiered:0')).toEqual({ tiered: true, minLateS: 0 });
  expect(parseTspMinLate('tiered:-60')).toEqual({ tiered: true, minLateS: -60 });
  expect(() => parseTspMinLate('tiered:')).toThrow(/--tsp-min-late/);
  expect(() => parseTspMinLate('tiered:any')).toThrow(/--tsp-min-late/);
  expect(() => parseTspMinLate('soon')).toThrow(
    /--tsp-min-late: must be a number of seconds, 'any' or 'tiered:<seconds>'/,
  );
  expect(() => parseTspMinLate('')).toThrow(/--tsp-min-late/);
  expect(describeTspRule(-Infinity)).toBe('any bus');
  expect(describeTspRule(30)).toBe('late >= 30 s');
  expect(describeTspRule({ tiered: true, minLateS: 0 })).toBe('extension any bus, early green late >= 0 s');
  expect(describeTspRule()).toBe(`late >= ${DEFAULT_TSP_MIN_LATE_S} s`);
});
