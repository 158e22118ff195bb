/**
 * @module core/security/operators.test
 * Operator sign-in: scrypt hashes, expiring sessions, lockout after repeated failures, logout, roles.
 */
import { beforeAll, expect, test } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import type { OperatorAccount, OperatorEvent } from './index.ts';
import { hashOperatorPassword, OperatorAuth, roleAtLeast, verifyOperatorPassword } from './index.ts';

const FAST = { N: 1 << 10, r: 8, p: 1 };
const accounts = new Map<string, OperatorAccount>();

beforeAll(async () => {
  accounts.set('kim', {
    username: 'kim',
    role: 'operator',
    passwordHash: await hashOperatorPassword('pw-kim-1', FAST),
  });
  accounts.set('lee', {
    username: 'lee',
    role: 'viewer',
    passwordHash: await hashOperatorPassword('pw-lee-1', FAST),
  });
});

function auth(clock: VirtualClock, events: OperatorEvent[] = []): OperatorAuth {
  return new OperatorAuth({
    clock,
    findAccount: (u) => accounts.get(u),
    sessionTtlMs: 60_000,
    maxFailures: 3,
    failureWindowMs: 10_000,
    lockoutMs: 30_000,
    decoyParams: FAST,
    onEvent: (e) => events.push(e),
  });
}

test('a password verifies against its hash and nothing else', async () => {
  const h = await hashOperatorPassword('secret', FAST);
  expect(h).toMatch(/^scrypt\$1024\$8\$1\$/);
  expect(h).not.toContain('secret');
  expect(await verifyOperatorPassword('secret', h)).toBe(true);
  expect(await verifyOperatorPassword('Secret', h)).toBe(false);
  expect(await verifyOperatorPassword('secret', 'scrypt$x')).toBe(false);
});

test('a session token works until it expires', async () => {
  const clock = new VirtualClock(1_000_000);
  const a = auth(clock);
  const out = await a.login('kim', 'pw-kim-1');
  if (!out.ok) throw new Error('login failed');
  expect(a.verify(out.token)).toMatchObject({ username: 'kim', role: 'operator' });
  clock.advance(60_000);
  expect(a.verify(out.token)).toBeNull();
});

test('logout ends the session', async () => {
  const events: OperatorEvent[] = [];
  const a = auth(new VirtualClock(1_000_000), events);
  const out = await a.login('lee', 'pw-lee-1');
  if (!out.ok) throw new Error('login failed');
  expect(a.logout(out.token)).toBe(true);
  expect(a.verify(out.token)).toBeNull();
  expect(a.logout(out.token)).toBe(false);
  expect(events.map((e) => e.action)).toEqual(['login', 'logout']);
});

test('locks a username after repeated failures, even for the right password', async () => {
  const clock = new VirtualClock(1_000_000);
  const events: OperatorEvent[] = [];
  const a = auth(clock, events);
  for (let i = 0; i < 3; i++)
    expect(await a.login('kim', 'wrong')).toEqual({ ok: false, reason: 'bad-credentials' });
  expect(await a.login('kim', 'pw-kim-1')).toMatchObject({ ok: false, reason: 'locked' });
  clock.advance(30_000);
  expect((await a.login('kim', 'pw-kim-1')).ok).toBe(true);
  expect(events.filter((e) => e.action === 'login.locked')).toHaveLength(1);
});

test('failures spread beyond the window do not lock', async () => {
  const clock = new VirtualClock(1_000_000);
  const a = auth(clock);
  for (let i = 0; i < 5; i++) {
    await a.login('kim', 'wrong');
    clock.advance(6_000);
  }
  expect((await a.login('kim', 'pw-kim-1')).ok).toBe(true);
});

test('unknown users fail like a wrong password', async () => {
  const a = auth(new VirtualClock(1_000_000));
  expect(await a.login('nobody', 'x')).toEqual({ ok: false, reason: 'bad-credentials' });
});

test('roles are ordered viewer < operator < admin', () => {
  expect(roleAtLeast('admin', 'operator')).toBe(true);
  expect(roleAtLeast('viewer', 'operator')).toBe(false);
  expect(roleAtLeast('operator', 'operator')).toBe(true);
});
