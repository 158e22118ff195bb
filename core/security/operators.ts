/**
 * @module core/security/operators
 * Operator sign-in (issue 11): scrypt-hashed passwords, random bearer tokens whose sessions expire on
 * the server, a lockout after repeated failures within a window, and roles viewer / operator / admin.
 * Pure apart from node:crypto: accounts come from a lookup the caller supplies, time from a Clock,
 * and each sign-in event goes to `onEvent` for the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock/index.ts';
import { hashOperatorPassword, verifyOperatorPassword } from './password-hash.ts';
import type { ScryptParams } from './password-hash.ts';

/** Roles in increasing power: a higher role may do everything a lower one may. */
export const OPERATOR_ROLES = ['viewer', 'operator', 'admin'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** Does `role` hold at least `needed`? */
export function roleAtLeast(role: OperatorRole, needed: OperatorRole): boolean {
  return OPERATOR_ROLES.indexOf(role) >= OPERATOR_ROLES.indexOf(needed);
}

/** A stored operator account: never the password, only its scrypt hash. */
export type OperatorAccount = {
  readonly username: string;
  readonly role: OperatorRole;
  readonly passwordHash: string;
  readonly disabled?: boolean;
};

/** A live session, as {@link OperatorAuth.verify} returns it. */
export type OperatorSession = {
  readonly username: string;
  readonly role: OperatorRole;
  readonly issuedAt: number;
  readonly expiresAt: number;
};

/** Outcome of {@link OperatorAuth.login}. Failures do not say whether the username exists. */
export type LoginOutcome =
  | ({ readonly ok: true; readonly token: string } & OperatorSession)
  | { readonly ok: false; readonly reason: 'bad-credentials' }
  | { readonly ok: false; readonly reason: 'locked'; readonly retryAfterMs: number };

/** A sign-in event for the audit log. */
export type OperatorEvent = {
  readonly at: number;
  readonly action: 'login' | 'login.failed' | 'login.locked' | 'logout';
  readonly username: string;
  readonly role: OperatorRole | null;
};

/** Options of {@link OperatorAuth}. */
export type OperatorAuthOptions = {
  readonly clock: Clock;
  /** The account of a username, or undefined. */
  readonly findAccount: (username: string) => OperatorAccount | undefined;
  /** Session lifetime, ms. Default 8 h (one control-room shift). */
  readonly sessionTtlMs?: number;
  /** Failed logins within `failureWindowMs` that lock a username. Default 5. */
  readonly maxFailures?: number;
  /** Window failures are counted over, ms. Default 15 min. */
  readonly failureWindowMs?: number;
  /** How long a lockout lasts, ms. Default 15 min. */
  readonly lockoutMs?: number;
  /** scrypt cost of the decoy hash checked for unknown usernames (match the stored hashes). */
  readonly decoyParams?: ScryptParams;
  readonly onEvent?: (event: OperatorEvent) => void;
};

type Limits = { sessionTtlMs: number; maxFailures: number; failureWindowMs: number; lockoutMs: number };

const DEFAULTS: Readonly<Limits> = Object.freeze({
  sessionTtlMs: 8 * 3_600_000,
  maxFailures: 5,
  failureWindowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
});

/** Failure records kept before old ones are swept on the next failure. */
const MAX_TRACKED_USERNAMES = 10_000;

type Failures = { times: number[]; lockedUntil: number };

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sign-in, sessions and lockout for operators. Sessions live in this process's memory. */
export class OperatorAuth {
  readonly #o: OperatorAuthOptions & Limits;
  readonly #sessions = new Map<string, OperatorSession>();
  readonly #failures = new Map<string, Failures>();
  #decoy: Promise<string> | null = null;

  constructor(options: OperatorAuthOptions) {
    this.#o = { ...DEFAULTS, ...options };
    for (const k of ['sessionTtlMs', 'maxFailures', 'failureWindowMs', 'lockoutMs'] as const) {
      if (!(this.#o[k] > 0)) throw new RangeError(`${k} must be > 0`);
    }
  }

  /** Check a username and password; on success open a session and return its bearer token. */
  async login(username: string, password: string): Promise<LoginOutcome> {
    const now = this.#o.clock.now();
    const key = username.toLowerCase();
    const f = this.#failures.get(key);
    if (f !== undefined && f.lockedUntil > now) {
      this.#emit('login.locked', username, null);
      return { ok: false, reason: 'locked', retryAfterMs: f.lockedUntil - now };
    }
    const account = this.#o.findAccount(username);
    // An unknown user costs one scrypt too, so response time does not reveal which usernames exist.
    const hash = account?.passwordHash ?? (await this.#decoyHash());
    const matches = await verifyOperatorPassword(password, hash);
    if (account === undefined || account.disabled === true || !matches) {
      this.#fail(key, this.#o.clock.now());
      this.#emit('login.failed', username, null);
      return { ok: false, reason: 'bad-credentials' };
    }
    this.#failures.delete(key);
    this.#sweep(now);
    const token = `its_${randomBytes(32).toString('base64url')}`;
    const session: OperatorSession = {
      username: account.username,
      role: account.role,
      issuedAt: now,
      expiresAt: now + this.#o.sessionTtlMs,
    };
    this.#sessions.set(digest(token), session);
    this.#emit('login', account.username, account.role);
    return { ok: true, token, ...session };
  }

  /** The live session of a bearer token, or null (unknown, expired, logged out, or account disabled). */
  verify(token: string): OperatorSession | null {
    const key = digest(token);
    const s = this.#sessions.get(key);
    if (s === undefined) return null;
    const account = this.#o.findAccount(s.username);
    if (s.expiresAt <= this.#o.clock.now() || account === undefined || account.disabled === true) {
      this.#sessions.delete(key);
      return null;
    }
    // A role lowered since sign-in applies at once.
    return account.role === s.role ? s : { ...s, role: account.role };
  }

  /** End the session of a token. False when it was not live. */
  logout(token: string): boolean {
    const s = this.verify(token);
    if (s === null) return false;
    this.#sessions.delete(digest(token));
    this.#emit('logout', s.username, s.role);
    return true;
  }

  /** Live sessions (expired ones are dropped first). */
  sessionCount(): number {
    this.#sweep(this.#o.clock.now());
    return this.#sessions.size;
  }

  #fail(key: string, now: number): void {
    // Guessing random usernames must not grow memory without bound.
    if (this.#failures.size >= MAX_TRACKED_USERNAMES) this.#sweep(now);
    const f = this.#failures.get(key) ?? { times: [], lockedUntil: 0 };
    f.times = f.times.filter((t) => t > now - this.#o.failureWindowMs);
    f.times.push(now);
    if (f.times.length >= this.#o.maxFailures) {
      f.lockedUntil = now + this.#o.lockoutMs;
      f.times = [];
    }
    this.#failures.set(key, f);
  }

  #sweep(now: number): void {
    for (const [k, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(k);
    for (const [k, f] of this.#failures) {
      if (f.lockedUntil <= now && f.times.every((t) => t <= now - this.#o.failureWindowMs)) {
        this.#failures.delete(k);
      }
    }
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= hashOperatorPassword(randomBytes(18).toString('base64'), this.#o.decoyParams);
    return this.#decoy;
  }

  #emit(action: OperatorEvent['action'], username: string, role: OperatorRole | null): void {
    this.#o.onEvent?.({ at: this.#o.clock.now(), action, username, role });
  }
}
