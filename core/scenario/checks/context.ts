/**
 * @module core/scenario/checks/context
 * What every scenario check shares: the list of issues found so far, and indexes of the scenario's
 * collections by id (built once, reporting duplicate ids as they go).
 */
import type { ValidationIssue } from '../../errors/index.ts';
import type { Link, Movement, RoadNode } from '../../network/index.ts';
import type { Stop, TransitRoute, Trip } from '../../transit/index.ts';
import type { Scenario } from '../schema.ts';
import { linkLengthM } from '../geometry.ts';

/** Collects issues; checks never throw, they report and carry on. */
export class IssueList {
  readonly issues: ValidationIssue[] = [];

  /** Record one problem at a path such as `intersections[3].control.phases[1]`. */
  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }
}

/** Index a collection by id, reporting each repeated id at `<path>[i].<key>`. */
export function indexBy<T>(
  items: readonly T[],
  path: string,
  keyOf: (item: T) => string,
  issues: IssueList,
  keyName = 'id',
): Map<string, T> {
  const byKey = new Map<string, T>();
  const firstAt = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const first = firstAt.get(key);
    if (first !== undefined) {
      issues.add(`${path}[${i}].${keyName}`, `duplicate ${keyName} "${key}" (first at ${path}[${first}])`);
      return;
    }
    firstAt.set(key, i);
    byKey.set(key, item);
  });
  return byKey;
}

/** The scenario plus indexes every check uses. */
export type CheckContext = {
  readonly scenario: Scenario;
  readonly issues: IssueList;
  readonly regions: ReadonlyMap<string, Scenario['regions'][number]>;
  readonly operators: ReadonlyMap<string, Scenario['operators'][number]>;
  readonly nodes: ReadonlyMap<string, RoadNode>;
  readonly links: ReadonlyMap<string, Link>;
  readonly movements: ReadonlyMap<string, Movement>;
  /** Movements by `fromLink>toLink`. */
  readonly movementByPair: ReadonlyMap<string, Movement>;
  readonly detectors: ReadonlyMap<string, Scenario['detectors'][number]>;
  readonly intersections: ReadonlyMap<string, Scenario['intersections'][number]>;
  readonly routes: ReadonlyMap<string, TransitRoute>;
  readonly stops: ReadonlyMap<string, Stop>;
  readonly trips: ReadonlyMap<string, Trip>;
  readonly tollRoads: ReadonlyMap<string, Scenario['tollRoads'][number]>;
  readonly vehicleTypes: ReadonlyMap<string, Scenario['demand']['vehicleTypes'][number]>;
  /** Length of each link whose length could be worked out, metres. */
  readonly linkLengths: ReadonlyMap<string, number>;
};

/** Build the indexes, reporting duplicate ids in every collection. */
export function buildContext(scenario: Scenario, issues: IssueList): CheckContext {
  const byId = <T extends { id: string }>(items: readonly T[], path: string): Map<string, T> =>
    indexBy(items, path, (x) => x.id, issues);
  const nodes = byId(scenario.network.nodes, 'network.nodes');
  const links = byId(scenario.network.links, 'network.links');
  const movements = byId(scenario.network.movements, 'network.movements');
  const movementByPair = new Map<string, Movement>();
  for (const m of movements.values()) movementByPair.set(`${m.fromLink}>${m.toLink}`, m);
  const linkLengths = new Map<string, number>();
  for (const link of links.values()) {
    if (
      link.lengthM !== undefined ||
      link.geometry !== undefined ||
      (nodes.has(link.from) && nodes.has(link.to))
    )
      linkLengths.set(link.id, linkLengthM(link, nodes));
  }
  const transit = scenario.transit;
  return {
    scenario,
    issues,
    regions: byId(scenario.regions, 'regions'),
    operators: byId(scenario.operators, 'operators'),
    nodes,
    links,
    movements,
    movementByPair,
    detectors: byId(scenario.detectors, 'detectors'),
    intersections: byId(scenario.intersections, 'intersections'),
    routes: byId(transit?.routes ?? [], 'transit.routes'),
    stops: byId(transit?.stops ?? [], 'transit.stops'),
    trips: byId(transit?.trips ?? [], 'transit.trips'),
    tollRoads: byId(scenario.tollRoads, 'tollRoads'),
    vehicleTypes: byId(scenario.demand.vehicleTypes, 'demand.vehicleTypes'),
    linkLengths,
  };
}

/**
 * Look up a reference; report `unknown <what> "<id>"` at `path` when it is missing. Returns the item
 * or undefined.
 */
export function ref<T>(
  ctx: CheckContext,
  map: ReadonlyMap<string, T>,
  id: string,
  path: string,
  what: string,
): T | undefined {
  const item = map.get(id);
  if (item === undefined) ctx.issues.add(path, `unknown ${what} "${id}"`);
  return item;
}

/** Format a length for a message: whole metres, or one decimal under 10 m. */
export function metres(m: number): string {
  return `${m < 10 ? m.toFixed(1) : Math.round(m)} m`;
}

/** Check that a position along a link lies on it; reports at `path`. */
export function checkPositionOnLink(
  ctx: CheckContext,
  linkId: string,
  positionM: number,
  path: string,
): void {
  const length = ctx.linkLengths.get(linkId);
  if (length !== undefined && positionM > length + 0.5) {
    ctx.issues.add(
      path,
      `position ${metres(positionM)} is beyond the end of link "${linkId}" (${metres(length)} long)`,
    );
  }
}
