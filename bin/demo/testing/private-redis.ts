/**
 * @module bin/demo/testing/private-redis
 * Test helper: a private `redis-server` on a free port with an append-only file in a temporary
 * folder, which a fault test can stop and start again on the same port and data (never the
 * machine's Redis on 6379).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choosePort } from '../free-port.ts';

/** A private Redis that can be restarted. */
export type PrivateRedis = {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
};

async function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${text}`)), 20_000);
    child.stdout?.on('data', (c: Buffer) => {
      text += c.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${text}`));
    });
  });
}

/** Start redis-server on a free port. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await choosePort(0);
  const dir = mkdtempSync(join(tmpdir(), 'its-redis-'));
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = c;
    await waitForLine(c, /Ready to accept connections/);
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = null;
    if (c === null || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop };
}
