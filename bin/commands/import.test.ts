/**
 * @module bin/commands/import.test
 * `its import gtfs` end to end on the Caltrain 2016 feed: JSON out, summary on stderr; a corrupted
 * copy fails with exit 2 naming file and line.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { transitSchema } from '../../core/transit/index.ts';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CALTRAIN = sharedDataPath('gtfs', 'caltrain-2016');
const work = mkdtempSync(join(tmpdir(), 'its-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function its(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/its.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('imports the Caltrain feed into a valid transit section and summarizes it on stderr', () => {
  const out = join(work, 'transit.json');
  const r = its('import', 'gtfs', CALTRAIN, '--out', out);
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/1 agencies, 4 routes, 95 stops, 218 trips, 3103 stop times/);
  expect(r.stderr).toMatch(/not imported: 8 calendar exceptions/);
  const parsed = transitSchema.safeParse(JSON.parse(readFileSync(out, 'utf8')));
  expect(parsed.success).toBe(true);
});

test('a corrupted feed exits 2 naming the file and line', () => {
  const dir = join(work, 'bad');
  cpSync(CALTRAIN, dir, { recursive: true });
  const stops = join(dir, 'stops.txt');
  const lines = readFileSync(stops, 'utf8').split('\n');
  lines[3] = (lines[3] ?? '').replace(/,37\.\d+,/, ',north,');
  writeFileSync(stops, lines.join('\n'));
  const r = its('import', 'gtfs', dir);
  expect(r.status).toBe(2);
  // Other command modules the CLI loads may log to stdout; no transit JSON must be there.
  expect(r.stdout).not.toMatch(/"agencies"/);
  expect(r.stderr).toMatch(/stops\.txt:4: stop_lat "north" is not a number/);
});
