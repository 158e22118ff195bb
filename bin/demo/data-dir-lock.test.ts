/**
 * @module bin/demo/data-dir-lock.test
 * One demo per data directory: a live holder is named in the error, a dead one's lock is taken over.
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { ConfigError } from '../../core/index.ts';
import { lockDataDir } from './data-dir-lock.ts';

test('a second holder is refused while the first lives, and may take the lock once released', () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-lock-'));
  const first = lockDataDir(dir);
  expect(readFileSync(first.path, 'utf8').trim()).toBe(String(process.pid));
  // The parent of this process stands in for another live demo.
  expect(() => lockDataDir(dir, process.ppid)).toThrow(ConfigError);
  expect(() => lockDataDir(dir, process.ppid)).toThrow(`pid ${process.pid}`);
  first.release();
  expect(existsSync(first.path)).toBe(false);
  const second = lockDataDir(dir, process.ppid);
  // A lock file that another process has since taken over is not ours to remove.
  writeFileSync(second.path, `${process.pid}\n`);
  second.release();
  expect(readFileSync(second.path, 'utf8').trim()).toBe(String(process.pid));
});

test('a lock left by a process that is gone (a SIGKILLed demo) is taken over, and garbage is too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'its-lock-'));
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  writeFileSync(join(dir, 'demo.lock'), `${gone.stdout.toString()}\n`);
  const lock = lockDataDir(dir);
  expect(readFileSync(lock.path, 'utf8').trim()).toBe(String(process.pid));
  lock.release();
  writeFileSync(join(dir, 'demo.lock'), 'not a pid');
  lockDataDir(dir).release();
  expect(existsSync(join(dir, 'demo.lock'))).toBe(false);
});
