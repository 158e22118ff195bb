/**
 * @module bin/demo/data-dir-lock
 * One demo per data directory. Its edges' store-and-forward queues, ledgers and the clearing store
 * are single-writer SQLite files: a second demo on the same directory failed deep inside with
 * "database is locked" (or, worse, shared an edge's queue). The lock is a file holding the owner's
 * pid, created exclusively; a lock whose process is gone (a SIGKILLed demo) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../core/index.ts';

/** A held lock: `release` removes the file if it is still ours. */
export type DataDirLock = { readonly path: string; release(): void };

/** Take `<dir>/demo.lock` for this process, or throw a ConfigError naming the holder. */
export function lockDataDir(dir: string, pid = process.pid): DataDirLock {
  const path = join(dir, 'demo.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return {
        path,
        release: () => {
          if (holderOf(path) === pid) rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = holderOf(path);
      if (holder !== null && holder !== pid && alive(holder)) {
        throw new ConfigError(
          '--data-dir',
          `${dir} is in use by another its demo (pid ${holder}); stop it or pass another --data-dir`,
        );
      }
      rmSync(path, { force: true }); // stale: its process is gone, or the file is unreadable
    }
  }
  throw new ConfigError('--data-dir', `${dir}: could not take ${path}`);
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
