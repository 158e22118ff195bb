/**
 * @module broker/acl/credentials
 * Device credentials: a random password per identity, stored once in a deployment's credentials file
 * (mode 0600, never in the repository), and verified by the embedded broker against scrypt hashes
 * (memory-hard; node:crypto), compared in constant time.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../core/index.ts';
import type { Identity } from './identities.ts';

/** An identity with its secret. */
export type Credential = Identity & { readonly password: string };

const credentialFileSchema = z.strictObject({
  format: z.literal('its-credentials/1'),
  credentials: z.array(
    z.strictObject({
      username: z.string().min(1),
      role: z.enum(['device', 'controller', 'bridge', 'edge', 'center', 'sim']),
      region: z.string().nullable(),
      id: z.string().min(1),
      kind: z.enum(['det', 'sig', 'spat', 'bus', 'tap', 'toll', 'status', 'edge', 'cmd']).nullable(),
      password: z.string().min(16),
    }),
  ),
});

/** A fresh random password (24 bytes, base64url). */
export function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Credentials for these identities, keeping the passwords already in `existing` (so re-running
 * `its broker config` does not lock out deployed devices) and creating new ones for the rest.
 */
export function issueCredentials(
  identities: readonly Identity[],
  existing: readonly Credential[] = [],
): Credential[] {
  const known = new Map(existing.map((c) => [c.username, c.password]));
  return identities.map((i) => ({ ...i, password: known.get(i.username) ?? newPassword() }));
}

/** Read a credentials file; a missing file yields an empty list, a bad one a ConfigError. */
export function readCredentials(path: string): Credential[] {
  if (!existsSync(path)) return [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(path, `not valid JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = credentialFileSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`${path}: ${first?.path.join('.') ?? ''}`, first?.message ?? 'invalid');
  }
  return parsed.data.credentials;
}

/** Write a credentials file readable by its owner only. */
export function writeCredentials(path: string, credentials: readonly Credential[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ format: 'its-credentials/1', credentials }, null, 2)}\n`, {
    mode: 0o600,
  });
  chmodSync(path, 0o600);
}

/** scrypt parameters (RFC 7914): N=2^14, r=8, p=1, 32-byte key; ~16 MiB and a few ms per check. */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** `scrypt$<salt b64>$<hash b64>` for a password. */
export function hashPassword(password: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Constant-time check of a password against `hashPassword` output. */
export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || saltB64 === undefined || hashB64 === undefined) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(password, Buffer.from(saltB64, 'base64'), expected.length, SCRYPT);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
