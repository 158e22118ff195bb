/**
 * @module core/scenario/fixtures.test
 * The shipped fixtures: `mini.json` is a valid scenario, and each `broken-*.json` fails with an issue
 * at the right path whose message names the problem.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { FileFormatError, ValidationError } from '../errors/index.ts';
import { loadScenario } from './index.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Each broken fixture: the path of the issue it must raise and what its message must say. */
const BROKEN: Record<string, readonly [path: string, message: RegExp]> = {
  'format-tag': ['format', /expected "its-scenario\/1", got "its-scenario\/2"/],
  'missing-field': ['durationS', /missing required field/],
  latitude: ['network.nodes[1].lat', /latitude must be <= 90/],
  'unknown-node': ['network.links[0].from', /unknown node "n-nowhere"/],
  'movement-not-meeting': ['network.movements[1]', /does not meet at a node.*"L-n-in" starts at "n-north"/],
  'lane-out-of-range': ['network.movements[6].fromLanes[0]', /lane 4 is out of range: link "L-w-in" has 4/],
  'unknown-movement': ['intersections[0].control.phases[1].movements[0]', /unknown movement "m-x"/],
  'nema-barrier': ['intersections[0].control.phases', /barrier violation: phase\(s\) 4 .* ring 2 needs/],
  'splits-sum': ['intersections[0].plans[0].splitsS', /ring 1 splits .* sum to 135 s, not the cycle 140 s/],
  'split-below-min': [
    'intersections[0].plans[0].splitsS.1',
    /split 8 s for phase 1 is shorter than min green \+ yellow \+ red clearance = 9 s/,
  ],
  'unknown-plan': ['intersections[0].defaultPlanId', /unknown plan "night"/],
  'dangling-stop': ['transit.trips[0].stopTimes[1].stopId', /unknown stop "22-999"/],
  'event-window': ['events[0].endS', /endS 1200 must be after beginS 2100/],
  'duplicate-id': ['detectors[3].id', /duplicate id "det-n-sb-0" \(first at detectors\[0\]\)/],
  'detector-position': ['detectors[0].positionM', /runs past the end of link "L-n-in"/],
  'stop-times-order': [
    'transit.trips[0].stopTimes[1].arrival',
    /before the departure from the previous stop/,
  ],
  'node-not-signalized': [
    'intersections[0].nodeId',
    /node "n-gangnam" is of type "priority", not "signalized"/,
  ],
  'route-links': [
    'transit.routes[0].roadLinks.0[1]',
    /"L-s-in" ends at "n-gangnam" but link "L-e-in" starts/,
  ],
  'fare-reader': ['fareReaders[0].routeId', /unknown route "9999"/],
};

function issuesOf(file: string): ValidationError['issues'] {
  try {
    loadScenario(join(FIXTURES, file));
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  return [];
}

describe('scenario fixtures', () => {
  test('mini.json is a valid scenario', () => {
    const scenario = loadScenario(join(FIXTURES, 'mini.json'));
    expect(scenario.intersections).toHaveLength(1);
    expect(scenario.network.links.length).toBeGreaterThanOrEqual(8);
  });

  test('every broken fixture on disk is in the table, and at least 12 of them', () => {
    const onDisk = readdirSync(FIXTURES)
      .filter((f) => f.startsWith('broken-') && f !== 'broken-json.json')
      .map((f) => f.slice('broken-'.length, -'.json'.length))
      .sort();
    expect(onDisk).toEqual(Object.keys(BROKEN).sort());
    expect(onDisk.length).toBeGreaterThanOrEqual(12);
  });

  test.each(Object.entries(BROKEN))('broken-%s.json fails naming the problem', (name, [path, message]) => {
    const issues = issuesOf(`broken-${name}.json`);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test('broken-json.json fails as a file format error with line and column', () => {
    const load = (): unknown => loadScenario(join(FIXTURES, 'broken-json.json'));
    expect(load).toThrow(FileFormatError);
    expect(load).toThrow(/broken-json\.json:9: column 3: invalid JSON/);
  });
});
