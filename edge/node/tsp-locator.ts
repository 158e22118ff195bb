/**
 * @module edge/node/tsp-locator
 * Where a bus is on the road network, for transit signal priority: each route direction's road links
 * (scenario `roadLinks`) form a path; a bus position matched onto it gives the link it is on, the
 * intersection at the link's end, the movement it will make there (this link to the next) and so the
 * unit (phase or stage) that serves it, and its time to the stop line.
 */
import type { Intersection, Link, LonLat, Network, Transit } from '../../core/index.ts';
import { RouteShape } from '../bus-tracking/index.ts';
import type { TspRequest, UnitTiming } from '../adaptive/index.ts';

type Segment = { linkId: string; startM: number; endM: number; toNode: string; nextLinkId: string | null };
type Path = { shape: RouteShape; segments: Segment[] };

/** A request addressed to one intersection. */
export type LocatedRequest = { readonly intersectionId: string; readonly request: TspRequest };

/** A bus as TSP needs it. */
export type BusOnRoad = {
  readonly vehicleId: string;
  readonly routeId: string;
  readonly tripId: string | null;
  readonly lon: number;
  readonly lat: number;
  readonly speedMps: number;
  readonly scheduleDeviationS: number | null;
  /**
   * On a headway-based trip (no timetable, so no schedule deviation): how much its gap to the bus
   * ahead exceeds the scheduled headway, s (edge/bus-tracking `headwayLatenessS`).
   */
  readonly headwayLatenessS?: number | null;
  /** The stop the bus serves next (its tracker's), if known. */
  readonly nextStopId?: string | null;
};

const MAX_OFFSET_M = 40;
const MIN_SPEED_MPS = 3;
/**
 * Time a bus spends on a stop it has still to serve before the stop line: braking, the door time and
 * a few boardings, and pulling out (the demo city's stops sit 115-180 m before most signals).
 */
export const DEFAULT_STOP_ALLOWANCE_S = 25;

/** Locates buses on their road path and turns them into TSP requests. */
export class TspLocator {
  readonly #paths = new Map<string, Path>();
  readonly #directionOfTrip = new Map<string, number>();
  readonly #intersectionAt = new Map<string, Intersection>();
  readonly #movementUnit = new Map<string, string | number>();
  readonly #movementOf = new Map<string, string>();
  readonly #stopOn = new Map<string, { linkId: string; positionM: number }>();
  readonly #stopAllowanceS: number;

  constructor(
    network: Network,
    transit: Transit | undefined,
    intersections: readonly Intersection[],
    units: ReadonlyMap<string, readonly UnitTiming[]>,
    stopAllowanceS = DEFAULT_STOP_ALLOWANCE_S,
  ) {
    this.#stopAllowanceS = stopAllowanceS;
    for (const stop of transit?.stops ?? [])
      if (stop.linkId !== undefined && stop.positionM !== undefined)
        this.#stopOn.set(stop.id, { linkId: stop.linkId, positionM: stop.positionM });
    const nodes = new Map(network.nodes.map((n) => [n.id, n]));
    const links = new Map(network.links.map((l) => [l.id, l]));
    for (const x of intersections) this.#intersectionAt.set(x.nodeId, x);
    for (const [id, list] of units)
      for (const u of list) for (const m of u.movements) this.#movementUnit.set(`${id}|${m}`, u.unit);
    for (const m of network.movements) this.#movementOf.set(`${m.fromLink}>${m.toLink}`, m.id);
    for (const t of transit?.trips ?? []) this.#directionOfTrip.set(t.id, t.directionId);
    for (const route of transit?.routes ?? []) {
      for (const [direction, linkIds] of Object.entries(route.roadLinks)) {
        const points: LonLat[] = [];
        const segments: Segment[] = [];
        let at = 0;
        linkIds.forEach((linkId, i) => {
          const link = links.get(linkId);
          if (link === undefined) return;
          const geometry = geometryOf(link, nodes);
          if (geometry.length < 2) return;
          const shape = new RouteShape(link.id, geometry);
          segments.push({
            linkId,
            startM: at,
            endM: at + shape.lengthM,
            toNode: link.to,
            nextLinkId: linkIds[i + 1] ?? null,
          });
          at += shape.lengthM;
          points.push(...(points.length === 0 ? geometry : geometry.slice(1)));
        });
        if (points.length >= 2) {
          this.#paths.set(`${route.id}|${direction}`, { shape: new RouteShape(route.id, points), segments });
        }
      }
    }
  }

  /** The TSP request of a bus, or null when it is not approaching a signal on its road path. */
  locate(bus: BusOnRoad): LocatedRequest | null {
    const direction = bus.tripId === null ? undefined : this.#directionOfTrip.get(bus.tripId);
    const candidates =
      direction === undefined
        ? [this.#paths.get(`${bus.routeId}|0`), this.#paths.get(`${bus.routeId}|1`)]
        : [this.#paths.get(`${bus.routeId}|${direction}`)];
    let best: { path: Path; distanceM: number; offsetM: number } | null = null;
    for (const path of candidates) {
      if (path === undefined) continue;
      const m = path.shape.match(bus.lon, bus.lat);
      if (best === null || m.offsetM < best.offsetM) best = { path, ...m };
    }
    if (best === null || best.offsetM > MAX_OFFSET_M) return null;
    const d = best.distanceM;
    const segment = best.path.segments.find((s) => d >= s.startM && d <= s.endM);
    if (segment === undefined) return null;
    const intersection = this.#intersectionAt.get(segment.toNode);
    if (intersection === undefined) return null;
    const movement =
      segment.nextLinkId === null
        ? undefined
        : this.#movementOf.get(`${segment.linkId}>${segment.nextLinkId}`);
    const unit =
      movement === undefined ? undefined : this.#movementUnit.get(`${intersection.id}|${movement}`);
    if (unit === undefined) return null;
    return {
      intersectionId: intersection.id,
      request: {
        vehicleId: bus.vehicleId,
        unit,
        etaS: (segment.endM - d) / Math.max(MIN_SPEED_MPS, bus.speedMps) + this.#stopAhead(bus, segment, d),
        // Late against its timetable, or against its headway on a frequency trip; unknown = 0.
        lateS: bus.scheduleDeviationS ?? bus.headwayLatenessS ?? 0,
      },
    };
  }

  /** The stop allowance when the bus's next stop lies between it and the stop line, else 0. */
  #stopAhead(bus: BusOnRoad, segment: Segment, distanceM: number): number {
    const stop = bus.nextStopId == null ? undefined : this.#stopOn.get(bus.nextStopId);
    if (stop === undefined || stop.linkId !== segment.linkId) return 0;
    return segment.startM + stop.positionM >= distanceM ? this.#stopAllowanceS : 0;
  }
}

function geometryOf(link: Link, nodes: ReadonlyMap<string, { lon: number; lat: number }>): LonLat[] {
  if (link.geometry !== undefined) return link.geometry;
  const a = nodes.get(link.from);
  const b = nodes.get(link.to);
  return a === undefined || b === undefined
    ? []
    : [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ];
}
