/**
 * @module bin/demo/testing/demo-process
 * Test helper: runs `its demo` as a child process on free ports and a throwaway data directory,
 * and reads the endpoints it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A demo child process and what it printed. */
export type DemoProcess = {
  readonly child: ChildProcess;
  readonly dataDir: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the endpoint URLs once the banner is printed. */
  readonly ready: Promise<{
    http: string;
    mqtt: string;
    opcua: string;
    stops: string[];
    sign: string | null;
    /** Each edge's `/metrics` URL. */
    edgeMetrics: string[];
  }>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
};

/** Spawn `node bin/its.mjs demo <args>` with every port free. */
export function spawnDemo(args: readonly string[] = [], dataDir?: string): DemoProcess {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'its-demo-'));
  const child = spawn(
    process.execPath,
    [
      'bin/its.mjs',
      'demo',
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
      '--opcua-port',
      '0',
      '--data-dir',
      dir,
      '--status-every',
      '0',
      ...args,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDIS_URL: '' } },
  );
  let text = '';
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const ready = new Promise<{
    http: string;
    mqtt: string;
    opcua: string;
    stops: string[];
    sign: string | null;
    edgeMetrics: string[];
  }>((res, rej) => {
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (!/^ready /m.test(text)) return;
      const pick = (label: string): string[] =>
        [...text.matchAll(new RegExp(`^  ${label} +(\\S+)`, 'gm'))].map((m) => m[1] ?? '');
      res({
        http: (pick('API')[0] ?? '').replace(/\/api\/v1\/$/, ''),
        mqtt: pick('MQTT')[0] ?? '',
        opcua: pick('OPC UA')[0] ?? '',
        stops: pick('stop sign'),
        sign: pick('message sign')[0] ?? null,
        edgeMetrics: pick('edge metrics'),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
    void exited.then((code) => rej(new Error(`demo exited (${code}) before ready:\n${text}`)));
  });
  return { child, dataDir: dir, output: () => text, ready, exited };
}
