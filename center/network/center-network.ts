/**
 * @module center/network/center-network
 * The static picture the center serves from a scenario: links with geometry, length and region,
 * stops, route stop patterns, detectors and signs. Built once at start; live state lives in the store.
 */
import {
  gtfsTimeToSeconds,
  linkLengthM,
  type LonLat,
  type Scenario,
  type Stop,
  type Trip,
} from '../../core/index.ts';

/** A directed link as the center draws and routes it. */
export type CenterLink = {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** English road name; the link id when the scenario names none. */
  readonly name: string;
  /** Korean road name; the English `name` when the scenario gives no Korean one (SUMO imports). */
  readonly nameKo: string;
  readonly region: string;
  readonly lanes: number;
  readonly lengthM: number;
  readonly speedLimitKmh: number;
  readonly coordinates: readonly LonLat[];
};

/** A route's stops in order for one direction, with the scheduled running time between them. */
export type StopPattern = {
  readonly routeId: string;
  readonly directionId: 0 | 1;
  readonly stopIds: readonly string[];
  /** Scheduled departure-to-arrival time of each segment i → i+1, seconds. */
  readonly scheduledSegmentS: readonly number[];
  /** Scheduled dwell at each stop, seconds. */
  readonly scheduledDwellS: readonly number[];
};

/** A variable message sign, placed upstream of a link (derived: one per link entering a signalized node). */
export type CenterSign = { readonly id: string; readonly linkId: string; readonly region: string };

/** Indexed scenario. */
export type CenterNetwork = {
  readonly scenario: Scenario;
  readonly links: ReadonlyMap<string, CenterLink>;
  readonly stops: ReadonlyMap<string, Stop>;
  readonly patterns: readonly StopPattern[];
  /** Patterns that serve each stop. */
  readonly patternsByStop: ReadonlyMap<string, readonly StopPattern[]>;
  readonly trips: ReadonlyMap<string, Trip>;
  readonly signs: ReadonlyMap<string, CenterSign>;
  readonly regionIds: readonly string[];
  /** Bus routes that drive each road link (from the routes' `roadLinks`). */
  readonly routesByLink: ReadonlyMap<string, readonly string[]>;
};

function linkRegion(scenario: Scenario, linkId: string, from: string, to: string): string {
  const det = scenario.detectors.find((d) => d.linkId === linkId);
  if (det !== undefined) return det.region;
  const ix = scenario.intersections.find((i) => i.nodeId === to || i.nodeId === from);
  return ix?.region ?? scenario.regions[0]?.id ?? 'default';
}

function patternOf(trip: Trip): StopPattern {
  const st = [...trip.stopTimes].sort((a, b) => a.stopSequence - b.stopSequence);
  const seg: number[] = [];
  for (let i = 0; i + 1 < st.length; i++) {
    const a = st[i];
    const b = st[i + 1];
    if (a !== undefined && b !== undefined)
      seg.push(gtfsTimeToSeconds(b.arrival) - gtfsTimeToSeconds(a.departure));
  }
  return {
    routeId: trip.routeId,
    directionId: trip.directionId,
    stopIds: st.map((s) => s.stopId),
    scheduledSegmentS: seg,
    scheduledDwellS: st.map((s) => gtfsTimeToSeconds(s.departure) - gtfsTimeToSeconds(s.arrival)),
  };
}

/** Index a validated scenario. */
export function buildCenterNetwork(scenario: Scenario): CenterNetwork {
  const nodes = new Map(scenario.network.nodes.map((n) => [n.id, n]));
  const links = new Map<string, CenterLink>();
  for (const l of scenario.network.links) {
    const a = nodes.get(l.from);
    const b = nodes.get(l.to);
    const coordinates: LonLat[] =
      l.geometry ??
      (a !== undefined && b !== undefined
        ? [
            [a.lon, a.lat],
            [b.lon, b.lat],
          ]
        : []);
    links.set(l.id, {
      id: l.id,
      from: l.from,
      to: l.to,
      name: l.name ?? l.id,
      nameKo: l.nameKo ?? l.name ?? l.id,
      region: linkRegion(scenario, l.id, l.from, l.to),
      lanes: l.lanes,
      lengthM: linkLengthM(l, nodes),
      speedLimitKmh: l.speedLimitKmh,
      coordinates,
    });
  }
  const transit = scenario.transit;
  const stops = new Map((transit?.stops ?? []).map((s) => [s.id, s]));
  const trips = new Map((transit?.trips ?? []).map((t) => [t.id, t]));
  const patterns: StopPattern[] = [];
  const seen = new Set<string>();
  for (const trip of transit?.trips ?? []) {
    const p = patternOf(trip);
    const key = `${p.routeId}|${p.stopIds.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    patterns.push(p);
  }
  const patternsByStop = new Map<string, StopPattern[]>();
  for (const p of patterns) {
    for (const s of p.stopIds) {
      const list = patternsByStop.get(s) ?? [];
      if (!list.includes(p)) list.push(p);
      patternsByStop.set(s, list);
    }
  }
  const signalized = new Set(scenario.network.nodes.filter((n) => n.type === 'signalized').map((n) => n.id));
  const signs = new Map<string, CenterSign>();
  for (const l of links.values()) {
    if (signalized.has(l.to)) signs.set(`vms-${l.id}`, { id: `vms-${l.id}`, linkId: l.id, region: l.region });
  }
  const routesByLink = new Map<string, string[]>();
  for (const r of transit?.routes ?? []) {
    for (const ids of Object.values(r.roadLinks)) {
      for (const id of ids) {
        const list = routesByLink.get(id) ?? [];
        if (!list.includes(r.id)) list.push(r.id);
        routesByLink.set(id, list);
      }
    }
  }
  return {
    scenario,
    routesByLink,
    links,
    stops,
    patterns,
    patternsByStop,
    trips,
    signs,
    regionIds: scenario.regions.map((r) => r.id),
  };
}

/** The pattern a bus is running: its trip's pattern, else the route's pattern containing its next stop. */
export function patternForVehicle(
  net: CenterNetwork,
  v: { routeId: string; tripId: string | null; nextStopId: string | null; lastStopId: string | null },
): StopPattern | null {
  const trip = v.tripId === null ? undefined : net.trips.get(v.tripId);
  const candidates = net.patterns.filter((p) => p.routeId === v.routeId);
  if (trip !== undefined) {
    const p = candidates.find((c) => c.directionId === trip.directionId);
    if (p !== undefined) return p;
  }
  const has = (p: StopPattern, id: string | null): boolean => id !== null && p.stopIds.includes(id);
  return (
    candidates.find((p) => has(p, v.nextStopId) && (v.lastStopId === null || has(p, v.lastStopId))) ??
    candidates.find((p) => has(p, v.nextStopId)) ??
    null
  );
}
