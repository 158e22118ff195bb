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

test('a fuller bus than its headway explains is expected to dwell longer', () => {
  const model = new DwellModel();
  let at = T;
  for (let i = 0; i < 80; i++) {
    const headwayS = i % 2 === 0 ? 300 : 700;
    // Load partly follows the headway, partly not (i % 4); alightings add 1.5 s per rider.
    const load = 10 + headwayS / 50 + (i % 4 < 2 ? 0 : 10);
    at += headwayS * 1000;
    model.observe(`bus-${i}`, 'S', 'arrive', at, 'R', load);
    model.observe(`bus-${i}`, 'S', 'depart', at + (4 + 0.02 * headwayS + 1.5 * load) * 1000, 'R', load);
  }
  const slopes = model.loadSlopes;
  expect(slopes?.load).toBeCloseTo(1.5, 1);
  expect(slopes?.headway).toBeCloseTo(0.02, 2);
  const q = { routeId: 'R', stopId: 'S', headwayS: 500 };
  const usual = model.expectedDwellS(q);
  // Ten riders more: about 15 s more (less what the headway already explains of them), half as
  // much where only half of the excess is expected to still be aboard.
  const more = model.expectedDwellS({ ...q, loadExcess: 10 }) - usual;
  expect(more).toBeGreaterThan(14);
  expect(more).toBeLessThan(17);
  expect(model.expectedDwellS({ ...q, loadExcess: 10, loadWeight: 0.5 }) - usual).toBeCloseTo(more / 2, 5);
});
