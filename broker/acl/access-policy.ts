/**
 * @module broker/acl/access-policy
 * The broker-side policy: who may connect (password hashes) and what each may publish and subscribe
 * (topic rules), optionally binding the device id inside each message to the publisher's identity
 * (core/security). Plugs into the embedded broker's auth hooks.
 */
import { checkDeviceBinding, deviceIdOfPayload } from '../../core/security/index.ts';
import type { BrokerAuth } from '../broker.ts';
import type { Credential } from './credentials.ts';
import { hashPassword, verifyPassword } from './credentials.ts';
import type { Identity } from './identities.ts';
import { canPublish, canSubscribe } from './rules.ts';

/** Roles that may speak for any device id (core/security `checkDeviceBinding`). */
const SPEAKS_FOR_ANY: ReadonlySet<Identity['role']> = new Set(['center', 'sim']);

/** Options of {@link accessPolicy}. */
export type AccessPolicyOptions = {
  /**
   * Also refuse a message whose inner `deviceId` the publisher may not speak for (core/security
   * `checkDeviceBinding`; a refusal closes the client's connection). Default false.
   */
  readonly bindPayloads?: boolean;
  /**
   * Identities a client without a username may act as: it gets the union of their topic grants and
   * device bindings. Default none, so an unauthenticated client is refused. Only a transition aid for
   * a part that cannot send credentials yet; anyone who reaches the port gets these rights.
   */
  readonly anonymous?: readonly Identity[];
};

/** Build the broker's auth hooks from issued credentials. Only hashes are kept in memory. */
export function accessPolicy(
  credentials: readonly Credential[],
  options: AccessPolicyOptions = {},
): BrokerAuth & { identityOf(username: string): Identity | undefined } {
  const byUser = new Map<string, { identity: Identity; hash: string }>();
  for (const { password, ...identity } of credentials)
    byUser.set(identity.username, { identity, hash: hashPassword(password) });
  const anonymous = options.anonymous ?? [];
  /** The identities a client may act as: its own, or the anonymous ones. */
  const actingAs = (username: string | undefined): readonly Identity[] => {
    if (username === undefined) return anonymous;
    const entry = byUser.get(username);
    return entry === undefined ? [] : [entry.identity];
  };
  const policy: BrokerAuth & { identityOf(username: string): Identity | undefined } = {
    identityOf: (username) => byUser.get(username)?.identity,
    authenticate: (_clientId, username, password) => {
      if (username === undefined) return password === undefined && anonymous.length > 0;
      if (password === undefined) return false;
      const entry = byUser.get(username);
      return entry !== undefined && verifyPassword(password, entry.hash);
    },
    // A certificate verified by the listener's CA stands for the identity its common name names.
    authenticateCertificate: (_clientId, commonName) => byUser.has(commonName),
    authorizePublish: (_clientId, username, topic) =>
      actingAs(username).some((who) => canPublish(who, topic)),
    authorizeSubscribe: (_clientId, username, filter) =>
      actingAs(username).some((who) => canSubscribe(who, filter)),
  };
  if (options.bindPayloads !== true) return policy;
  return {
    ...policy,
    authorizePayload: (_clientId, username, _topic, payload) => {
      const acting = actingAs(username);
      // The simulator's and the center's messages pass whatever they name: skip parsing them.
      if (acting.some((who) => SPEAKS_FOR_ANY.has(who.role))) return true;
      const deviceId = deviceIdOfPayload(payload);
      // No readable device id: left for the subscriber's parser to count as malformed.
      if (deviceId === null) return true;
      return acting.some((who) => checkDeviceBinding(who, deviceId).ok);
    },
  };
}
