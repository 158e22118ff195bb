/**
 * @module bin/commands/sim.test
 * `its sim run` end to end: a real process on a SUMO network and on a scenario, writing JSON and HTML.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESCO = `${sharedDataPath('sumo', 'resco', 'cologne1')}/`;

function its(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/its.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('runs a SUMO network and routes, prints the KPI table and writes the JSON and the HTML report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-sim-'));
  const json = join(dir, 'out.json');
  const html = join(dir, 'out.html');
  const r = its(
    'sim',
    'run',
    '--sumo-net',
    `${RESCO}cologne1.net.xml`,
    '--sumo-routes',
    `${RESCO}cologne1.rou.xml`,
    '--tls',
    'static',
    '--json',
    json,
    '--report',
    html,
  );
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/vehicles arrived\s+2015/);
  const k = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
  expect(k['vehiclesInserted']).toBe(2015);
  expect(k['vehiclesArrived']).toBe(2015);
  expect(typeof k['vehicleUpdatesPerSecond']).toBe('number');
  const page = readFileSync(html, 'utf8');
  expect(page).toMatch(/<svg/);
  expect(page).not.toMatch(/<script/);
  // A SUMO network's clock is seconds since its midnight: the period is also given as time of day.
  expect(page).toMatch(/<td>25205 – 32399 \(7194 s; 07:00 – 08:59\)<\/td>/);
});

test('a bad option names the option and exits 2', () => {
  const r = its('sim', 'run', 'core/scenario/fixtures/mini.json', '--tls', 'green-wave');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--tls: must be one of static, webster, actuated, max-pressure, scats/);
});

test('a missing or directory SUMO file is named with its option in one line, exit 2, no stack', () => {
  const cases = [
    ['--sumo-net', '/nonexistent/x.net.xml', '--sumo-routes', `${RESCO}cologne1.rou.xml`],
    ['--sumo-net', RESCO, '--sumo-routes', `${RESCO}cologne1.rou.xml`],
    ['--sumo-net', `${RESCO}cologne1.net.xml`, '--sumo-routes', RESCO, '--tls', 'webster'],
  ];
  const said = [
    /its: ConfigError: --sumo-net: no such file \/nonexistent\/x\.net\.xml/,
    /its: ConfigError: --sumo-net: .*cologne1\/? is a directory/,
    /its: ConfigError: --sumo-routes: .*cologne1\/? is a directory/,
  ];
  cases.forEach((args, i) => {
    const r = its('sim', 'run', ...args, '--no-progress');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(said[i] ?? /./);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

test('--end must be more than 0 s (0 or negative ran nothing and printed zeros, exit 0)', () => {
  for (const end of ['0', '-5']) {
    const r = its('sim', 'run', 'core/scenario/fixtures/mini.json', '--end', end, '--no-progress');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`--end: must be more than 0 s, got ${end}`));
    expect(r.stdout).not.toMatch(/vehicles inserted/);
  }
});

test('stdout holds the KPI table only (node-opcua, loaded by sim live, printed a warning there)', () => {
  const r = its('sim', 'run', 'core/scenario/fixtures/mini.json', '--end', '60', '--no-progress');
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/vehicles inserted/);
  expect(r.stdout).not.toMatch(/NODE-OPCUA|security-revert/);
});

test('the HTML report says how the run was made and, with priority, the bus and other traffic figures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-sim-'));
  const html = join(dir, 'tsp.html');
  const r = its(
    'sim',
    'run',
    'core/scenario/fixtures/mini.json',
    '--tls',
    'webster',
    '--tsp',
    '--seed',
    '3',
    '--end',
    '600',
    '--no-progress',
    '--report',
    html,
  );
  expect(r.status, r.stderr).toBe(0);
  const page = readFileSync(html, 'utf8');
  const value = (label: string): string | undefined =>
    new RegExp(`<tr><th>${label.replace(/[()]/g, '\\$&')}</th><td>([^<]*)</td></tr>`).exec(page)?.[1];
  expect(value('Signal strategy')).toBe('webster');
  expect(value('Transit signal priority')).toBe('on (late &gt;= 0 s)');
  expect(value('Seed')).toBe('3');
  expect(value('Step (s)')).toBe('0.5');
  // A scenario's clock counts from its start: no time of day (it said 00:00 for a 07:30 start).
  expect(value('Simulated period (s on the simulation clock)')).toBe(
    "0 – 600 (600 s; from the scenario's start)",
  );
  // The plots' time axis is that same clock (a SUMO network's: seconds since its midnight).
  expect(page).toContain('>simulation clock (s)</text>');
  expect(page).not.toContain('>time (s)</text>');
  expect(Number(value('Buses (arrived and running)'))).toBeGreaterThan(0);
  expect(value('Bus mean time loss minus dwell, arrived and running (s)')).toMatch(/^\d/);
  expect(value('Other traffic mean time loss, arrived and running (s)')).toMatch(/^\d/);
});

test('a SUMO file given as the scenario points to --sumo-net/--sumo-routes (was: invalid JSON)', () => {
  for (const tls of ['static', 'webster']) {
    const r = its('sim', 'run', `${RESCO}cologne1.net.xml`, '--tls', tls, '--no-progress');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/scenario: .*cologne1\.net\.xml is a SUMO file; run SUMO input with --sumo-net/);
  }
});

test('--seed, --step and --tsp-min-late are checked by the names the user typed', () => {
  const mini = 'core/scenario/fixtures/mini.json';
  const cases: [string[], RegExp][] = [
    [['--seed', '1.5'], /its: ConfigError: --seed: must be an integer, got 1\.5/],
    [['--step', '0'], /its: ConfigError: --step: must be more than 0 s, got 0/],
    [['--step', '5'], /its: ConfigError: --step: must be at most 2 s, got 5/],
    [['--tsp-min-late', '30'], /its: ConfigError: --tsp-min-late: applies to transit priority: add --tsp/],
    [['--tls', 'webster', '--tsp-min-late', 'any'], /--tsp-min-late: applies to transit priority/],
  ];
  for (const [args, said] of cases) {
    const r = its('sim', 'run', mini, '--end', '60', '--no-progress', ...args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(said);
  }
});

test('sim live refuses a speed or SPaT period of 0 or less before connecting to the broker', () => {
  const mini = 'core/scenario/fixtures/mini.json';
  for (const [args, said] of [
    [['--speed', '-1'], /its: ConfigError: --speed: must be more than 0, got -1/],
    [['--spat-period', '0'], /its: ConfigError: --spat-period: must be more than 0 s, got 0/],
  ] as const) {
    const r = its('sim', 'live', mini, '--mqtt', 'mqtt://127.0.0.1:1', ...args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(said);
  }
});
