/**
 * @module center/http/auth
 * API tokens with roles. Tokens are configured at start; a presented token is compared with every
 * configured one in constant time (SHA-256 digests through `timingSafeEqual`), so response time does
 * not reveal how much of a token matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthError, ConfigError } from '../../core/index.ts';

/** Roles in increasing power: a higher role may do everything a lower one may. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A configured token. */
export type ApiToken = { readonly name: string; readonly role: Role; readonly token: string };

/** Who made a request. */
export type Principal = { readonly name: string; readonly role: Role };

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The configured tokens. */
export class ApiTokens {
  readonly #tokens: { name: string; role: Role; digest: Buffer }[];

  constructor(tokens: readonly ApiToken[]) {
    tokens.forEach((t, i) => {
      if (!(ROLES as readonly string[]).includes(t.role)) {
        throw new ConfigError(`tokens[${i}].role`, `must be one of ${ROLES.join(', ')}`);
      }
      if (t.token.length < 16) throw new ConfigError(`tokens[${i}].token`, 'must be at least 16 characters');
    });
    this.#tokens = tokens.map((t) => ({ name: t.name, role: t.role, digest: digest(t.token) }));
  }

  /** Parse `name:role:token,...` (the `ITS_API_TOKENS` format). */
  static parse(spec: string): ApiTokens {
    const tokens = spec
      .split(',')
      .filter((s) => s.trim() !== '')
      .map((part, i) => {
        const [name, role, ...rest] = part.trim().split(':');
        const token = rest.join(':');
        if (name === undefined || role === undefined || token === '') {
          throw new ConfigError(`tokens[${i}]`, 'must be name:role:token');
        }
        return { name, role: role as Role, token };
      });
    return new ApiTokens(tokens);
  }

  /** The principal a bearer token belongs to, or null. Checks every token, whatever matches. */
  identify(token: string): Principal | null {
    const d = digest(token);
    let found: Principal | null = null;
    for (const t of this.#tokens) {
      if (timingSafeEqual(d, t.digest) && found === null) found = { name: t.name, role: t.role };
    }
    return found;
  }

  /**
   * The principal of a request's `authorization: Bearer <token>` header, required to hold at least
   * `needed`. Throws AuthError 401 (no or unknown token) or 403 (role too low).
   */
  require(authorization: string | undefined, needed: Role): Principal {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (m === null) throw new AuthError(401, 'a bearer token is required');
    const p = this.identify(m[1] ?? '');
    if (p === null) throw new AuthError(401, 'unknown token');
    if (ROLES.indexOf(p.role) < ROLES.indexOf(needed)) {
      throw new AuthError(403, `role ${p.role} may not do this; ${needed} is required`);
    }
    return p;
  }
}
