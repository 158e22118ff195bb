/**
 * @module bin/commands/evaluate.test
 * `its sim run --tls <edge strategy> [--tsp]` end to end: a real process runs the edge's strategy code in
 * the loop (bench/evaluation) and writes the simulator's JSON keys plus bus and safety figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('its sim run takes an edge strategy and transit priority and writes its KPIs', () => {
  const json = join(mkdtempSync(join(tmpdir(), 'its-eval-')), 'out.json');
  const r = spawnSync(
    process.execPath,
    [
      'bin/its.mjs',
      'sim',
      'run',
      'scenarios/demo-city',
      '--tls',
      'max-pressure',
      '--tsp',
      '--tsp-min-late',
      '0',
      '--end',
      '120',
      '--no-progress',
      '--json',
      json,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/mean time loss/);
  const out = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
  expect(out['tls']).toBe('max-pressure');
  expect(out['tsp']).toBe(true);
  expect(out['faults']).toEqual([]);
  expect(typeof out['meanTimeLossS']).toBe('number');
  expect(out['vehiclesInserted']).toBe(Number(out['vehiclesArrived']) + Number(out['vehiclesRunning']));
});
