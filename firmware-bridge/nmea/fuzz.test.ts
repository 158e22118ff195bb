/**
 * @module firmware-bridge/nmea/fuzz.test
 * Fuzzing: 120,000 random and mutated lines (seeded, reproducible) plus fast-check byte streams. No
 * exception may escape and the counters must account for every line fed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { NmeaReader } from './index.ts';
import type { NmeaCounters } from './index.ts';
import { sampleCycle, withChecksum } from './test-sentences.ts';
import { sharedDataPath } from '../../core/shared-data/index.ts';

const LOG_DIR = sharedDataPath('nmea', 'gpsd-logs');
const LINES_TO_FEED = 120_000;

/** xorshift32: a tiny seeded generator so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

function seedLines(): string[] {
  const lines = sampleCycle('120000').split('\r\n');
  for (const log of readdirSync(LOG_DIR)
    .filter((f) => f.endsWith('.log'))
    .slice(0, 12)) {
    const text = readFileSync(join(LOG_DIR, log), 'latin1');
    lines.push(
      ...text
        .split(/\r?\n/)
        .filter((l) => l.startsWith('$') || l.startsWith('!'))
        .slice(0, 60),
    );
  }
  lines.push(
    withChecksum('GPZDA,235959.99,31,12,1999,00,00'),
    withChecksum('GNGLL,4404.1,N,12118.8,W,000941,A,A'),
  );
  return lines.filter((l) => l.length > 0);
}

function mutate(line: string, r: () => number): Buffer {
  const b = Buffer.from(line, 'latin1');
  const kind = Math.floor(r() * 8);
  const at = Math.floor(r() * b.length);
  switch (kind) {
    case 0: // flip one byte
      b[at] = Math.floor(r() * 256);
      return b;
    case 1: // truncate
      return b.subarray(0, at);
    case 2: // binary prefix from another protocol
      return Buffer.concat([Buffer.from([0xb5, 0x62, Math.floor(r() * 256), 0x24]), b]);
    case 3: // drop a character
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    case 4: // duplicate a field separator
      return Buffer.concat([b.subarray(0, at), Buffer.from(','), b.subarray(at)]);
    case 5: // pure noise
      return Buffer.from(Array.from({ length: 1 + Math.floor(r() * 120) }, () => Math.floor(r() * 256)));
    case 6: // a digit where a digit was, keeping the old checksum
      return Buffer.from(line.replace(/\d/, String(Math.floor(r() * 10))), 'latin1');
    default: // unchanged
      return b;
  }
}

function rejectedTotal(c: NmeaCounters): number {
  return Object.values(c.rejected).reduce((a, b) => a + b, 0);
}

test(`survives ${LINES_TO_FEED} random and mutated lines and accounts for every one`, () => {
  const r = rng(0x5eed);
  const seeds = seedLines();
  const reader = new NmeaReader();
  let fed = 0;
  let pending: Buffer[] = [];
  const flush = (): void => {
    const chunk = Buffer.concat(pending);
    pending = [];
    // Random chunk boundaries, as a serial port delivers them.
    for (let i = 0; i < chunk.length;) {
      const n = 1 + Math.floor(r() * 300);
      reader.push(chunk.subarray(i, i + n));
      i += n;
    }
  };
  while (fed < LINES_TO_FEED) {
    const line = mutate(seeds[Math.floor(r() * seeds.length)] ?? '', r);
    // A line is bytes between terminators; keep terminators out of its body, skip empty lines.
    for (let i = 0; i < line.length; i++) if (line[i] === 0x0a || line[i] === 0x0d) line[i] = 0x20;
    if (line.length === 0) continue;
    pending.push(line, Buffer.from(r() < 0.5 ? '\r\n' : '\n'));
    fed++;
    if (pending.length > 200) flush();
  }
  flush();
  reader.end();
  const c = reader.counters;
  expect(c.lines).toBe(fed);
  expect(c.accepted + rejectedTotal(c)).toBe(fed);
  expect(c.accepted).toBeGreaterThan(0);
  expect(c.rejected['bad-checksum']).toBeGreaterThan(0);
  expect(c.rejected.truncated).toBeGreaterThan(0);
  expect(c.rejected.binary).toBeGreaterThan(0);
});

test('never throws on arbitrary byte streams and keeps its books balanced', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
      const reader = new NmeaReader();
      for (const chunk of chunks) reader.push(chunk);
      reader.end();
      const c = reader.counters;
      expect(c.accepted + rejectedTotal(c)).toBe(c.lines);
    }),
    { numRuns: 2000, seed: 42 },
  );
});
