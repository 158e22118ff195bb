/**
 * @module firmware-bridge/adapters/tcp/gpsd-client.int.test
 * The gpsd client against a fake gpsd the test starts: it answers `?WATCH` with gpsd's regression
 * output (TPV, SKY, ... lines of a `.chk` file), drops the connection half-way, and the client
 * reconnects, watches again and receives the rest.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GpsdReader, GPSD_WATCH_COMMAND } from '../../gpsd/index.ts';
import type { NmeaFix } from '../../nmea/index.ts';
import { runFixStream } from '../runtime/index.ts';
import { tcpSource } from './index.ts';
import { sharedDataPath } from '../../../core/shared-data/index.ts';

const CHK = sharedDataPath('nmea', 'gpsd-logs', 'ublox-8.log.chk');
const lines = readFileSync(CHK, 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{'));
const half = Math.floor(lines.length / 2);
const expectedFixes = lines.filter((l) => {
  const r = JSON.parse(l) as { class?: string; mode?: number; time?: string };
  return r.class === 'TPV' && (r.mode ?? 0) >= 2 && r.time !== undefined;
}).length;

let server: Server;
let port = 0;
const watches: unknown[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  let connection = 0;
  server = createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const first = connection++ === 0;
    const part = first ? lines.slice(0, half) : lines.slice(half);
    socket.write('{"class":"VERSION","release":"3.22","proto_major":3,"proto_minor":14}\n');
    let buffered = '';
    socket.on('data', (data) => {
      buffered += data.toString('utf8');
      const m = /^\?WATCH=(\{.*\});?\n/.exec(buffered);
      if (m === null) return;
      buffered = '';
      watches.push(JSON.parse(m[1] ?? '{}'));
      const text = part.join('\n') + '\n';
      // Odd chunk boundaries, then (first connection only) drop the line mid-stream.
      for (let i = 0; i < text.length; i += 97) socket.write(text.slice(i, i + 97));
      if (first) socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('watches gpsd, turns its TPV reports into fixes and resumes after a dropped connection', async () => {
  const reader = new GpsdReader();
  const source = tcpSource({
    host: '127.0.0.1',
    port,
    greeting: GPSD_WATCH_COMMAND,
    backoff: { minMs: 20, maxMs: 100, jitter: 0 },
  });
  const fixes: NmeaFix[] = [];
  const done = runFixStream({
    source,
    decoder: reader,
    onFix: (fix) => {
      fixes.push(fix);
      if (fixes.length === expectedFixes) source.stop();
    },
  });
  await done;
  expect(fixes).toHaveLength(expectedFixes);
  expect(watches).toEqual([
    { enable: true, json: true },
    { enable: true, json: true },
  ]);
  expect(fixes[0]?.timeMs).toBe(Date.parse('2017-01-10T00:09:41.000Z'));
  const c = reader.counters;
  expect(c.lines).toBe(c.fixes + Object.values(c.rejected).reduce((a, b) => a + b, 0));
  expect(c.rejected['other-class']).toBeGreaterThan(0);
});
