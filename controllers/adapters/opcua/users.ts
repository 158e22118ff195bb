/**
 * @module controllers/adapters/opcua/users
 * A simple user manager: username/password pairs with a role. Operators get the OPC UA well-known
 * Operator role (OPC UA Part 3 §4.8.2), which the address space grants Write and Call; everyone else,
 * anonymous included, only Browse, Read and subscribe. Passwords are compared in constant time.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { WellKnownRoles, makeRoles, type NodeId } from 'node-opcua';

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

/** The node-opcua user manager for a list of users. */
export function userManagerOf(users: readonly OpcuaUser[]): {
  isValidUser: (username: string, password: string) => boolean;
  getUserRoles: (username: string) => NodeId[];
} {
  const byName = new Map(users.map((u) => [u.username, u]));
  return {
    isValidUser(username: string, password: string): boolean {
      const u = byName.get(username);
      return u !== undefined && timingSafeEqual(digest(u.password), digest(password));
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
