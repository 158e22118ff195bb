/**
 * @module bin/commands/settle.test
 * `its settle` with wrong input: a day that is not on the calendar, a file that is not a ledger, a
 * directory, a seed that is not a number. Each ends in one line naming the option or file, exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function its(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/its.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function refused(r: ReturnType<typeof its>, said: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(said);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

test('a day that is not on the calendar is refused, not cleared as an empty day', () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-settle-'));
  const ledger = join(dir, 'l.sqlite');
  const made = its('settle', 'demo', '--ledger', ledger, '--riders', '5', '--toll-passes', '1');
  expect(made.status, made.stderr).toBe(0);
  for (const day of ['2026-13-45', '2026-02-30'])
    refused(
      its('settle', 'report', '--day', day, '--ledger', ledger),
      new RegExp(`--day: must be a calendar day YYYY-MM-DD, got ${day}`),
    );
  refused(
    its('settle', 'demo', '--ledger', join(dir, 'x.sqlite'), '--day', '2026-02-30'),
    /--day: must be a calendar day/,
  );
});

test('a file that is not a ledger, or a directory, is named in one line', () => {
  const stops = sharedDataPath('gtfs', 'caltrain-2016', 'stops.txt');
  refused(
    its('settle', 'report', '--day', '2026-03-10', '--ledger', stops),
    /its: FileFormatError: .*stops\.txt: not a ledger \(SQLite: file is not a database\)/,
  );
  const dir = mkdtempSync(join(tmpdir(), 'its-settle-'));
  refused(its('settle', 'report', '--day', '2026-03-10', '--ledger', dir), /--ledger: .* is a directory/);
  refused(its('settle', 'report', '--day', '2026-03-10', '--clearing', stops), /not a clearing store/);
  const empty = join(dir, 'empty.sqlite');
  writeFileSync(empty, '');
  refused(
    its('settle', 'report', '--day', '2026-03-10', '--ledger', empty),
    /its: FileFormatError: .*empty\.sqlite: empty file, not a ledger/,
  );
});

test('settle demo --seed must be an integer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-settle-'));
  refused(
    its('settle', 'demo', '--ledger', join(dir, 'l.sqlite'), '--seed', 'abc'),
    /--seed: must be an integer, got abc/,
  );
});
