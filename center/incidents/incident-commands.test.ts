/**
 * @module center/incidents/incident-commands.test
 * Where a declared incident is drawn: `positionM` walked along the link's polyline by distance, scaled
 * by the link's length against the drawn one, so a marker on a bent link lies on the road; a position
 * past the end of the link is refused rather than clamped.
 */
import { expect, test } from 'vitest';
import { ValidationError, haversineM, loadScenario, type LonLat } from '../../core/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { declareIncident, editIncident } from './index.ts';

const START: LonLat = [127.0, 37.5];
const CORNER: LonLat = [127.01, 37.5];
const END: LonLat = [127.01, 37.51];
const EAST_LEG_M = haversineM(START, CORNER); // ~882 m
const NORTH_LEG_M = haversineM(CORNER, END); // ~1,112 m

/** The mini scenario with L-e-in drawn as an L (east, then north) and surveyed at `lengthM`. */
function bentNetwork(lengthM: number) {
  const mini = loadScenario('core/scenario/fixtures/mini.json');
  const links = mini.network.links.map((l) =>
    l.id === 'L-e-in' ? { ...l, geometry: [START, CORNER, END], lengthM } : l,
  );
  return buildCenterNetwork({ ...mini, network: { ...mini.network, links } });
}

/** Where a declaration at `positionM` on the bent link is drawn. */
function drawnAt(lengthM: number, positionM: number | null): LonLat {
  const i = declareIncident(bentNetwork(lengthM), { linkId: 'L-e-in', positionM }, 0);
  return [i.lon ?? NaN, i.lat ?? NaN];
}

test('a position on a bent link lies on the road, at its distance along it', () => {
  const drawnM = EAST_LEG_M + NORTH_LEG_M;
  // Surveyed length equal to the drawn one: 1,500 m along is 1,500 - 882 m up the north leg.
  const [lon, lat] = drawnAt(drawnM, 1_500);
  expect(lon).toBeCloseTo(CORNER[0], 9);
  expect(haversineM(CORNER, [lon, lat])).toBeCloseTo(1_500 - EAST_LEG_M, 1);
  // On the first leg: due east of the start, on its latitude.
  const [lon400, lat400] = drawnAt(drawnM, 400);
  expect(lat400).toBeCloseTo(START[1], 9);
  expect(haversineM(START, [lon400, lat400])).toBeCloseTo(400, 1);
  // The ends are the ends; unknown is the middle of the road (on the north leg), not of the chord.
  expect(drawnAt(drawnM, 0)).toEqual(START);
  expect(drawnAt(drawnM, drawnM)[1]).toBeCloseTo(END[1], 9);
  const [midLon, midLat] = drawnAt(drawnM, null);
  expect(midLon).toBeCloseTo(CORNER[0], 9);
  expect(haversineM(CORNER, [midLon, midLat])).toBeCloseTo(drawnM / 2 - EAST_LEG_M, 1);
});

test("positions are scaled by the link's length against the drawn polyline's", () => {
  const drawnM = EAST_LEG_M + NORTH_LEG_M;
  // Surveyed at twice the drawn length: the surveyed midpoint is the drawn midpoint.
  const [lon, lat] = drawnAt(2 * drawnM, drawnM);
  expect(lon).toBeCloseTo(CORNER[0], 9);
  expect(haversineM(CORNER, [lon, lat])).toBeCloseTo(drawnM / 2 - EAST_LEG_M, 1);
  expect(drawnAt(2 * drawnM, 2 * drawnM)[1]).toBeCloseTo(END[1], 9);
});

test('an edit moves the marker along the road too, and refuses a position past the end', () => {
  const net = bentNetwork(2_000);
  const declared = declareIncident(net, { linkId: 'L-e-in', positionM: 100 }, 0);
  const moved = editIncident(net, declared, { positionM: 1_900 }, 1);
  expect(moved.lon).toBeCloseTo(CORNER[0], 9);
  expect(moved.lat).toBeGreaterThan(CORNER[1]);
  expect(() => editIncident(net, declared, { positionM: 2_000.5 }, 1)).toThrow(ValidationError);
  expect(() => declareIncident(net, { linkId: 'L-e-in', positionM: 2_001 }, 0)).toThrow(
    '2001 m is beyond the end of link L-e-in, which is 2000 m long',
  );
  // Other fields edited leave a position that predates the check alone.
  const old = { ...declared, positionM: 2_500 };
  expect(editIncident(net, old, { severity: 'critical' }, 1)).toMatchObject({ positionM: 2_500 });
});

test('a lane listed twice is refused: the number listed is the number closed', () => {
  const net = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));
  const link = [...net.links.values()].find((l) => l.lanes >= 2);
  if (link === undefined) throw new Error('no link with two lanes');
  const refused = (f: () => unknown): ValidationError => {
    try {
      f();
    } catch (err) {
      if (err instanceof ValidationError) return err;
      throw err;
    }
    throw new Error('accepted');
  };
  // Before, [1,1,...] on a 4-lane link was '4 lanes closed' on the signs and a closed road in routing.
  const twice = Array.from({ length: link.lanes }, () => 1);
  expect(refused(() => declareIncident(net, { linkId: link.id, lanes: twice }, 0)).issues).toEqual([
    { path: 'lanes.1', message: 'lane 1 is listed twice; list each closed lane once' },
  ]);
  const declared = declareIncident(net, { linkId: link.id, lanes: [1] }, 0);
  expect(refused(() => editIncident(net, declared, { lanes: [0, 1, 0] }, 1)).issues[0]?.path).toBe('lanes.2');
  expect(editIncident(net, declared, { lanes: [1, 0] }, 1).lanes).toEqual([1, 0]);
});
