/**
 * @module displays/web/control/link-position.test
 * A point clicked near a link gives the metres from the link's start the center would place there.
 * Lengths below: 0.01° of latitude is 1,111.95 m on the haversine's sphere, 0.001° is 111.20 m, and
 * 0.001° of longitude at 37.501° N is 88.22 m.
 */
import { expect, test } from 'vitest';
import { positionOnLinkM } from './link-position.ts';

/** 1,111.95 m due north. */
const STRAIGHT = [
  [127, 37.5],
  [127, 37.51],
] as const;
/** 111.20 m north, then 176.43 m east: 287.63 m drawn. */
const BENT = [
  [127, 37.5],
  [127, 37.501],
  [127.002, 37.501],
] as const;

test('a point beside a straight link gives the distance from its start to the foot of the perpendicular', () => {
  // 26 m east of the line, halfway up it.
  expect(positionOnLinkM(STRAIGHT, 1111.95, [127.0003, 37.505])).toBe(556);
  expect(positionOnLinkM(STRAIGHT, 1111.95, [126.9998, 37.5001])).toBe(11);
});

test('on a bent link the distance runs along the line, round the bend (not straight from the start)', () => {
  // Halfway along the second leg: 111.20 + 88.22 m; straight from the start it is 150.8 m.
  expect(positionOnLinkM(BENT, 287.63, [127.001, 37.5011])).toBe(199);
  // Beside the first leg, west of it: the nearer leg wins.
  expect(positionOnLinkM(BENT, 287.63, [126.9999, 37.5005])).toBe(56);
});

test('a point beyond an end gives that end, and the end is rounded down to stay on the link', () => {
  expect(positionOnLinkM(STRAIGHT, 1111.95, [127, 37.49])).toBe(0);
  expect(positionOnLinkM(BENT, 287.63, [127.01, 37.502])).toBe(287);
  // 262.5 m long: 263 would be refused by the center as beyond the end.
  expect(positionOnLinkM(STRAIGHT, 262.5, [127, 37.52])).toBe(262);
});

test("the distance along the drawn line is scaled to the link's lengthM", () => {
  // Drawn 1,111.95 m, measured 500 m: halfway is 250 m.
  expect(positionOnLinkM(STRAIGHT, 500, [127, 37.505])).toBe(250);
  // Drawn 287.63 m, measured 575.26 m (twice): 199.41 m along the drawing is 398.8 m.
  expect(positionOnLinkM(BENT, 575.26, [127.001, 37.5011])).toBe(399);
});

test('a link without a drawn length gives 0, and one without coordinates gives no position', () => {
  expect(
    positionOnLinkM(
      [
        [127, 37.5],
        [127, 37.5],
      ],
      40,
      [127.001, 37.5],
    ),
  ).toBe(0);
  expect(positionOnLinkM(STRAIGHT, 0, [127, 37.505])).toBe(0);
  expect(positionOnLinkM([], 100, [127, 37.5])).toBeNull();
});
