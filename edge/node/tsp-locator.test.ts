/**
 * @module edge/node/tsp-locator.test
 * A bus located on its route road links asks the right phase for priority.
 */
import { test, expect } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH } from '../../core/index.ts';
import { unitLayout } from '../adaptive/index.ts';
import { TspLocator } from './index.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);

test('a bus on its approach link asks the phase serving its next movement, with its time to the stop line', () => {
  const units = new Map(scenario.intersections.map((x) => [x.id, unitLayout(x, scenario.network.movements)]));
  const locator = new TspLocator(scenario.network, scenario.transit, scenario.intersections, units);
  const south = scenario.network.nodes.find((n) => n.id === 'n-south');
  const centre = scenario.network.nodes.find((n) => n.id === 'n-gangnam');
  if (south === undefined || centre === undefined) throw new Error('mini scenario changed');
  const bus = {
    vehicleId: 'bus-1',
    routeId: '140',
    tripId: '140-0-0700',
    lon: (south.lon + centre.lon) / 2,
    lat: (south.lat + centre.lat) / 2,
    speedMps: 10,
    scheduleDeviationS: 95,
  };
  const located = locator.locate(bus);
  expect(located?.intersectionId).toBe('gangnam-stn');
  expect(located?.request).toMatchObject({ unit: 2, lateS: 95 });
  expect(located?.request.etaS).toBeGreaterThan(5);
  expect(locator.locate({ ...bus, lon: bus.lon + 0.01 })).toBeNull();
});
