/**
 * @module scenarios/demo-city/network-types
 * The generator's own view of the network it lays out: links and movements as the scenario stores
 * them, plus, per signalized site, which link is which leg, so signals, detectors and demand can be
 * written without rediscovering the geometry.
 */
import type { Link, Movement, RoadNode, Turn } from '../../core/index.ts';
import type { Site } from './places.ts';

/** A side of an intersection, by the compass side the leg leaves from. */
export type Side = 'W' | 'E' | 'N' | 'S';

/** Approach direction of traffic arriving from a side: from the west it travels east, and so on. */
export const APPROACH_DIR: Readonly<Record<Side, 'EB' | 'WB' | 'NB' | 'SB'>> = {
  W: 'EB',
  E: 'WB',
  S: 'NB',
  N: 'SB',
};

/** A leg: the link arriving at the intersection from that side and the one leaving toward it. */
export type Leg = { in: string; out: string };

/** A link with its length and geometry resolved. */
export type BuiltLink = Link & { lengthM: number; geometry: [number, number][] };

/** A turning movement at a signalized site, with the side it comes from. */
export type SiteMovement = Movement & { side: Side; turn: Turn };

/** A signalized site with its legs and movements. */
export type Junction = {
  site: Site;
  legs: Record<Side, Leg>;
  movements: SiteMovement[];
};

/** Link ids of the expressway section, by carriageway. */
export type ExpresswayLinks = {
  /** Southbound mainline links, north to south. */
  sb: string[];
  /** Northbound mainline links, south to north. */
  nb: string[];
  sbOffRamp: string;
  sbOnRamp: string;
  nbOffRamp: string;
  nbOnRamp: string;
};

/** Everything the network builder lays out. */
export type DistrictNetwork = {
  nodes: RoadNode[];
  links: BuiltLink[];
  movements: Movement[];
  junctions: Junction[];
  expressway: ExpresswayLinks;
  link(id: string): BuiltLink;
};
