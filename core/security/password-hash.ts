/**
 * @module core/security/password-hash
 * Operator passwords hashed with scrypt (RFC 7914), a memory-hard function, from node:crypto. The
 * stored form names its parameters so they can be raised later without invalidating old hashes:
 * `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>`.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost parameters. The default N=2^15, r=8, p=1 takes 32 MiB and a few hundred ms per hash on
 * the shared CI cores (OWASP's password storage cheat sheet lists N=2^17 as its minimum for r=8, p=1;
 * raise N where logins are rare). Hashing runs on libuv's thread pool, not the event loop.
 */
export type ScryptParams = { readonly N: number; readonly r: number; readonly p: number };

/** Default cost. */
export const SCRYPT_DEFAULTS: ScryptParams = Object.freeze({ N: 1 << 15, r: 8, p: 1 });

const KEY_BYTES = 32;
const maxmem = (q: ScryptParams): number => 256 * q.N * q.r + 1024 * 1024;

function derive(password: string, salt: Buffer, q: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...q, maxmem: maxmem(q) }, (err, key) =>
      err === null ? resolve(key) : reject(err),
    ),
  );
}

/** Hash a password with a fresh 16-byte salt. */
export async function hashOperatorPassword(
  password: string,
  params: ScryptParams = SCRYPT_DEFAULTS,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Does `password` match `stored`? False (never a throw) for a malformed stored hash. Constant time in the key. */
export async function verifyOperatorPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 1 << 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || expected.length !== KEY_BYTES) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}
