/**
 * @module bin/commands/operators.test
 * `its operators add|list|disable` on a real accounts file: the password comes from stdin, is stored
 * only as a scrypt hash in a 0600 file and never printed; a short password, an unknown role or an
 * existing name without `--replace` is refused; a disabled operator cannot sign in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import { OperatorAuth } from '../../core/security/index.ts';
import { FileOperatorStore } from '../../center/operators/index.ts';
import { REPO_ROOT } from '../demo/testing/demo-process.ts';

const file = join(mkdtempSync(join(tmpdir(), 'its-operators-')), 'operators.json');
const PASSWORD = 'correct horse battery staple';

/** Run `its operators <args>` with `stdin`; resolves with its exit code and output. */
function operators(args: readonly string[], stdin = ''): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/its.mjs', 'operators', ...args], { cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
    child.stdin.end(stdin);
  });
}

const signIn = (password: string) =>
  new OperatorAuth({
    clock: new VirtualClock(0),
    findAccount: (u) => new FileOperatorStore(file).find(u),
  }).login('alice', password);

test('add, list and disable an operator; the password only as a scrypt hash, never printed', async () => {
  const added = await operators(['add', 'alice', '--role', 'admin', '--file', file], `${PASSWORD}\n`);
  expect(added.code).toBe(0);
  expect(added.out).toContain('operator alice (admin) saved');
  expect(added.out).not.toContain(PASSWORD);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const stored = readFileSync(file, 'utf8');
  expect(stored).not.toContain(PASSWORD);
  expect(stored).toMatch(/"passwordHash": "scrypt\$/);
  expect((await signIn(PASSWORD)).ok).toBe(true);
  expect((await signIn('wrong password here')).ok).toBe(false);

  const listed = await operators(['list', '--file', file]);
  expect(listed.code).toBe(0);
  expect(listed.out).toBe('alice\tadmin\tactive\n');

  const disabled = await operators(['disable', 'alice', '--file', file]);
  expect(disabled.code).toBe(0);
  expect((await operators(['list', '--file', file])).out).toBe('alice\tadmin\tdisabled\n');
  expect((await signIn(PASSWORD)).ok).toBe(false);
  await operators(['disable', 'alice', '--enable', '--file', file]);
  expect((await signIn(PASSWORD)).ok).toBe(true);
}, 60_000);

test('a short password, an unknown role, an existing name or an unknown operator is refused', async () => {
  const short = await operators(['add', 'bob', '--file', file], 'short\n');
  expect(short.code).not.toBe(0);
  expect(short.out).toMatch(/at least 12 characters/);
  expect(short.out).not.toContain('short\n');
  const badRole = await operators(['add', 'bob', '--role', 'root', '--file', file], `${PASSWORD}\n`);
  expect(badRole.out).toMatch(/--role/);
  const again = await operators(['add', 'alice', '--file', file], 'another long password\n');
  expect(again.code).not.toBe(0);
  expect(again.out).toMatch(/--replace/);
  const unknown = await operators(['disable', 'nobody', '--file', file]);
  expect(unknown.code).not.toBe(0);
  expect(unknown.out).toMatch(/no operator nobody/);
  expect(new FileOperatorStore(file).list().map((a) => a.username)).toEqual(['alice']);
}, 60_000);

test('list and disable name a missing accounts file instead of listing nobody', async () => {
  const missing = join(mkdtempSync(join(tmpdir(), 'its-operators-')), 'typo.json');
  const listed = await operators(['list', '--file', missing]);
  expect(listed.code).toBe(2);
  expect(listed.out).toMatch(/its: ConfigError: --file: no such file .*typo\.json\n$/);
  const disabled = await operators(['disable', 'alice', '--file', missing]);
  expect(disabled.code).toBe(2);
  expect(disabled.out).toMatch(/--file: no such file .*typo\.json/);
});
