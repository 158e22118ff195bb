/**
 * @module center/prediction/dwell-model.test
 */
import { expect, test } from 'vitest';
import { DwellModel } from './index.ts';

const T = Date.UTC(2026, 10, 25, 22, 10, 0);

/** Buses of route R serve stop S every `headwayS`, each dwelling `dwellS(headway)`. */
function serve(model: DwellModel, headwaysS: readonly number[], dwellS: (h: number) => number): number {
  let at = T;
  headwaysS.forEach((h, i) => {
    at += h * 1000;
    model.observe(`bus-${i}`, 'S', 'arrive', at, 'R');
    model.observe(`bus-${i}`, 'S', 'depart', at + dwellS(h) * 1000, 'R');
  });
  return at;
}

test('a bus with a longer gap to the bus ahead is expected to dwell longer', () => {
  const model = new DwellModel();
  const headways = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 300 : 700));
  serve(model, headways, (h) => 5 + 0.04 * h);
  expect(model.headwaySlope).toBeCloseTo(0.04, 2);
  const short = model.expectedDwellS({ routeId: 'R', stopId: 'S', headwayS: 300 });
  const long = model.expectedDwellS({ routeId: 'R', stopId: 'S', headwayS: 700 });
  expect(long - short).toBeCloseTo(16, 0);
  // Without a headway the stop's mean dwell is used.
  const unknown = model.expectedDwellS({ routeId: 'R', stopId: 'S' });
  expect(unknown).toBeGreaterThan(short);
  expect(unknown).toBeLessThan(long);
});

test('the bus ahead is the one that reached the stop last before this bus', () => {
  const model = new DwellModel();
  const last = serve(model, [300, 300, 300], () => 20);
  expect(model.arrivalAhead('R', 'S', 'bus-2', last)?.vehicleId).toBe('bus-1');
  expect(model.arrivalAhead('R', 'S', 'bus-9', last + 1)?.vehicleId).toBe('bus-2');
  expect(model.arrivalAt('R', 'S', 'bus-0')).toBe(T + 300_000);
  expect(model.arrivalAt('R', 'S', 'bus-9')).toBeNull();
});

test('without the headway option a stop has one mean dwell', () => {
  const model = new DwellModel({ headway: false });
  serve(
    model,
    Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 300 : 700)),
    (h) => 5 + 0.04 * h,
  );
  expect(model.headwaySlope).toBeNull();
  const a = model.expectedDwellS({ routeId: 'R', stopId: 'S', headwayS: 300 });
  expect(model.expectedDwellS({ routeId: 'R', stopId: 'S', headwayS: 700 })).toBe(a);
});
