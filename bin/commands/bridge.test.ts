/**
 * @module bin/commands/bridge.test
 * `its bridge nmea --file <log> --json` prints one JSON line per fix and exits.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const ROOT = join(import.meta.dirname, '../..');
const LOG = sharedDataPath('nmea', 'gpsd-logs', 'nmea-rtk.log');

test('prints one JSON line per fix of a log and exits', () => {
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'bin/its.mjs'), 'bridge', 'nmea', '--file', LOG, '--json'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Every stdout line is a fix: nothing loaded by the CLI (node-opcua warns on load) may print there.
  const lines = out.trim().split('\n');
  expect(lines.every((l) => l.startsWith('{'))).toBe(true);
  expect(lines.length).toBe(122);
  const first = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
  expect(Object.keys(first)).toEqual(['time', 'lat', 'lon', 'speedMps', 'trackDeg', 'mode']);
  expect(typeof first.time).toBe('string');
});

test('refuses to run without a source, naming the option', () => {
  expect(() =>
    execFileSync(process.execPath, [join(ROOT, 'bin/its.mjs'), 'bridge', 'nmea', '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ).toThrow(/source: give exactly one of/);
});
