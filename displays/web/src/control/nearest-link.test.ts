/**
 * @module displays/web/control/nearest-link.test
 * A click picks the link whose line is drawn nearest, with links drawn 4 px to the right of their
 * direction: on a two-way road (one geometry, reversed for the other direction) the line clicked is
 * the direction picked. Screen pixels, y down: a link running east (x growing) is drawn below its
 * geometry, one running west above it.
 */
import { expect, test } from 'vitest';
import { drawnLineDistancePx, nearestDrawnLine, type ScreenPoint } from './nearest-link.ts';

const OFFSET_PX = 4;
/** A road along y = 100 from x = 0 to x = 200: eastbound, and the same points reversed, westbound. */
const EASTBOUND: readonly ScreenPoint[] = [
  [0, 100],
  [200, 100],
];
const WESTBOUND = [...EASTBOUND].reverse();

test('on a two-way road a click on either drawn line picks that direction, whichever comes first', () => {
  // Eastbound is drawn at y = 104, westbound at y = 96.
  for (const lines of [
    [EASTBOUND, WESTBOUND],
    [WESTBOUND, EASTBOUND],
  ]) {
    const east = lines.indexOf(EASTBOUND);
    const west = lines.indexOf(WESTBOUND);
    expect(nearestDrawnLine(lines, [80, 104], OFFSET_PX)).toBe(east);
    expect(nearestDrawnLine(lines, [80, 101], OFFSET_PX)).toBe(east);
    expect(nearestDrawnLine(lines, [80, 107], OFFSET_PX)).toBe(east);
    expect(nearestDrawnLine(lines, [80, 96], OFFSET_PX)).toBe(west);
    expect(nearestDrawnLine(lines, [80, 99], OFFSET_PX)).toBe(west);
    expect(nearestDrawnLine(lines, [80, 93], OFFSET_PX)).toBe(west);
  }
  expect(drawnLineDistancePx(EASTBOUND, [80, 104], OFFSET_PX)).toBe(0);
  expect(drawnLineDistancePx(WESTBOUND, [80, 104], OFFSET_PX)).toBe(8);
});

test('the offset is to the right of travel in every direction, and follows a bend', () => {
  // Northbound (y decreasing) is drawn to the east (x + 4); southbound to the west.
  const northbound: ScreenPoint[] = [
    [50, 200],
    [50, 0],
  ];
  expect(drawnLineDistancePx(northbound, [54, 100], OFFSET_PX)).toBe(0);
  expect(drawnLineDistancePx([...northbound].reverse(), [46, 100], OFFSET_PX)).toBe(0);
  // East then north: the second leg is drawn east of x = 200.
  const bent: ScreenPoint[] = [
    [0, 100],
    [200, 100],
    [200, 0],
  ];
  const back = [...bent].reverse();
  expect(nearestDrawnLine([back, bent], [204, 40], OFFSET_PX)).toBe(1);
  expect(nearestDrawnLine([bent, back], [196, 40], OFFSET_PX)).toBe(1);
  expect(nearestDrawnLine([back, bent], [100, 104], OFFSET_PX)).toBe(1);
  // A diagonal: drawn 4 px off along the normal, in either direction.
  const diagonal: ScreenPoint[] = [
    [0, 0],
    [100, 100],
  ];
  const right: ScreenPoint = [50 - 4 / Math.SQRT2, 50 + 4 / Math.SQRT2];
  expect(drawnLineDistancePx(diagonal, right, OFFSET_PX)).toBeCloseTo(0, 9);
  expect(drawnLineDistancePx([...diagonal].reverse(), right, OFFSET_PX)).toBeCloseTo(8, 9);
});

test('a click between two different roads picks the nearer one', () => {
  const northRoad: ScreenPoint[] = [
    [0, 50],
    [200, 50],
  ];
  const southRoad: ScreenPoint[] = [
    [0, 80],
    [200, 80],
  ];
  // Drawn at y = 54 and y = 84: 70 is 16 from the first and 14 from the second.
  expect(nearestDrawnLine([northRoad, southRoad], [100, 70], OFFSET_PX)).toBe(1);
  expect(nearestDrawnLine([northRoad, southRoad], [100, 68], OFFSET_PX)).toBe(0);
  // Past a road's end the distance is to its end (round caps), not to its line extended.
  const shortRoad: ScreenPoint[] = [
    [0, 70],
    [20, 70],
  ];
  expect(nearestDrawnLine([shortRoad, southRoad], [100, 70], OFFSET_PX)).toBe(1);
});

test('degenerate links: no points, one point, repeated points, and none to choose from', () => {
  expect(drawnLineDistancePx([], [0, 0], OFFSET_PX)).toBe(Infinity);
  // One point, or all in one place: measured there, with no direction to offset it by.
  expect(drawnLineDistancePx([[3, 4]], [0, 0], OFFSET_PX)).toBe(5);
  expect(
    drawnLineDistancePx(
      [
        [3, 4],
        [3, 4],
      ],
      [0, 0],
      OFFSET_PX,
    ),
  ).toBe(5);
  // A repeated point inside a line is skipped: the line is still offset by its real segments.
  expect(drawnLineDistancePx([[0, 100], [0, 100], ...EASTBOUND.slice(1)], [80, 104], OFFSET_PX)).toBe(0);
  expect(nearestDrawnLine([], [0, 0], OFFSET_PX)).toBe(-1);
  // Nothing measurable: the first, as the map's own order had it.
  expect(nearestDrawnLine([[], []], [0, 0], OFFSET_PX)).toBe(0);
  expect(nearestDrawnLine([[], EASTBOUND], [80, 104], OFFSET_PX)).toBe(1);
  // Equally near: the first.
  expect(nearestDrawnLine([EASTBOUND, EASTBOUND], [80, 104], OFFSET_PX)).toBe(0);
});
