/**
 * @module controllers/adapters/opcua/users
 * A simple user manager: username/password pairs with a role. Operators get the OPC UA well-known
 * Operator role (OPC UA Part 3 §4.8.2), which the address space grants Write and Call; everyone else,
 * anonymous included, only Browse, Read and subscribe. Passwords are compared in constant time. An
 * operator signs in only over a signed channel (Sign or SignAndEncrypt): on a None channel nothing
 * protects the commands of the session from being altered or injected on the way.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { MessageSecurityMode, WellKnownRoles, makeRoles, type NodeId } from 'node-opcua';
import { operatorMaySignIn } from '../../../core/opcua/index.ts';

/** One user of the controller's OPC UA server. */
export type OpcuaUser = {
  readonly username: string;
  readonly password: string;
  /** `operator` may write and call methods; `observer` may only read. */
  readonly role: 'operator' | 'observer';
};

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** What node-opcua binds `this` to when it asks the user manager: the session signing in. */
type SigningInSession =
  { readonly channel?: { readonly securityMode?: MessageSecurityMode } | null } | undefined;

/** The node-opcua user manager for a list of users. */
export function userManagerOf(users: readonly OpcuaUser[]): {
  isValidUser: (this: SigningInSession, username: string, password: string) => boolean;
  getUserRoles: (username: string) => NodeId[];
} {
  const byName = new Map(users.map((u) => [u.username, u]));
  return {
    isValidUser(this: SigningInSession, username: string, password: string): boolean {
      const u = byName.get(username);
      if (u === undefined || !timingSafeEqual(digest(u.password), digest(password))) return false;
      if (u.role !== 'operator') return true;
      const mode = this?.channel?.securityMode;
      return operatorMaySignIn(mode === undefined ? undefined : MessageSecurityMode[mode]);
    },
    getUserRoles(username: string): NodeId[] {
      const u = byName.get(username);
      if (u === undefined) return makeRoles(WellKnownRoles.Anonymous);
      return makeRoles(
        u.role === 'operator'
          ? [WellKnownRoles.AuthenticatedUser, WellKnownRoles.Observer, WellKnownRoles.Operator]
          : [WellKnownRoles.AuthenticatedUser, WellKnownRoles.Observer],
      );
    },
  };
}

/** Whether a session's roles include Operator. */
export function isOperator(roles: readonly NodeId[]): boolean {
  return roles.some((r) => r.namespace === 0 && r.value === WellKnownRoles.Operator);
}
