/**
 * @module center/operators/login-routes
 * `POST /api/v1/login` `{username, password}` answers a bearer token with its role and expiry (401 on
 * bad credentials, 429 with `retry-after` while locked); `POST /api/v1/logout` ends the session of the
 * presented token. Sign-ins, failures, lockouts and logouts go to the audit log; passwords never do.
 */
import { z } from 'zod';
import { AuthError } from '../../core/index.ts';
import type { OperatorAuth } from '../../core/security/index.ts';
import type { ApiContext, RouteRegistrar, Router } from '../http/index.ts';
import { json, jsonBody } from '../http/index.ts';

/** Body of `POST /api/v1/login` (exported so the OpenAPI test can compare the documented schema with it). */
export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

async function audit(ctx: ApiContext, action: string, username: string, role: string | null): Promise<void> {
  await ctx.audit.append({
    at: ctx.clock.now(),
    actor: username,
    role: role ?? 'none',
    action,
    target: `operator/${username}`,
    detail: {},
  });
}

/** The route registrar for login and logout (give it to the center's `extraRoutes`). */
export function operatorRoutes(auth: OperatorAuth): RouteRegistrar {
  return (router: Router, ctx: ApiContext): void => {
    router.on('POST', '/api/v1/login', async (req) => {
      const parsed = loginBody.safeParse(jsonBody(req.body));
      if (!parsed.success) {
        return json(400, {
          error: { code: 'invalid-request', message: 'username and password are required' },
        });
      }
      const { username, password } = parsed.data;
      const out = await auth.login(username, password);
      if (out.ok) {
        await audit(ctx, 'operator.login', out.username, out.role);
        return json(200, {
          token: out.token,
          username: out.username,
          role: out.role,
          expiresAt: out.expiresAt,
        });
      }
      if (out.reason === 'locked') {
        await audit(ctx, 'operator.login-locked', username, null);
        return json(
          429,
          { error: { code: 'locked', message: 'too many failed logins; try again later' } },
          { 'retry-after': String(Math.ceil(out.retryAfterMs / 1000)) },
        );
      }
      await audit(ctx, 'operator.login-failed', username, null);
      throw new AuthError(401, 'unknown username or wrong password');
    });
    router.on('POST', '/api/v1/logout', async (req) => {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
      const session = m === null ? null : auth.verify(m[1] ?? '');
      if (m === null || session === null || !auth.logout(m[1] ?? '')) {
        throw new AuthError(401, 'no live session for this token');
      }
      await audit(ctx, 'operator.logout', session.username, session.role);
      return json(200, { loggedOut: session.username });
    });
  };
}
