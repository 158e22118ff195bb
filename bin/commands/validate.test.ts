/**
 * @module bin/commands/validate.test
 * `its validate` end to end: a real process on the shipped fixtures (two spawns; tsx starts in ~1 s).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function its(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/its.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a valid scenario prints a summary with its counts and exits 0', () => {
  const r = its('validate', 'core/scenario/fixtures/mini.json');
  expect(r.stderr).not.toMatch(/problem/);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/mini\.json: valid/);
  expect(r.stdout).toMatch(/intersections\s+1 {2}1 NEMA/);
  expect(r.stdout).toMatch(/detectors\s+26/);
  expect(r.stdout).toMatch(/region gangnam/);
});

test('a broken scenario prints every problem, one per line, and exits 2', () => {
  const r = its('validate', 'core/scenario/fixtures/broken-movement-not-meeting.json');
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/broken-movement-not-meeting\.json: 4 problems/);
  expect(lines.slice(1)).toHaveLength(4);
  expect(lines[1]).toBe(
    'network.movements[1]: movement does not meet at a node: link "L-s-in" ends at "n-gangnam" but link "L-n-in" starts at "n-north"',
  );
});
