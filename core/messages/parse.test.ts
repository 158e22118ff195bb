/**
 * @module core/messages/parse.test
 * The one message parser: bytes in, a typed message or a counted reason out, never a throw.
 */
import { describe, expect, test } from 'vitest';
import { encodeMessage, parseMessage, parseMessageValue } from './index.ts';
import type { Message } from './index.ts';

const NOW = Date.UTC(2026, 10, 26, 8, 30, 0);

const actuation = {
  kind: 'det.actuation',
  id: '0190f3a2-7c1e-7abc-8def-0123456789ab',
  deviceId: 'det-gn-101-2',
  seq: 3,
  ts: NOW,
  state: 'off',
} as const;

describe('parseMessage', () => {
  test('decodes UTF-8 bytes and strings alike', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(actuation));
    expect(parseMessage(bytes)).toEqual({ ok: true, message: actuation });
    expect(parseMessage(JSON.stringify(actuation))).toEqual({ ok: true, message: actuation });
  });

  test('round-trips through encodeMessage', () => {
    const encoded = encodeMessage(actuation as Message);
    expect(parseMessage(encoded)).toEqual({ ok: true, message: actuation });
  });

  test('rejects text that is not JSON as not-json', () => {
    const result = parseMessage('{"kind": "det.actuation", ');
    expect(result).toMatchObject({ ok: false, reason: 'not-json' });
  });

  test('rejects an empty payload as not-json', () => {
    expect(parseMessage(new Uint8Array(0))).toMatchObject({ ok: false, reason: 'not-json' });
  });

  test('rejects a payload over the size limit before decoding it', () => {
    const big = JSON.stringify({ ...actuation, pad: 'x'.repeat(2000) });
    const result = parseMessage(big, { maxBytes: 1024 });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/bytes/);
  });

  test('rejects a payload over the default 1 MiB limit', () => {
    const result = parseMessage('x'.repeat((1 << 20) + 1));
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });

  test.each([
    ['an unknown kind', { ...actuation, kind: 'det.gossip' }],
    ['a missing kind', { ...actuation, kind: undefined }],
    ['a numeric kind', { ...actuation, kind: 7 }],
    ['a prototype key as kind', { ...actuation, kind: 'constructor' }],
    ['an array', [actuation]],
    ['null', null],
    ['a number', 42],
  ])('rejects %s as unknown-kind naming the kind field', (_what, value) => {
    const result = parseMessageValue(value);
    expect(result).toMatchObject({ ok: false, reason: 'unknown-kind' });
    if (!result.ok) expect(result.issues[0]?.path).toBe('kind');
  });

  test('rejects a timestamp beyond the allowed clock skew as future-timestamp on ts', () => {
    const result = parseMessageValue({ ...actuation, ts: NOW + 60_000 }, { nowMs: NOW });
    expect(result).toMatchObject({ ok: false, reason: 'future-timestamp' });
    if (!result.ok) expect(result.issues).toEqual([{ path: 'ts', message: expect.stringMatching(/future/) }]);
  });

  test('accepts a device clock slightly ahead, within the skew', () => {
    expect(parseMessageValue({ ...actuation, ts: NOW + 10_000 }, { nowMs: NOW }).ok).toBe(true);
  });

  test('honours a tighter skew', () => {
    const result = parseMessageValue(
      { ...actuation, ts: NOW + 10_000 },
      { nowMs: NOW, maxFutureSkewMs: 1000 },
    );
    expect(result).toMatchObject({ ok: false, reason: 'future-timestamp' });
  });

  test('skips time checks without nowMs, so replayed history parses', () => {
    expect(parseMessageValue({ ...actuation, ts: NOW + 86_400_000 }).ok).toBe(true);
  });

  test('rejects a message older than maxAgeMs as stale-timestamp', () => {
    const result = parseMessageValue({ ...actuation, ts: NOW - 120_000 }, { nowMs: NOW, maxAgeMs: 60_000 });
    expect(result).toMatchObject({ ok: false, reason: 'stale-timestamp' });
    if (!result.ok) expect(result.issues[0]?.path).toBe('ts');
  });

  test('reports every bad field of one message, not just the first', () => {
    const result = parseMessageValue({ ...actuation, seq: -1, state: 'maybe', deviceId: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path).sort()).toEqual(['deviceId', 'seq', 'state']);
  });

  test('never throws on hostile input', () => {
    const inputs = ['', 'null', '[]', '"str"', '{"kind":{}}', '{"__proto__":{"kind":"spat"}}', '\u0000'];
    for (const input of inputs) expect(() => parseMessage(input)).not.toThrow();
  });
});
