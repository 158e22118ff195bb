/**
 * @module broker/acl/identities
 * Who may connect to the broker: one identity per device, controller, bridge, edge, center and
 * simulator, derived from a scenario's device list. A username names the role, region and id, e.g.
 * `det.gangnam.D-101`, `edge.gangnam`, `center.c1`.
 */
import type { Scenario, TopicKind } from '../../core/index.ts';

/** Roles, each with its own topic rules (see `rules.ts`). */
export type IdentityRole = 'device' | 'controller' | 'bridge' | 'edge' | 'center' | 'sim';

export type Identity = {
  readonly username: string;
  readonly role: IdentityRole;
  /** Region the identity belongs to; null for the center and the simulator (all regions). */
  readonly region: string | null;
  /** Device id (devices and controllers) or edge/center/bridge id. */
  readonly id: string;
  /** Topic kind a device publishes under (devices only). */
  readonly kind: TopicKind | null;
};

/** The username of an identity. */
export function usernameOf(
  role: IdentityRole,
  region: string | null,
  id: string,
  kind: TopicKind | null,
): string {
  switch (role) {
    case 'device':
      return `${kind ?? 'dev'}.${region ?? '-'}.${id}`;
    case 'controller':
      return `ctl.${region ?? '-'}.${id}`;
    case 'bridge':
      return `bridge.${region ?? '-'}.${id}`;
    case 'edge':
      return `edge.${region ?? '-'}.${id}`;
    case 'center':
      return `center.${id}`;
    case 'sim':
      return `sim.${id}`;
    default: {
      const never: never = role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}

function identity(
  role: IdentityRole,
  region: string | null,
  id: string,
  kind: TopicKind | null = null,
): Identity {
  return { username: usernameOf(role, region, id, kind), role, region, id, kind };
}

/** The edge id of a region: one edge per region, named `edge-<region>`. */
export function edgeIdOf(region: string): string {
  return `edge-${region}`;
}

/**
 * Every identity a scenario needs: its detectors, fare readers and toll gantries as devices, each
 * intersection's controller, one GPS bridge and one edge per region, one center and one simulator.
 */
export function identitiesForScenario(
  scenario: Scenario,
  centerIds: readonly string[] = ['center-1'],
): Identity[] {
  const out: Identity[] = [];
  for (const d of scenario.detectors) out.push(identity('device', d.region, d.id, 'det'));
  for (const r of scenario.fareReaders) out.push(identity('device', r.region, r.id, 'tap'));
  for (const g of scenario.tollGantries) out.push(identity('device', g.region, g.id, 'toll'));
  for (const i of scenario.intersections) out.push(identity('controller', i.region, i.id));
  for (const region of scenario.regions) {
    out.push(identity('bridge', region.id, `gps-${region.id}`));
    out.push(identity('edge', region.id, edgeIdOf(region.id)));
  }
  for (const id of centerIds) out.push(identity('center', null, id));
  out.push(identity('sim', null, scenario.id));
  return out;
}
