/**
 * @module edge/bus-tracking/caltrain-shape.test
 * Map matching on a real GTFS shape (Caltrain 2016, San Francisco - San Jose).
 */
import { readFileSync } from 'node:fs';
import { test, expect } from 'vitest';
import type { LonLat } from '../../core/index.ts';
import { RouteShape } from './index.ts';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const SHAPES = sharedDataPath('gtfs', 'caltrain-2016', 'shapes.txt');

function loadShape(id: string): LonLat[] {
  const rows = readFileSync(SHAPES, 'utf8').trim().split('\n').slice(1);
  return rows
    .map((r) => r.split(',').map((c) => c.replaceAll('"', '')))
    .filter((c) => c[0] === id)
    .sort((a, b) => Number(a[3]) - Number(b[3]))
    .map((c) => [Number(c[2]), Number(c[1])]);
}

test('matches a train along the Caltrain San Francisco - San Jose shape within metres', () => {
  const shape = new RouteShape('cal_sf_sj', loadShape('cal_sf_sj'));
  // The line is about 75 km long.
  expect(shape.lengthM).toBeGreaterThan(70_000);
  expect(shape.lengthM).toBeLessThan(85_000);
  let previous = 0;
  for (let d = 0; d <= shape.lengthM; d += 997) {
    const [lon, lat] = shape.pointAt(d);
    const m = shape.match(lon + 0.0001, lat - 0.0001, Math.max(0, previous - 50), previous + 2000);
    expect(Math.abs(m.distanceM - d)).toBeLessThan(40);
    expect(m.offsetM).toBeLessThan(20);
    previous = m.distanceM;
  }
});
