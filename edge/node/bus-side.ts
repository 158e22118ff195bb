/**
 * @module edge/node/bus-side
 * The bus side of an edge node: the region's own buses tracked for the uplink (progress every
 * `progressPeriodMs` or at a stop event, stop events, segment times), buses of neighbouring regions
 * whose routes reach this region's signals tracked for priority only (their home edge reports them),
 * and the transit priority request each bus near a signal makes, kept until it is 10 s old.
 */
import {
  busRegionOf,
  visitingBusRegions,
  type BusPosition,
  type Scenario,
  type UplinkItem,
} from '../../core/index.ts';
import type { TspRequest } from '../adaptive/index.ts';
import { BusTracker, RouteCatalog } from '../bus-tracking/index.ts';
import type { BusOnRoad, LocatedRequest } from './tsp-locator.ts';

/** A request not renewed by a fix for this long is dropped. */
const TSP_REQUEST_TTL_MS = 10_000;

export type BusSideOptions = {
  readonly scenario: Scenario;
  readonly region: string;
  /** With priority off, no neighbouring region's buses are tracked. */
  readonly tsp: boolean;
  /** Lateness at which a bus's request counts as a late one (stats only), s. */
  readonly tspMinLateS: number;
  /** Where a bus's priority request goes, if anywhere (the signal side's locator). */
  readonly locate: (bus: BusOnRoad) => LocatedRequest | null;
  /** A home bus's progress goes up at most this often, ms, unless it has a stop event. Default 10 s. */
  readonly progressPeriodMs?: number;
};

/** Bus counters of an edge node. */
export type BusSideStats = {
  /** Fixes of the region's own buses the tracker took (placed on a route, or kept while confirming). */
  readonly busFixesAccepted: number;
  readonly busFixesRejected: Readonly<Record<string, number>>;
  readonly busesTracked: number;
  /** Buses of neighbouring regions tracked for priority at this region's signals. */
  readonly busesVisiting: number;
  /** Fixes that placed a bus on approach to one of the region's signals, home and visiting. */
  readonly priorityFixes: { readonly home: number; readonly visiting: number };
  /** Of those, fixes late enough for priority by the edge's rule. */
  readonly lateFixes: { readonly home: number; readonly visiting: number };
};

export class BusSide {
  readonly #o: BusSideOptions;
  readonly #buses: BusTracker | null;
  readonly #visitors: BusTracker | null;
  readonly #visitingRoutes: ReadonlySet<string>;
  /** The neighbouring regions whose bus topics the edge also needs (empty with priority off). */
  readonly visitingRegions: readonly string[];
  readonly #lastProgressMs = new Map<string, number>();
  readonly #tsp = new Map<string, LocatedRequest & { atMs: number }>();
  readonly #priorityFixes = { home: 0, visiting: 0 };
  readonly #lateFixes = { home: 0, visiting: 0 };
  #fixesAccepted = 0;

  constructor(options: BusSideOptions) {
    this.#o = options;
    const { scenario, region } = options;
    this.visitingRegions = options.tsp ? visitingBusRegions(scenario, region) : [];
    this.#visitingRoutes = new Set(
      (scenario.transit?.routes ?? [])
        .map((r) => r.id)
        .filter((id) => this.visitingRegions.includes(busRegionOf(scenario, id))),
    );
    const catalog = scenario.transit === undefined ? null : new RouteCatalog(scenario.transit);
    this.#buses = catalog === null ? null : new BusTracker(catalog);
    this.#visitors = catalog === null || this.#visitingRoutes.size === 0 ? null : new BusTracker(catalog);
  }

  /** One bus fix: what goes on the uplink for it (nothing for a visiting bus or a rejected fix). */
  onFix(fix: BusPosition, nowMs: number): UplinkItem[] {
    if (this.#buses === null) return [];
    if (fix.routeId !== null && this.#visitingRoutes.has(fix.routeId)) {
      const r = this.#visitors?.onFix(fix, nowMs);
      if (r?.accepted === true)
        this.#locate({ ...r.progress, headwayLatenessS: r.headwayLatenessS }, nowMs, 'visiting');
      return [];
    }
    const r = this.#buses.onFix(fix, nowMs);
    if (!r.accepted) return [];
    this.#fixesAccepted++;
    const items: UplinkItem[] = [...r.stopEvents, ...r.segmentTimes];
    const last = this.#lastProgressMs.get(fix.vehicleId);
    if (
      last === undefined ||
      nowMs - last >= (this.#o.progressPeriodMs ?? 10_000) ||
      r.stopEvents.length > 0
    ) {
      this.#lastProgressMs.set(fix.vehicleId, nowMs);
      items.push(r.progress);
    }
    this.#locate({ ...r.progress, headwayLatenessS: r.headwayLatenessS }, nowMs, 'home');
    return items;
  }

  /** The live priority requests by intersection (requests older than 10 s dropped). */
  requests(nowMs: number): Map<string, TspRequest[]> {
    const byIntersection = new Map<string, TspRequest[]>();
    for (const [vehicleId, t] of this.#tsp) {
      if (nowMs - t.atMs > TSP_REQUEST_TTL_MS) {
        this.#tsp.delete(vehicleId);
        continue;
      }
      const list = byIntersection.get(t.intersectionId) ?? [];
      list.push(t.request);
      byIntersection.set(t.intersectionId, list);
    }
    return byIntersection;
  }

  /** Forget buses not heard from for too long, and their requests. */
  expire(nowMs: number): void {
    for (const vehicleId of this.#buses?.expire(nowMs) ?? []) {
      this.#lastProgressMs.delete(vehicleId);
      this.#tsp.delete(vehicleId);
    }
    for (const vehicleId of this.#visitors?.expire(nowMs) ?? []) this.#tsp.delete(vehicleId);
  }

  stats(): BusSideStats {
    return {
      busFixesAccepted: this.#fixesAccepted,
      busFixesRejected: this.#buses?.rejected() ?? {},
      busesTracked: this.#buses?.size ?? 0,
      busesVisiting: this.#visitors?.size ?? 0,
      priorityFixes: { ...this.#priorityFixes },
      lateFixes: { ...this.#lateFixes },
    };
  }

  #locate(bus: BusOnRoad, nowMs: number, whose: 'home' | 'visiting'): void {
    const located = this.#o.locate(bus);
    if (located === null) {
      this.#tsp.delete(bus.vehicleId);
      return;
    }
    this.#tsp.set(bus.vehicleId, { ...located, atMs: nowMs });
    this.#priorityFixes[whose]++;
    if (located.request.lateS >= this.#o.tspMinLateS) this.#lateFixes[whose]++;
  }
}
