/**
 * @module bin/commands/testing/its-process
 * Test helper: `its <command> <args>` as a child process from the repository root, and the line by
 * which it says it is up (`ready` for `its edge`, the `its center:` start line for `its center`).
 * The shell's `REDIS_URL` is not passed on: a center started without Redis runs on the in-process
 * store whatever the shell has set, and a test that wants Redis says so in `env`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../demo/testing/demo-process.ts';

/** A running `its` child process. */
export type ItsProcess = {
  readonly child: ChildProcess;
  /** Resolves with the first line matching the command's ready pattern; rejects if it exits first. */
  readonly ready: Promise<string>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Send `signal` (SIGTERM by default) and resolve once it has exited; at once if it already has. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** Spawn `node bin/its.mjs <args>`; `ready` matches the line that says it is up. */
export function spawnIts(args: readonly string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): ItsProcess {
  const child = spawn(process.execPath, ['bin/its.mjs', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDIS_URL: '', ...env },
  });
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readyLine = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      const line = ready.exec(text)?.[0];
      if (line !== undefined) resolve(line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`its ${args[0] ?? ''} exited (${code ?? signal}) before it was up:\n${text}`)),
    );
  });
  return {
    child,
    ready: readyLine,
    output: () => text,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** `its edge <args>`, up once it prints `ready`. */
export function spawnEdge(args: readonly string[]): ItsProcess {
  return spawnIts(['edge', ...args], /^ready.*$/m);
}

/** `its center <args>`, up once it prints its start line (`its center: <url> ...`). */
export function spawnCenter(args: readonly string[], env: NodeJS.ProcessEnv = {}): ItsProcess {
  return spawnIts(['center', ...args], /its center: .*/, env);
}

/** The first http(s) URL of a start line. */
export function urlOf(line: string): string {
  const url = /(https?:\/\/\S+?:\d+)/.exec(line)?.[1];
  if (url === undefined) throw new Error(`no URL in: ${line}`);
  return url;
}
