/**
 * @module displays/web/control/marker-stacks.test
 * Overlapping bus markers are grouped under one shown marker.
 */
import { expect, test } from 'vitest';
import { stackOverlapping, type ScreenBox } from './marker-stacks.ts';

const box = (left: number, top: number, width = 40, height = 18): ScreenBox => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

test('three buses piled at one intersection show as one marker; a bus down the road stays its own', () => {
  expect(stackOverlapping([box(100, 100), box(110, 104), box(95, 98), box(300, 100)])).toEqual([0, 0, 0, 3]);
});

test('a bus touching only a stacked (hidden) bus is shown, not chained into the stack', () => {
  // 1 overlaps 0 and is hidden under it; 2 overlaps 1 but not 0, so it is drawn.
  expect(stackOverlapping([box(0, 0), box(30, 0), box(60, 0)])).toEqual([0, 0, 2]);
});

test('markers closer than the gap count as touching', () => {
  expect(stackOverlapping([box(0, 0), box(42, 0)])).toEqual([0, 1]);
  expect(stackOverlapping([box(0, 0), box(42, 0)], 3)).toEqual([0, 0]);
});
