/**
 * @module bin/demo/demo-incident.test
 */
import { expect, test } from 'vitest';
import { loadScenario } from '../../core/index.ts';
import { DEMO_CITY_INCIDENT_ID, withDemoIncident } from './demo-incident.ts';

const city = loadScenario('scenarios/demo-city');

test("the demo runs the city's incident as a crash its loops can see: every lane but the leftmost, 60 m before them", () => {
  const shipped = city.events.find((e) => e.id === DEMO_CITY_INCIDENT_ID);
  const demo = withDemoIncident(city).events.find((e) => e.id === DEMO_CITY_INCIDENT_ID);
  expect(shipped).toMatchObject({ type: 'lane-blocked', linkId: 'GN04-GN05', lanes: [1], positionM: 284.5 });
  // GN04-GN05's advance loops stand at 509 m: the closed lanes reach them empty.
  expect(demo).toEqual({ ...shipped, lanes: [0, 1, 2], positionM: 449 });
  // Every other event as scripted, and the scenario itself untouched.
  expect(withDemoIncident(city).events.filter((e) => e.id !== DEMO_CITY_INCIDENT_ID)).toEqual(
    city.events.filter((e) => e.id !== DEMO_CITY_INCIDENT_ID),
  );
  expect(city.events.find((e) => e.id === DEMO_CITY_INCIDENT_ID)).toBe(shipped);
});

test('a scenario without that incident is run as it is', () => {
  const other = { ...city, events: city.events.filter((e) => e.id !== DEMO_CITY_INCIDENT_ID) };
  expect(withDemoIncident(other).events).toEqual(other.events);
});
