/**
 * @module center/operators/operator-store.test
 * Operator accounts on disk: hashes only, owner-only permissions, survives a reload, refuses weak
 * passwords and names a broken file.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { verifyOperatorPassword } from '../../core/security/index.ts';
import { FileOperatorStore } from './index.ts';

const FAST = { N: 1 << 10, r: 8, p: 1 };
const file = (): string => join(mkdtempSync(join(tmpdir(), 'its-opstore-')), 'operators.json');

test('stores a scrypt hash, never the password, in an owner-only file that reloads', async () => {
  const path = file();
  const store = new FileOperatorStore(path, { scrypt: FAST });
  await store.set('ops-kim', 'operator', 'kim-password-123');
  expect(readFileSync(path, 'utf8')).not.toContain('kim-password-123');
  expect(statSync(path).mode & 0o077).toBe(0);
  const again = new FileOperatorStore(path);
  const account = again.find('ops-kim');
  expect(account?.role).toBe('operator');
  expect(await verifyOperatorPassword('kim-password-123', account?.passwordHash ?? '')).toBe(true);
});

test('refuses short passwords and bad usernames', async () => {
  const store = new FileOperatorStore(file(), { scrypt: FAST });
  await expect(store.set('ops', 'viewer', 'short')).rejects.toThrow(/password/);
  await expect(store.set('a b', 'viewer', 'long-enough-password')).rejects.toThrow(/username/);
});

test('a disabled account is kept but marked', async () => {
  const store = new FileOperatorStore(file(), { scrypt: FAST });
  await store.set('ops', 'admin', 'long-enough-password');
  expect(store.setDisabled('ops', true)).toBe(true);
  expect(store.find('ops')?.disabled).toBe(true);
  expect(store.setDisabled('nobody', true)).toBe(false);
});

test('a broken file is a format error naming the field', () => {
  const path = file();
  writeFileSync(
    path,
    JSON.stringify({ version: 1, operators: [{ username: 'x', role: 'root', passwordHash: 'scrypt$' }] }),
  );
  expect(() => new FileOperatorStore(path)).toThrow(/operators\.0\.role/);
  writeFileSync(path, '{not json');
  expect(() => new FileOperatorStore(path)).toThrow(/not JSON/);
});

test('a running center sees accounts changed by another process, within the reload period', async () => {
  const path = file();
  let now = 0;
  const center = new FileOperatorStore(path, { scrypt: FAST, reloadEveryMs: 1000, now: () => now });
  expect(center.find('ops-kim')).toBeUndefined();
  // `its operators add` and `disable` run as other processes, each with its own store on the file.
  await new FileOperatorStore(path, { scrypt: FAST }).set('ops-kim', 'operator', 'kim-password-123');
  expect(center.find('ops-kim')).toBeUndefined(); // checked at most once per second
  now += 1000;
  expect(center.find('ops-kim')?.role).toBe('operator');
  new FileOperatorStore(path).setDisabled('ops-kim', true);
  now += 1000;
  expect(center.find('ops-kim')?.disabled).toBe(true);
  // A writer keeps what another wrote since it opened the file.
  const stale = new FileOperatorStore(path, { scrypt: FAST });
  await new FileOperatorStore(path, { scrypt: FAST }).set('ops-lee', 'viewer', 'lee-password-123');
  await stale.set('ops-park', 'admin', 'park-password-123');
  expect(
    new FileOperatorStore(path)
      .list()
      .map((a) => a.username)
      .sort(),
  ).toEqual(['ops-kim', 'ops-lee', 'ops-park']);
});

test('a changed file that cannot be read keeps the accounts read before, and says why', async () => {
  const path = file();
  const errors: string[] = [];
  const center = new FileOperatorStore(path, {
    scrypt: FAST,
    reloadEveryMs: 0,
    onReloadError: (e) => errors.push(e.message),
  });
  await center.set('ops', 'operator', 'long-enough-password');
  writeFileSync(path, '{"version":1,"operators":[{"username":"x"}]}');
  expect(center.find('ops')?.role).toBe('operator');
  expect(errors[0]).toMatch(/operators/);
});
