/**
 * @module edge/node/tsp-locator.test
 * A bus located on its route road links asks the right phase for priority.
 */
import { test, expect } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH } from '../../core/index.ts';
import { DEFAULT_TSP_OPTIONS, unitLayout, urgentRequest } from '../adaptive/index.ts';
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

test('a stop the bus has still to serve before the stop line adds its allowance to the time to the line', () => {
  const units = new Map(scenario.intersections.map((x) => [x.id, unitLayout(x, scenario.network.movements)]));
  const locator = new TspLocator(scenario.network, scenario.transit, scenario.intersections, units, 25);
  const south = scenario.network.nodes.find((n) => n.id === 'n-south')!;
  const centre = scenario.network.nodes.find((n) => n.id === 'n-gangnam')!;
  // Stop 22-201 lies 307.5 m along L-s-in (about three quarters), the route's approach to the signal.
  const at = (share: number, nextStopId: string | null) =>
    locator.locate({
      vehicleId: 'bus-1',
      routeId: '140',
      tripId: '140-0-0700',
      lon: south.lon + (centre.lon - south.lon) * share,
      lat: south.lat + (centre.lat - south.lat) * share,
      speedMps: 10,
      scheduleDeviationS: 0,
      nextStopId,
    })!.request.etaS;
  expect(at(0.25, '22-201') - at(0.25, null)).toBeCloseTo(25, 6);
  // Past the stop (its tracker would already name the next one): no allowance.
  expect(at(0.9, '22-201')).toBeCloseTo(at(0.9, null), 6);
  // A stop on another link is not between the bus and this stop line.
  expect(at(0.25, '22-202')).toBeCloseTo(at(0.25, null), 6);
});

test('a bus on a headway trip asks with its headway lateness: late is served under a threshold, on time is not', () => {
  const units = new Map(scenario.intersections.map((x) => [x.id, unitLayout(x, scenario.network.movements)]));
  const locator = new TspLocator(scenario.network, scenario.transit, scenario.intersections, units);
  const south = scenario.network.nodes.find((n) => n.id === 'n-south')!;
  const centre = scenario.network.nodes.find((n) => n.id === 'n-gangnam')!;
  const bus = (headwayLatenessS: number | null) => ({
    vehicleId: 'bus-1',
    routeId: '140',
    tripId: '140-0-0700',
    lon: (south.lon + centre.lon) / 2,
    lat: (south.lat + centre.lat) / 2,
    speedMps: 10,
    scheduleDeviationS: null,
    headwayLatenessS,
  });
  const rule = { ...DEFAULT_TSP_OPTIONS, minLateS: 30 };
  const late = locator.locate(bus(240))!.request;
  const onTime = locator.locate(bus(-60))!.request;
  expect(late.lateS).toBe(240);
  expect(urgentRequest([late], rule)).toBe(late);
  expect(onTime.lateS).toBe(-60);
  expect(urgentRequest([onTime], rule)).toBeNull();
  // A timetabled trip's schedule deviation wins; no lateness known at all counts as on time (0).
  expect(locator.locate({ ...bus(240), scheduleDeviationS: 5 })!.request.lateS).toBe(5);
  expect(locator.locate(bus(null))!.request.lateS).toBe(0);
});
