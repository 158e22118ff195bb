/**
 * @module bin/commands/bridge.test
 * `its bridge nmea --file <log> --json` prints one JSON line per fix and exits; a wrong file ends in
 * one line naming it and a non-zero exit.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

function bridgeCmd(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/its.mjs'), 'bridge', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const bridge = (...args: string[]) => bridgeCmd('nmea', ...args);

test('a missing log or a directory is named in one line, exit 2, no stack', () => {
  for (const [file, said] of [
    ['/nonexistent/gps.log', /its: ConfigError: --file: no such file \/nonexistent\/gps\.log/],
    [sharedDataPath('nmea', 'gpsd-logs'), /its: ConfigError: --file: .*gpsd-logs is a directory/],
  ] as const) {
    const r = bridge('--file', file, '--json');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(said);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

test('a file that is not an NMEA log (empty, a GTFS table) is an error, not an empty success', () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-bridge-'));
  const empty = join(dir, 'empty.log');
  writeFileSync(empty, '');
  const stops = sharedDataPath('gtfs', 'caltrain-2016', 'stops.txt');
  for (const [file, said] of [
    [empty, /empty\.log: empty file/],
    [stops, /stops\.txt: not an NMEA 0183 log: no valid sentence in \d+ lines/],
  ] as const) {
    const r = bridge('--file', file, '--json');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(said);
    expect(r.stdout).toBe('');
  }
});

test('bridge ntcip says when the controller does not answer, instead of printing nothing', async () => {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/its.mjs'),
      'bridge',
      'ntcip',
      '--host',
      '127.0.0.1',
      '--port',
      '9',
      '--interval-ms',
      '200',
      '--controller',
      'c1',
      '--json',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  const said = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 45_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/poll-failed/.test(err)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
  child.kill('SIGTERM');
  expect(said, err).toBe(true);
  expect(err).toMatch(/its bridge: poll-failed (timeout|transport) polling 127\.0\.0\.1:9 /);
}, 60_000);

test('bridge ntcip without --controller says it is required, not "with --mqtt"', () => {
  const r = bridgeCmd('ntcip', '--json');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--controller: required \(the controller id of the topics\)/);
});
