/**
 * @module core/security/message-guard.test
 * Identity binding and anti-replay: spoofed device ids, replays, stale and future messages are refused
 * and counted by reason; reordered messages inside the window pass.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import type { BoundIdentity } from './index.ts';
import { checkDeviceBinding, deviceIdOfPayload, MessageGuard, ReplayWindow } from './index.ts';

const T0 = 1_780_000_000_000;
const det = (id: string): BoundIdentity => ({ username: `det.r1.${id}`, role: 'device', region: 'r1', id });
const bridge: BoundIdentity = { username: 'bridge.r1.gps-r1', role: 'bridge', region: 'r1', id: 'gps-r1' };
const sim: BoundIdentity = { username: 'sim.demo', role: 'sim', region: null, id: 'demo' };
const msg = (deviceId: string, seq: number, ts = T0, reset = false) => ({ deviceId, seq, ts, reset });

test('a device may speak only for its own id', () => {
  expect(checkDeviceBinding(det('D1'), 'D1').ok).toBe(true);
  expect(checkDeviceBinding(det('D1'), 'D2')).toMatchObject({ ok: false, reason: 'identity-mismatch' });
  expect(checkDeviceBinding(undefined, 'D1')).toMatchObject({ ok: false, reason: 'unknown-identity' });
});

test('a bridge speaks for the devices behind it, the simulator for any', () => {
  const units = new Set(['GPS-1']);
  const opts = { bridgeDevices: (r: string) => (r === 'r1' ? units : null) };
  expect(checkDeviceBinding(bridge, 'GPS-1', opts).ok).toBe(true);
  expect(checkDeviceBinding(bridge, 'D1', opts).ok).toBe(false);
  expect(checkDeviceBinding(bridge, 'D1').ok).toBe(true);
  expect(checkDeviceBinding(sim, 'anything').ok).toBe(true);
});

test('reads the device id from a raw payload, null when it is not there', () => {
  expect(deviceIdOfPayload(Buffer.from('{"deviceId":"D1","seq":1}'))).toBe('D1');
  expect(deviceIdOfPayload('{"deviceId":"D1","deviceId":"D2"}')).toBe('D2');
  expect(deviceIdOfPayload('not json')).toBeNull();
  expect(deviceIdOfPayload('[1]')).toBeNull();
  expect(deviceIdOfPayload('{"deviceId":7}')).toBeNull();
});

test('a replayed sequence number is refused, a reordered one inside the window accepted', () => {
  const w = new ReplayWindow({ windowSize: 8 });
  expect(w.check(msg('D1', 10), T0).ok).toBe(true);
  expect(w.check(msg('D1', 12), T0).ok).toBe(true);
  expect(w.check(msg('D1', 11), T0).ok).toBe(true);
  expect(w.check(msg('D1', 11), T0)).toEqual({ ok: false, reason: 'replayed' });
  expect(w.check(msg('D1', 12), T0)).toEqual({ ok: false, reason: 'replayed' });
  expect(w.check(msg('D1', 30), T0).ok).toBe(true);
  expect(w.check(msg('D1', 22), T0)).toEqual({ ok: false, reason: 'out-of-window' });
  expect(w.check(msg('D1', 23), T0).ok).toBe(true);
  expect(w.check(msg('D2', 11), T0).ok).toBe(true);
});

test('stale and future timestamps are refused', () => {
  const w = new ReplayWindow({ maxAgeMs: 60_000, maxFutureSkewMs: 5_000 });
  expect(w.check(msg('D1', 1, T0 - 61_000), T0)).toEqual({ ok: false, reason: 'stale' });
  expect(w.check(msg('D1', 1, T0 + 6_000), T0)).toEqual({ ok: false, reason: 'future' });
  expect(w.check(msg('D1', 1, T0 - 59_000), T0).ok).toBe(true);
});

test('a restart restarts the count, a replayed restart announcement does not', () => {
  const w = new ReplayWindow();
  expect(w.check(msg('D1', 500, T0), T0).ok).toBe(true);
  expect(w.check(msg('D1', 0, T0 + 1000, true), T0 + 1000).ok).toBe(true);
  expect(w.check(msg('D1', 1, T0 + 1100), T0 + 1100).ok).toBe(true);
  expect(w.check(msg('D1', 0, T0 + 1000, true), T0 + 1200)).toEqual({ ok: false, reason: 'replayed' });
  expect(w.check(msg('D1', 501, T0 + 500), T0 + 1300)).toEqual({ ok: false, reason: 'stale' });
});

test('the guard counts each refusal by reason', () => {
  const clock = new VirtualClock(T0);
  const guard = new MessageGuard({ clock, maxAgeMs: 60_000 });
  expect(guard.check(det('D1'), msg('D1', 1)).ok).toBe(true);
  expect(guard.check(det('D1'), msg('D1', 1))).toMatchObject({ ok: false, reason: 'replayed' });
  expect(guard.check(det('D1'), msg('D2', 1))).toMatchObject({ ok: false, reason: 'identity-mismatch' });
  expect(guard.check(undefined, msg('D1', 2))).toMatchObject({ ok: false, reason: 'unknown-identity' });
  expect(guard.check(det('D1'), msg('D1', 2, T0 - 120_000))).toMatchObject({ ok: false, reason: 'stale' });
  expect(guard.check(det('D1'), msg('D1', 2)).ok).toBe(true);
  expect(guard.stats()).toEqual({
    accepted: 2,
    refused: 4,
    refusedByReason: { replayed: 1, 'identity-mismatch': 1, 'unknown-identity': 1, stale: 1 },
  });
});

test('without identity binding the guard still refuses replays', () => {
  const guard = new MessageGuard({ clock: new VirtualClock(T0), bindIdentity: false });
  expect(guard.check(undefined, msg('D1', 1)).ok).toBe(true);
  expect(guard.check(undefined, msg('D1', 1))).toMatchObject({ ok: false, reason: 'replayed' });
});
