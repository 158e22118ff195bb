/**
 * @module broker/acl/access-policy
 * The broker-side policy: who may connect (password hashes) and what each may publish and subscribe
 * (topic rules). Plugs into the embedded broker's auth hooks.
 */
import type { BrokerAuth } from '../broker.ts';
import type { Credential } from './credentials.ts';
import { hashPassword, verifyPassword } from './credentials.ts';
import type { Identity } from './identities.ts';
import { canPublish, canSubscribe } from './rules.ts';

/** Build the broker's auth hooks from issued credentials. Only hashes are kept in memory. */
export function accessPolicy(
  credentials: readonly Credential[],
): BrokerAuth & { identityOf(username: string): Identity | undefined } {
  const byUser = new Map<string, { identity: Identity; hash: string }>();
  for (const { password, ...identity } of credentials)
    byUser.set(identity.username, { identity, hash: hashPassword(password) });
  return {
    identityOf: (username) => byUser.get(username)?.identity,
    authenticate: (_clientId, username, password) => {
      if (username === undefined || password === undefined) return false;
      const entry = byUser.get(username);
      return entry !== undefined && verifyPassword(password, entry.hash);
    },
    authorizePublish: (_clientId, username, topic) => {
      const entry = username === undefined ? undefined : byUser.get(username);
      return entry !== undefined && canPublish(entry.identity, topic);
    },
    authorizeSubscribe: (_clientId, username, filter) => {
      const entry = username === undefined ? undefined : byUser.get(username);
      return entry !== undefined && canSubscribe(entry.identity, filter);
    },
  };
}
