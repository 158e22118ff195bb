/**
 * @module edge/ingest/ingest-guard.test
 * With core/security's anti-replay guard, the edge drops a replayed message (a new id on an old
 * sequence number) and a stale one, counted by reason; without it, behaviour is unchanged.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import { MessageGuard } from '../../core/security/index.ts';
import { Ingest } from './index.ts';

const T0 = Date.UTC(2026, 10, 26, 8, 0, 0);

const actuation = (deviceId: string, seq: number, id: string, ts = T0): string =>
  JSON.stringify({ kind: 'det.actuation', id, deviceId, seq, ts, state: 'on' });

test('a replayed sequence number under a new message id is dropped and counted', () => {
  const clock = new VirtualClock(T0);
  const guard = new MessageGuard({ clock, bindIdentity: false });
  const ingest = new Ingest({ region: 'r1', clock, guard });
  expect(ingest.accept('its/v1/r1/det/d1/act', actuation('d1', 1, 'msg-aaaa-1')).ok).toBe(true);
  expect(ingest.accept('its/v1/r1/det/d1/act', actuation('d1', 1, 'msg-aaaa-2'))).toMatchObject({
    ok: false,
    reason: 'replayed',
  });
  expect(ingest.accept('its/v1/r1/det/d1/act', actuation('d1', 1, 'msg-aaaa-1'))).toMatchObject({
    ok: false,
    reason: 'duplicate',
  });
  expect(ingest.accept('its/v1/r1/det/d1/act', actuation('d1', 2, 'msg-aaaa-3')).ok).toBe(true);
  expect(ingest.stats().droppedByReason).toEqual({ replayed: 1, duplicate: 1 });
  expect(guard.stats().refusedByReason).toEqual({ replayed: 1 });
});

test('a message older than the guard window is dropped as stale', () => {
  const clock = new VirtualClock(T0);
  const ingest = new Ingest({
    region: 'r1',
    clock,
    guard: new MessageGuard({ clock, bindIdentity: false, maxAgeMs: 60_000 }),
  });
  expect(ingest.accept('its/v1/r1/det/d1/act', actuation('d1', 1, 'msg-bbbb-1', T0 - 120_000))).toMatchObject(
    {
      ok: false,
      reason: 'stale',
    },
  );
});

test('without a guard a repeated sequence number is still accepted and reported as a repeat', () => {
  const clock = new VirtualClock(T0);
  const ingest = new Ingest({ region: 'r1', clock });
  expect(ingest.accept('its/v1/r1/det/d1/act', actuation('d1', 1, 'msg-cccc-1')).ok).toBe(true);
  expect(ingest.accept('its/v1/r1/det/d1/act', actuation('d1', 1, 'msg-cccc-2'))).toMatchObject({
    ok: true,
    sequence: { kind: 'repeat' },
  });
});
