/**
 * @module bin/cli.test
 * The `its` front end as a user meets it: the command list, an unknown command, and files or services
 * that cannot be opened (one line naming the file, never a stack trace).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { sharedDataPath } from '../core/shared-data/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function its(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/its.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('its --help lists every command and exits 0', () => {
  const r = its('--help');
  expect(r.stderr).not.toMatch(/does not export register/);
  expect(r.status, r.stderr).toBe(0);
  for (const name of ['sim', 'evaluate', 'import', 'bridge', 'settle', 'validate'])
    expect(r.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
});

test('an unknown command is named, with the command list, exit 1', () => {
  const r = its('simulate');
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/unknown command 'simulate'/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test('a file that cannot be written is one line naming it, not a stack', () => {
  const r = its('import', 'gtfs', sharedDataPath('gtfs', 'caltrain-2016'), '--out', '/proc/its-nope.json');
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^its: .*'\/proc\/its-nope\.json'\n$/);
});

test('its --version prints the package version', () => {
  const r = its('--version');
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
});
