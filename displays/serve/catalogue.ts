/**
 * @module displays/serve/catalogue
 * The static facts the pages need and the center's `/api/v1` does not give: routes (buses and the
 * subway) with colour, destination (GTFS headsign), low-floor flag and stop order; intersections with their NEMA phases and
 * plans (for the ring-barrier diagram); and the coordinated arterial for the time-space diagram.
 * A plain function of the scenario.
 */
import { linkLengthM, type Scenario } from '../../core/index.ts';
import { readableTextColour } from './text-contrast.ts';

/** One direction of a bus route. */
export type CatalogueDirection = {
  readonly directionId: 0 | 1;
  readonly headsign: string;
  readonly stopIds: readonly string[];
};

/** A route as a sign shows it: a bus route, or a rail line whose platforms have stop signs too. */
export type CatalogueRoute = {
  readonly id: string;
  readonly shortName: string;
  readonly longName: string;
  /** GTFS `route_type`: 3 bus, 1 subway, ... (the control room draws the bus routes only). */
  readonly gtfsType: number;
  /** `#RRGGBB`. */
  readonly color: string;
  /** `#RRGGBB`: the feed's own when it reads on `color` (4.5:1), else black or white. */
  readonly textColor: string;
  readonly lowFloor: boolean;
  readonly capacity: number;
  readonly directions: readonly CatalogueDirection[];
};

/** One phase of a NEMA controller. */
export type CataloguePhase = {
  readonly phase: number;
  readonly movements: readonly string[];
  readonly yellowS: number;
  readonly redClearS: number;
};

/** A signalized intersection. */
export type CatalogueIntersection = {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly lon: number;
  readonly lat: number;
  readonly phases: readonly CataloguePhase[];
  readonly plans: readonly {
    readonly id: string;
    readonly cycleS: number;
    readonly offsetS: number;
    readonly splitsS: Readonly<Record<string, number>>;
    readonly coordinated: readonly number[];
  }[];
};

/** The coordinated arterial, in one direction, with cumulative distance. */
export type CatalogueCorridor = {
  readonly name: string;
  /** The road's Korean name (scenario `nameKo`); the English name when the scenario has none. */
  readonly nameKo: string;
  readonly speedLimitKmh: number;
  readonly intersections: readonly { readonly id: string; readonly distanceM: number }[];
};

/** Everything in one document (`GET /displays/v1/catalogue`). */
export type Catalogue = {
  readonly scenarioId: string;
  /** IANA zone the displays show times in. */
  readonly timezone: string | null;
  readonly regions: readonly { readonly id: string; readonly name: string; readonly nameEn: string | null }[];
  readonly routes: readonly CatalogueRoute[];
  readonly intersections: readonly CatalogueIntersection[];
  readonly corridor: CatalogueCorridor | null;
};

type Plan = CatalogueIntersection['plans'][number];

function routesOf(scenario: Scenario): CatalogueRoute[] {
  const transit = scenario.transit;
  if (transit === undefined) return [];
  // Every route, the subway's too: its platforms' signs took their colour and way from here, and
  // without it drew Line 2 in the yellow of a Seoul circular bus with no destination.
  return transit.routes.map((r) => {
    const directions: CatalogueDirection[] = [];
    for (const dir of [0, 1] as const) {
      const trip = transit.trips.find((t) => t.routeId === r.id && t.directionId === dir);
      if (trip === undefined) continue;
      const stopIds = [...trip.stopTimes]
        .sort((a, b) => a.stopSequence - b.stopSequence)
        .map((s) => s.stopId);
      directions.push({ directionId: dir, headsign: trip.headsign, stopIds });
    }
    return {
      id: r.id,
      shortName: r.shortName,
      longName: r.longName,
      gtfsType: r.gtfsType,
      color: `#${r.color}`,
      textColor: readableTextColour(`#${r.color}`, `#${r.textColor}`),
      // A low-floor bus is a bus's mark (저상버스); a train has platforms, not a floor height.
      lowFloor: r.gtfsType === 3 && r.lowFloor,
      capacity: r.capacity,
      directions,
    };
  });
}

function intersectionsOf(scenario: Scenario): CatalogueIntersection[] {
  const nodes = new Map(scenario.network.nodes.map((n) => [n.id, n]));
  return scenario.intersections.map((ix) => {
    const node = nodes.get(ix.nodeId);
    const phases =
      ix.control.type === 'nema'
        ? ix.control.phases.map((p) => ({
            phase: p.phase,
            movements: p.movements,
            yellowS: p.yellowS,
            redClearS: p.redClearS,
          }))
        : [];
    const plans = ix.plans.map((p): Plan => ({
      id: p.id,
      cycleS: p.cycleS,
      offsetS: p.offsetS,
      splitsS: p.splitsS,
      coordinated: p.coordinated.filter((c): c is number => typeof c === 'number'),
    }));
    return {
      id: ix.id,
      name: ix.name ?? ix.id,
      region: ix.region,
      lon: node?.lon ?? 0,
      lat: node?.lat ?? 0,
      phases,
      plans,
    };
  });
}

/**
 * The longest chain of same-named links joining coordinated intersections, followed from the chain's
 * open end: the arterial the time-space diagram draws.
 */
function corridorOf(
  scenario: Scenario,
  intersections: readonly CatalogueIntersection[],
): CatalogueCorridor | null {
  const coordinated = new Map(
    intersections.filter((i) => i.plans.some((p) => p.coordinated.length > 0)).map((i) => [i.id, i]),
  );
  const byNode = new Map(scenario.intersections.map((i) => [i.nodeId, i.id]));
  const nodes = new Map(scenario.network.nodes.map((n) => [n.id, n]));
  const links = scenario.network.links.filter((l) => {
    const a = byNode.get(l.from);
    const b = byNode.get(l.to);
    return a !== undefined && b !== undefined && coordinated.has(a) && coordinated.has(b);
  });
  let best: CatalogueCorridor | null = null;
  for (const start of links) {
    if (links.some((l) => l.to === start.from && l.name === start.name && l.from !== start.to)) continue;
    const chain = [{ id: byNode.get(start.from) ?? '', distanceM: 0 }];
    let at = start;
    let distanceM = 0;
    const seen = new Set([start.from]);
    for (;;) {
      distanceM += linkLengthM(at, nodes);
      chain.push({ id: byNode.get(at.to) ?? '', distanceM: Math.round(distanceM) });
      seen.add(at.to);
      const next = links.find((l) => l.from === at.to && l.name === at.name && !seen.has(l.to));
      if (next === undefined) break;
      at = next;
    }
    if (best === null || chain.length > best.intersections.length) {
      const name = start.name ?? start.id;
      best = { name, nameKo: start.nameKo ?? name, speedLimitKmh: start.speedLimitKmh, intersections: chain };
    }
  }
  return best;
}

/** The catalogue of a scenario. */
export function displayCatalogue(scenario: Scenario): Catalogue {
  const intersections = intersectionsOf(scenario);
  return {
    scenarioId: scenario.id,
    timezone: scenario.timezone ?? null,
    regions: scenario.regions.map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn ?? null })),
    routes: routesOf(scenario),
    intersections,
    corridor: corridorOf(scenario, intersections),
  };
}
