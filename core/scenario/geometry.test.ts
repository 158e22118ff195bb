/**
 * @module core/scenario/geometry.test
 * Link lengths from `lengthM`, geometry or end nodes, and great-circle distances.
 */
import { expect, test } from 'vitest';
import { NotFoundError } from '../errors/index.ts';
import type { Link } from '../network/index.ts';
import { haversineM, linkLengthM, polylineLengthM } from './index.ts';

const NODES = new Map([
  ['a', { lon: 127.02762, lat: 37.49794 }],
  ['b', { lon: 127.03158, lat: 37.49958 }],
]);
const link: Link = { id: 'L', from: 'a', to: 'b', lanes: 2, speedLimitKmh: 60, roadClass: 'arterial' };

test('one degree of latitude is about 111.2 km', () => {
  expect(haversineM([127, 37], [127, 38])).toBeCloseTo(111_195, -1);
});

test('Gangnam Station to Seoul City Hall is about 8.8 km', () => {
  expect(haversineM([127.02762, 37.49794], [126.97797, 37.56654]) / 1000).toBeCloseTo(8.8, 0);
});

test('a polyline is the sum of its segments, and a single point has length 0', () => {
  const p: [number, number][] = [
    [127, 37],
    [127, 37.001],
    [127.001, 37.001],
  ];
  expect(polylineLengthM(p)).toBeCloseTo(haversineM(p[0]!, p[1]!) + haversineM(p[1]!, p[2]!), 6);
  expect(polylineLengthM([[127, 37]])).toBe(0);
});

test('a link length prefers lengthM, then geometry, then the straight line between nodes', () => {
  const straight = linkLengthM(link, NODES);
  expect(straight).toBeCloseTo(haversineM([127.02762, 37.49794], [127.03158, 37.49958]), 6);
  expect(straight).toBeGreaterThan(380);
  expect(straight).toBeLessThan(400);
  const bent = linkLengthM(
    {
      ...link,
      geometry: [
        [127.02762, 37.49794],
        [127.03, 37.497],
        [127.03158, 37.49958],
      ],
    },
    NODES,
  );
  expect(bent).toBeGreaterThan(straight);
  expect(linkLengthM({ ...link, lengthM: 412 }, NODES)).toBe(412);
});

test('a link to a node that is not known throws NotFoundError', () => {
  expect(() => linkLengthM({ ...link, to: 'zz' }, NODES)).toThrow(NotFoundError);
});
