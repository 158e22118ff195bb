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
