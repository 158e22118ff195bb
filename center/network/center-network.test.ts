/**
 * @module center/network/center-network.test
 */
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { buildCenterNetwork, patternForVehicle } from './index.ts';

const net = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));

test('indexes links with length, region and geometry', () => {
  const link = net.links.get('L-n-in');
  expect(link?.region).toBe('gangnam');
  expect(link?.lengthM).toBeGreaterThan(300);
  expect(link?.coordinates.length).toBeGreaterThanOrEqual(2);
});

test('builds one stop pattern per route direction with scheduled segment times', () => {
  const p = net.patterns.find((x) => x.routeId === '140' && x.directionId === 0);
  expect(p?.stopIds[0]).toBe('22-201');
  expect(p?.scheduledSegmentS[0]).toBe(100);
  expect(net.patternsByStop.get('22-201')).toContain(p);
});

test('finds the pattern of a bus from its trip or its next stop', () => {
  const byTrip = patternForVehicle(net, {
    routeId: '140',
    tripId: '140-1-0705',
    nextStopId: null,
    lastStopId: null,
  });
  expect(byTrip?.directionId).toBe(1);
  const byStop = patternForVehicle(net, {
    routeId: '140',
    tripId: 'x',
    nextStopId: '22-202',
    lastStopId: null,
  });
  expect(byStop?.directionId).toBe(0);
});

test('places a sign upstream of each signalized node', () => {
  expect(net.signs.get('vms-L-n-in')?.linkId).toBe('L-n-in');
});
