/**
 * @module center/operators/session-tokens
 * The center's token check extended with operator sessions: a bearer token is first looked up as a
 * live session (expired, logged-out and disabled ones refused), then among the configured API tokens
 * (machine clients). A drop-in for {@link ApiTokens}, so every route's `require` sees both.
 */
import type { OperatorAuth } from '../../core/security/index.ts';
import type { ApiToken, Principal } from '../http/index.ts';
import { ApiTokens } from '../http/index.ts';

/** API tokens plus operator sessions. */
export class SessionApiTokens extends ApiTokens {
  readonly #auth: OperatorAuth;
  readonly #fallback: ApiTokens | null;

  /** `staticTokens`: the configured API tokens (machine clients), as a list or an {@link ApiTokens}. */
  constructor(auth: OperatorAuth, staticTokens: readonly ApiToken[] | ApiTokens = []) {
    super(staticTokens instanceof ApiTokens ? [] : staticTokens);
    this.#auth = auth;
    this.#fallback = staticTokens instanceof ApiTokens ? staticTokens : null;
  }

  /** The principal of a session token or a configured API token, or null. */
  override identify(token: string): Principal | null {
    const session = this.#auth.verify(token);
    if (session !== null) return { name: session.username, role: session.role };
    return this.#fallback === null ? super.identify(token) : this.#fallback.identify(token);
  }
}
