/**
 * @module center/routing/segment-index.test
 * The grid index answers what measuring every line answers: the same nearest line and distance for
 * points on, beside and far from a random network, for one-vertex lines (nodes) and empty input.
 */
import { expect, test } from 'vitest';
import { SegmentIndex } from './segment-index.ts';

type Line = readonly (readonly [number, number])[];

/** Measured the slow way: every segment of every line. */
function bruteNearest(lines: readonly Line[], lon: number, lat: number): { line: number; distanceM: number } {
  const mLon = 111_320 * Math.cos((lat * Math.PI) / 180);
  let best = { line: -1, d2: Infinity };
  lines.forEach((l, li) => {
    const segs = l.length === 1 ? [[l[0], l[0]]] : l.slice(1).map((b, i) => [l[i], b]);
    for (const [a, b] of segs as [readonly [number, number], readonly [number, number]][]) {
      const ax = (a[0] - lon) * mLon;
      const ay = (a[1] - lat) * 111_320;
      const dx = (b[0] - a[0]) * mLon;
      const dy = (b[1] - a[1]) * 111_320;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      const d2 = (ax + t * dx) ** 2 + (ay + t * dy) ** 2;
      if (d2 < best.d2 || (d2 === best.d2 && li < best.line)) best = { line: li, d2 };
    }
  });
  return { line: best.line, distanceM: Math.sqrt(best.d2) };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

test('nearest line and distance agree with measuring every line, near and far', () => {
  const rand = seeded(7);
  // 400 polylines of 1-4 segments, some long (an expressway crossing many cells), around Seoul.
  const lines: Line[] = Array.from({ length: 400 }, () => {
    const n = 2 + Math.floor(rand() * 4);
    let lon = 126.9 + rand() * 0.2;
    let lat = 37.45 + rand() * 0.15;
    const step = rand() < 0.1 ? 0.03 : 0.004;
    return Array.from({ length: n }, () => {
      const p = [lon, lat] as const;
      lon += (rand() - 0.5) * step;
      lat += (rand() - 0.5) * step;
      return p;
    });
  });
  const index = new SegmentIndex(lines);
  // Points inside the network, beside its edge, 20 km away and across the country (the far-cell path).
  const points: [number, number][] = [
    ...Array.from({ length: 300 }, (): [number, number] => [126.88 + rand() * 0.24, 37.43 + rand() * 0.19]),
    [127.3, 37.5],
    [129.07, 35.18],
    [0, 0],
  ];
  for (const [lon, lat] of points) {
    const want = bruteNearest(lines, lon, lat);
    const got = index.nearest(lon, lat);
    expect(got?.line).toBe(want.line);
    expect(got?.distanceM).toBeCloseTo(want.distanceM, 6);
  }
});

test('one-vertex lines are points: the nearest node', () => {
  const nodes: Line[] = [[[127.0, 37.5]], [[127.01, 37.5]], [[127.0, 37.51]]];
  const index = new SegmentIndex(nodes);
  expect(index.nearest(127.008, 37.5001)?.line).toBe(1);
  expect(index.nearest(127.0, 37.5)).toEqual({ line: 0, distanceM: 0 });
  // Beyond the rings searched: still the nearest, from the cells in order of distance.
  expect(index.nearest(127.0, 37.6)?.line).toBe(2);
});

test('an empty index has no nearest line; a bad cell size is refused', () => {
  expect(new SegmentIndex([]).nearest(127, 37.5)).toBeNull();
  expect(new SegmentIndex([[]]).nearest(127, 37.5)).toBeNull();
  expect(() => new SegmentIndex([], 0)).toThrow(RangeError);
});
