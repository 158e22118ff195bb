/**
 * @module center/traffic/bus-paths
 * Each bus route direction's road path (scenario `roadLinks`) with its links laid end to end, so a bus
 * position (the edge's `bus-progress`, already matched onto the route shape) can be placed on a link:
 * which link of the path, and how far along it. Positions are projected onto the links' own geometry
 * (equirectangular around the point, as the edge's matcher does) and scaled to each link's length,
 * so a shape whose length differs a little from the sum of the links still lands on the right link.
 * Stops on the path are placed as the simulator and the prediction place them (12 m to length − 1 m).
 */
import type { CenterNetwork } from '../network/index.ts';

/** One link of a path. */
export type PathLink = {
  readonly linkId: string;
  /** Start of the link along the path, m (sum of the lengths before it). */
  readonly startM: number;
  readonly lengthM: number;
};

/** A route direction's road path. */
export type BusPath = {
  readonly key: string;
  readonly links: readonly PathLink[];
  /** Stops the route serves on the path: stop id → metres along the path. */
  readonly stopsM: ReadonlyMap<string, number>;
};

/** A bus placed on its path. */
export type PathPlace = {
  readonly path: BusPath;
  readonly index: number;
  /** Metres along the path. */
  readonly pathM: number;
  /** Distance from the link's geometry, m. */
  readonly offsetM: number;
};

type Projected = { readonly alongShare: number; readonly offsetM: number };

const M_PER_DEG_LAT = 111_320;
/** A position further than this from every link of the path is not on it. */
const MAX_OFFSET_M = 40;

/** Project a point onto a polyline: share of the line's length before the foot, and the distance to it. */
function project(coords: readonly (readonly number[])[], lon: number, lat: number): Projected | null {
  const kx = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  let total = 0;
  let best: { along: number; d2: number } | null = null;
  for (let i = 0; i + 1 < coords.length; i++) {
    const a = coords[i];
    const b = coords[i + 1];
    if (a === undefined || b === undefined) continue;
    const ax = ((a[0] ?? 0) - lon) * kx;
    const ay = ((a[1] ?? 0) - lat) * M_PER_DEG_LAT;
    const bx = ((b[0] ?? 0) - lon) * kx;
    const by = ((b[1] ?? 0) - lat) * M_PER_DEG_LAT;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2));
    const px = ax + t * dx;
    const py = ay + t * dy;
    const d2 = px * px + py * py;
    const len = Math.sqrt(len2);
    if (best === null || d2 < best.d2) best = { along: total + t * len, d2 };
    total += len;
  }
  if (best === null || total === 0) return null;
  return { alongShare: best.along / total, offsetM: Math.sqrt(best.d2) };
}

/** The road paths of every bus route direction of a network. */
export class BusPaths {
  readonly #paths = new Map<string, BusPath>();
  readonly #coords = new Map<string, readonly (readonly number[])[]>();
  readonly #directionOfTrip = new Map<string, number>();

  constructor(net: CenterNetwork) {
    for (const [id, l] of net.links) this.#coords.set(id, l.coordinates);
    for (const t of net.trips.values()) this.#directionOfTrip.set(t.id, t.directionId);
    const stops = net.stops;
    for (const route of net.scenario.transit?.routes ?? []) {
      const served = new Set(net.patterns.filter((p) => p.routeId === route.id).flatMap((p) => p.stopIds));
      for (const [direction, linkIds] of Object.entries(route.roadLinks)) {
        const links: PathLink[] = [];
        const stopsM = new Map<string, number>();
        let at = 0;
        for (const linkId of linkIds) {
          const link = net.links.get(linkId);
          if (link === undefined) continue;
          links.push({ linkId, startM: at, lengthM: link.lengthM });
          at += link.lengthM;
        }
        for (const stopId of served) {
          const stop = stops.get(stopId);
          const on = links.find((l) => l.linkId === stop?.linkId);
          if (stop === undefined || on === undefined) continue;
          const pos = Math.min(Math.max(stop.positionM ?? on.lengthM / 2, 12), Math.max(12, on.lengthM - 1));
          stopsM.set(stopId, on.startM + pos);
        }
        const key = `${route.id}|${direction}`;
        if (links.length > 0) this.#paths.set(key, { key, links, stopsM });
      }
    }
  }

  /** The path of a route direction, if the route drives roads. */
  path(routeId: string, directionId: number): BusPath | undefined {
    return this.#paths.get(`${routeId}|${directionId}`);
  }

  /** Direction of a trip, if known. */
  directionOf(tripId: string | null): number | undefined {
    return tripId === null ? undefined : this.#directionOfTrip.get(tripId);
  }

  /**
   * Place a position on a route's path: the trip's direction when known, else the nearer of both.
   * `hint` (a path and link index the bus was on) limits the search to that link and the next three,
   * which keeps a bus on its own direction and costs four projections a fix.
   */
  place(
    routeId: string,
    tripId: string | null,
    lon: number,
    lat: number,
    hint?: { readonly path: BusPath; readonly index: number },
  ): PathPlace | null {
    if (hint !== undefined) {
      const near = this.#placeOn(hint.path, lon, lat, hint.index, hint.index + 4);
      if (near !== null) return near;
    }
    const direction = this.directionOf(tripId);
    const candidates =
      direction === undefined
        ? [this.path(routeId, 0), this.path(routeId, 1)]
        : [this.path(routeId, direction)];
    let best: PathPlace | null = null;
    for (const p of candidates) {
      if (p === undefined) continue;
      const here = this.#placeOn(p, lon, lat, 0, p.links.length);
      if (here !== null && (best === null || here.offsetM < best.offsetM)) best = here;
    }
    return best;
  }

  #placeOn(path: BusPath, lon: number, lat: number, from: number, to: number): PathPlace | null {
    let best: PathPlace | null = null;
    for (let i = Math.max(0, from); i < Math.min(to, path.links.length); i++) {
      const link = path.links[i] as PathLink;
      const coords = this.#coords.get(link.linkId);
      const p = coords === undefined ? null : project(coords, lon, lat);
      if (p === null || p.offsetM > MAX_OFFSET_M) continue;
      // Ties (a node shared by two links) go to the later link, where the bus is heading.
      if (best === null || p.offsetM <= best.offsetM)
        best = { path, index: i, pathM: link.startM + p.alongShare * link.lengthM, offsetM: p.offsetM };
    }
    return best;
  }
}
