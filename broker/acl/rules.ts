/**
 * @module broker/acl/rules
 * Topic rules per identity (issue: security). A device publishes only under its own region, kind and
 * id and subscribes to nothing; an edge reads its region (and every region's bus positions) and publishes only its uplink; the center reads
 * uplinks and presence and publishes commands. The same rules drive the embedded broker's hooks and
 * the Mosquitto ACL file, so both brokers enforce one policy.
 */
import type { Identity } from './identities.ts';
import { filterWithin, isValidFilter, topicMatches } from './topic-match.ts';

/** Topic filters an identity may publish to and subscribe to. */
export type TopicGrants = { readonly publish: readonly string[]; readonly subscribe: readonly string[] };

const DEVICE_KINDS_AN_EDGE_READS = ['det', 'sig', 'spat', 'bus', 'tap', 'toll', 'status'] as const;
const SIM_PUBLISHES = ['det', 'sig', 'spat', 'bus', 'tap', 'toll', 'status'] as const;

/** The grants of one identity. */
export function grantsOf(who: Identity): TopicGrants {
  const r = who.region ?? '+';
  switch (who.role) {
    case 'device':
      return {
        publish: [
          `its/v1/${r}/${who.kind}/${who.id}`,
          `its/v1/${r}/${who.kind}/${who.id}/#`,
          `its/v1/${r}/status/${who.id}`,
        ],
        subscribe: [],
      };
    case 'controller':
      return {
        publish: ['spat', 'sig', 'status'].flatMap((k) => [
          `its/v1/${r}/${k}/${who.id}`,
          `its/v1/${r}/${k}/${who.id}/#`,
        ]),
        subscribe: [],
      };
    case 'bridge':
      // A bridge speaks for the field devices behind it (GPS units, NTCIP cabinets) in its region;
      // the edge checks each message's device id against the scenario.
      return {
        publish: ['bus', 'det', 'status'].flatMap((k) => [`its/v1/${r}/${k}/+`, `its/v1/${r}/${k}/+/#`]),
        subscribe: [],
      };
    case 'edge':
      return {
        // Its uplink, settlement and command results, and its own presence (retained status, will).
        publish: [`its/v1/${r}/edge/${who.id}/#`, `its/v1/${r}/status/${who.id}`],
        subscribe: [
          ...DEVICE_KINDS_AN_EDGE_READS.map((k) => `its/v1/${r}/${k}/#`),
          `its/v1/${r}/cmd/${who.id}/#`,
          `its/v1/${r}/cmd/${who.id}`,
          // Operator signal commands to the region's intersections (core signalCommandFilter).
          `its/v1/${r}/cmd/+`,
          // Bus positions of every region: a neighbour's buses get priority at this region's signals
          // (core visitingBusRegions; ARCHITECTURE.md "Transit priority across regions").
          'its/v1/+/bus/#',
        ],
      };
    case 'center':
      return {
        publish: ['its/v1/+/cmd/+', 'its/v1/+/cmd/+/#'],
        subscribe: ['its/v1/+/edge/#', 'its/v1/+/status/#'],
      };
    case 'sim':
      return {
        publish: SIM_PUBLISHES.flatMap((k) => [`its/v1/+/${k}/+`, `its/v1/+/${k}/+/#`]),
        subscribe: [],
      };
    default: {
      const never: never = who.role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}

/** Grants by identity object: the broker checks every publish, so they are built once per identity. */
const GRANTS = new WeakMap<Identity, TopicGrants>();

function cachedGrants(who: Identity): TopicGrants {
  let grants = GRANTS.get(who);
  if (grants === undefined) {
    grants = grantsOf(who);
    GRANTS.set(who, grants);
  }
  return grants;
}

/** May `who` publish on `topic`? */
export function canPublish(who: Identity, topic: string): boolean {
  if (topic.includes('+') || topic.includes('#') || topic.startsWith('$')) return false;
  return cachedGrants(who).publish.some((p) => topicMatches(p, topic));
}

/** May `who` subscribe to `filter` (every topic it can match must be readable)? */
export function canSubscribe(who: Identity, filter: string): boolean {
  if (!isValidFilter(filter)) return false;
  return cachedGrants(who).subscribe.some((p) => filterWithin(filter, p));
}
