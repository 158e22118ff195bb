/**
 * @module scenarios/demo-city/demo-city-transit.test
 * The demo-city transit, toll, demand and event sections hold together: bus routes drive connected
 * movements and stop on their own links, the subway serves gated stations, toll gantries sit on the
 * expressway, turning ratios cover every signalized approach, and every event names something real.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Scenario } from '../../core/index.ts';
import { validateScenario } from '../../core/index.ts';
import { SCENARIO_PATH } from './generate.ts';
import { linkVolumesVph, phaseSaturation } from './saturation.ts';

const scenario: Scenario = validateScenario(JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')), SCENARIO_PATH);
const transit = scenario.transit ?? {
  routes: [],
  stops: [],
  trips: [],
  shapes: [],
  frequencies: [],
  agencies: [],
  calendar: [],
};
const links = new Map(scenario.network.links.map((l) => [l.id, l]));
const stops = new Map(transit.stops.map((s) => [s.id, s]));
const operatorIds = new Set(scenario.operators.map((o) => o.id));
const moves = new Set(scenario.network.movements.map((m) => `${m.fromLink}>${m.toLink}`));

test('three Seoul-style bus routes: blue trunk, green branch and red wide-area, each with 10+ stops a direction', () => {
  const buses = transit.routes.filter((r) => r.gtfsType === 3);
  expect(buses.map((r) => [r.mode, r.color, r.shortName.length])).toEqual([
    ['trunkBus', '0068B7', 3],
    ['branchBus', '53B332', 4],
    ['wideAreaBus', 'E60012', 4],
  ]);
  for (const r of buses) {
    const trips = transit.trips.filter((t) => t.routeId === r.id);
    expect(trips.map((t) => t.directionId).sort()).toEqual([0, 1]);
    for (const t of trips) expect(t.stopTimes.length, t.id).toBeGreaterThanOrEqual(10);
    expect(operatorIds.has(r.operatorId ?? '')).toBe(true);
  }
});

test('bus routes drive connected links through existing movements and stop on links they drive', () => {
  for (const r of transit.routes.filter((x) => x.gtfsType === 3)) {
    for (const [dir, path] of Object.entries(r.roadLinks)) {
      for (let i = 1; i < path.length; i++) {
        expect(moves.has(`${path[i - 1]}>${path[i]}`), `${r.id}/${dir} ${path[i - 1]} -> ${path[i]}`).toBe(
          true,
        );
      }
      const trip = transit.trips.find((t) => t.routeId === r.id && String(t.directionId) === dir);
      let lastIndex = -1;
      let lastPos = -1;
      for (const st of trip?.stopTimes ?? []) {
        const stop = stops.get(st.stopId);
        const index = path.indexOf(stop?.linkId ?? '');
        expect(index, `${st.stopId} on ${r.id}/${dir}`).toBeGreaterThanOrEqual(0);
        expect(stop?.positionM ?? -1).toBeLessThanOrEqual(links.get(stop?.linkId ?? '')?.lengthM ?? 0);
        expect(index > lastIndex || (index === lastIndex && (stop?.positionM ?? 0) > lastPos)).toBe(true);
        lastIndex = index;
        lastPos = stop?.positionM ?? 0;
      }
    }
  }
});

test('every trip has a frequency in the simulated period and references real stops and shapes', () => {
  const shapes = new Set(transit.shapes.map((s) => s.id));
  for (const t of transit.trips) {
    const periods = transit.frequencies.filter((f) => f.tripId === t.id);
    expect(
      periods.some((f) => f.startTime <= '07:30:00'),
      t.id,
    ).toBe(true);
    expect(
      periods.some((f) => f.endTime >= '09:30:00'),
      t.id,
    ).toBe(true);
    expect(shapes.has(t.shapeId ?? '')).toBe(true);
    for (const st of t.stopTimes) expect(stops.has(st.stopId), st.stopId).toBe(true);
  }
});

test('Line 2 is a subway route with gates at every station it serves', () => {
  const line2 = transit.routes.find((r) => r.gtfsType === 1);
  expect(line2?.mode).toBe('subway');
  const platforms = transit.trips
    .filter((t) => t.routeId === line2?.id)
    .flatMap((t) => t.stopTimes.map((s) => s.stopId));
  const stations = new Set(platforms.map((p) => stops.get(p)?.parentStation));
  for (const station of stations) {
    expect(stops.get(station ?? '')?.locationType).toBe(1);
    expect(scenario.fareReaders.some((f) => f.stopId === station && f.mode === 'subway')).toBe(true);
  }
  for (const r of transit.routes.filter((x) => x.gtfsType === 3)) {
    expect(scenario.fareReaders.filter((f) => f.routeId === r.id && f.mode === r.mode)).toHaveLength(1);
  }
  for (const f of scenario.fareReaders) expect(operatorIds.has(f.operatorId)).toBe(true);
});

test('the closed toll section has entry and exit gantries on expressway links and ramps', () => {
  const road = scenario.tollRoads[0];
  expect(road?.system).toBe('closed');
  expect(operatorIds.has(road?.operatorId ?? '')).toBe(true);
  const roles = scenario.tollGantries.map((g) => g.role);
  expect(roles.filter((r) => r === 'entry')).toHaveLength(4);
  expect(roles.filter((r) => r === 'exit')).toHaveLength(4);
  for (const g of scenario.tollGantries) {
    const l = links.get(g.linkId);
    expect(['expressway', 'ramp']).toContain(l?.roadClass);
    expect(g.positionM).toBeLessThanOrEqual(l?.lengthM ?? 0);
  }
});

test('turning ratios cover every signalized approach with its movements, and flows enter at boundaries', () => {
  const signalized = new Set(scenario.network.nodes.filter((n) => n.type === 'signalized').map((n) => n.id));
  const boundary = new Set(scenario.network.nodes.filter((n) => n.type === 'boundary').map((n) => n.id));
  for (const l of scenario.network.links.filter((x) => signalized.has(x.to))) {
    const tr = scenario.demand.turningRatios.find((t) => t.fromLink === l.id);
    expect(tr, l.id).toBeDefined();
    const exits = scenario.network.movements.filter((m) => m.fromLink === l.id).map((m) => m.toLink);
    expect(Object.keys(tr?.ratios ?? {}).sort()).toEqual(exits.sort());
    expect(Object.values(tr?.ratios ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  }
  const types = new Set(scenario.demand.vehicleTypes.map((t) => t.id));
  for (const f of scenario.demand.flows) {
    expect(boundary.has(links.get(f.entryLink)?.from ?? '')).toBe(true);
    expect(types.has(f.typeId)).toBe(true);
  }
});

test('every event names an existing link, detector, route, intersection or region and fits the run', () => {
  const kinds = new Set(scenario.events.map((e) => e.type));
  for (const k of [
    'lane-blocked',
    'detector-stuck',
    'gps-dropout',
    'controller-comm-loss',
    'edge-link-down',
  ]) {
    expect(kinds.has(k as never)).toBe(true);
  }
  for (const e of scenario.events) {
    expect(e.endS).toBeLessThanOrEqual(scenario.durationS);
    expect(e.endS).toBeGreaterThan(e.beginS);
    if (e.type === 'lane-blocked') expect(links.get(e.linkId)?.roadClass).toBe('arterial');
    if (e.type === 'detector-stuck') expect(scenario.detectors.some((d) => d.id === e.detectorId)).toBe(true);
    if (e.type === 'gps-dropout' || e.type === 'gps-jump')
      expect(transit.routes.some((r) => r.id === e.routeId)).toBe(true);
    if (e.type === 'controller-comm-loss')
      expect(scenario.intersections.some((i) => i.id === e.intersectionId)).toBe(true);
    if (e.type === 'edge-link-down') expect(scenario.regions.some((r) => r.id === e.region)).toBe(true);
  }
});

test('the morning demand keeps the arterial busy but every phase below 0.9 saturation in both plans', () => {
  const peak = phaseSaturation(scenario, 'am-peak', 0);
  const late = phaseSaturation(scenario, 'off-peak', 6000);
  for (const s of [...peak, ...late]) expect(s.x, `${s.intersectionId} phase ${s.phase}`).toBeLessThan(0.9);
  const volumes = linkVolumesVph(scenario, 0);
  const teheranEb = ['GN01-GN02', 'GN03-GN04', 'GN05-GN06', 'GN07-GN08'].map((id) => volumes.get(id) ?? 0);
  for (const v of teheranEb) expect(v).toBeGreaterThan(1000);
  expect(Math.max(...peak.map((s) => s.x))).toBeGreaterThan(0.6);
});
