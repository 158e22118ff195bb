/**
 * @module center/traffic/probe-tracker
 * Buses as probe vehicles: from each bus's `bus-progress` fixes (the edge's, matched to the route) and
 * its stop events, the time it took to drive each link of its road path, without the time it stood at
 * stops. Buses are not cars: they dwell at stops (the edge's arrive/depart events bound each dwell,
 * and that time is taken out), may run in a bus lane, and report every ~10 s, so a link's entry and
 * exit are interpolated between the fixes either side (Hellinga & Fu 2002 on probe link times from
 * sparse fixes). A traversal is kept only when the bus was seen entering the link (on the link before,
 * or within 30 m of its start, and moving there on the path's first link: a bus may hold at its
 * terminal) and leaving it, and
 * no gap between its fixes exceeds `maxFixGapMs` (a GPS dropout, a jump, a bus that left its route).
 * A bus still on a link also gives a lower bound of its time there (`inProgress`): what a stopped
 * queue of buses shows before any of them leaves it. Each traversal also says how long the bus stood
 * in one place at most (`heldS`, stop dwells taken out), which tells a signal queue (advancing at every
 * green) from a blockage (holding it). A plain state machine over the data's own times.
 */
import type { StopEventRecord, VehicleRecord } from '../state/index.ts';
import type { BusPath, BusPaths, PathLink } from './bus-paths.ts';

/** One bus's drive over one link. */
export type ProbeTraversal = {
  readonly linkId: string;
  readonly vehicleId: string;
  readonly routeId: string;
  /** Interpolated time the bus entered the link, epoch ms. */
  readonly enteredAt: number;
  /** Interpolated time it left (complete), or the time of its latest fix on it (in progress). */
  readonly exitedAt: number;
  /** Time on the link less dwell at stops, s. */
  readonly movingS: number;
  /** Time standing at stops on the link, s. */
  readonly dwellS: number;
  /**
   * Longest time the bus stood still on the link in one go outside its stop dwells, s: successive
   * fixes less than 10 m apart. A signal holds a bus for at most one red at a time, even in a queue
   * that takes several cycles to clear (it advances at each green); a blockage holds it for longer.
   */
  readonly heldS: number;
  /** Metres of the link driven (its length when complete). */
  readonly drivenM: number;
  /** False while the bus is still on the link: then `movingS` is a lower bound. */
  readonly complete: boolean;
};

/** Options of {@link ProbeTracker}. */
export type ProbeTrackerOptions = {
  /** A traversal with a longer gap between two fixes is not used. Default 60 s (fixes come every ~10 s). */
  readonly maxFixGapMs?: number;
  /** A bus not heard for this long is forgotten. Default 180 s. */
  readonly forgetAfterMs?: number;
};

type Dwell = { readonly stopId: string; readonly arriveAt: number; departAt: number | null };
/** A time the bus stood within `STILL_M` of `atM` (metres along its path). */
type Still = { readonly from: number; to: number; readonly atM: number };

type BusState = {
  readonly vehicleId: string;
  readonly routeId: string;
  readonly tripId: string | null;
  path: BusPath;
  index: number;
  /** Null when the bus was first seen on this link (its entry unknown). */
  enteredAt: number | null;
  lastAt: number;
  lastM: number;
  gapTooLong: boolean;
  dwells: Dwell[];
  /** Times the bus stood still on its current link (successive fixes under `STILL_M` apart). */
  stills: Still[];
};

const DEFAULTS: Readonly<Required<ProbeTrackerOptions>> = Object.freeze({
  maxFixGapMs: 60_000,
  forgetAfterMs: 180_000,
});

/** A bus first seen this close past a link's start is taken to have entered it at that fix, m. */
const ENTRY_SEEN_M = 30;
/** A bus that moved less than this between two fixes stood still between them, m (GPS jitter, creeping). */
const STILL_M = 10;

/** Overlap of [a0, a1] and [b0, b1], ms. */
const overlapMs = (a0: number, a1: number, b0: number, b1: number): number =>
  Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/** Link traversals of buses from their progress and stop events. */
export class ProbeTracker {
  readonly #paths: BusPaths;
  readonly #o: Required<ProbeTrackerOptions>;
  readonly #buses = new Map<string, BusState>();

  constructor(paths: BusPaths, options: ProbeTrackerOptions = {}) {
    this.#paths = paths;
    this.#o = { ...DEFAULTS, ...options };
  }

  /** A stop event of a bus: an arrival opens a dwell, a departure closes it. */
  observeStopEvent(e: StopEventRecord): void {
    const bus = this.#buses.get(e.vehicleId);
    if (bus === undefined) return;
    if (e.event === 'arrive') {
      bus.dwells.push({ stopId: e.stopId, arriveAt: e.at, departAt: null });
      if (bus.dwells.length > 8) bus.dwells.shift();
      return;
    }
    for (let i = bus.dwells.length - 1; i >= 0; i--) {
      const d = bus.dwells[i] as Dwell;
      if (d.stopId !== e.stopId || d.departAt !== null) continue;
      d.departAt = Math.max(d.arriveAt, e.at);
      break;
    }
  }

  /** A bus fix; returns the traversals it completes, in driving order. */
  observeProgress(v: VehicleRecord): ProbeTraversal[] {
    let bus = this.#buses.get(v.vehicleId);
    if (bus !== undefined && (bus.tripId !== v.tripId || bus.routeId !== v.routeId || v.at <= bus.lastAt)) {
      if (v.at <= bus.lastAt && bus.tripId === v.tripId) return [];
      this.#buses.delete(v.vehicleId);
      bus = undefined;
    }
    if (!v.onRoute) {
      this.#buses.delete(v.vehicleId);
      return [];
    }
    const place = this.#paths.place(
      v.routeId,
      v.tripId,
      v.lon,
      v.lat,
      bus === undefined ? undefined : { path: bus.path, index: bus.index },
    );
    if (place === null) {
      this.#buses.delete(v.vehicleId);
      return [];
    }
    if (bus === undefined || place.path !== bus.path || place.pathM < bus.lastM - 30) {
      this.#buses.set(v.vehicleId, {
        vehicleId: v.vehicleId,
        routeId: v.routeId,
        tripId: v.tripId,
        path: place.path,
        index: place.index,
        // First seen just past a link's start: it entered about now. On the path's first link only if
        // moving: a bus standing at its terminal may be holding for its departure time.
        enteredAt:
          (place.index > 0 || v.speedMps > 0.5) &&
          place.pathM - (place.path.links[place.index]?.startM ?? 0) <= ENTRY_SEEN_M
            ? v.at
            : null,
        lastAt: v.at,
        lastM: place.pathM,
        gapTooLong: false,
        dwells: [],
        stills: [],
      });
      return [];
    }
    const out: ProbeTraversal[] = [];
    const gapLong = v.at - bus.lastAt > this.#o.maxFixGapMs;
    const m = Math.max(bus.lastM, place.pathM);
    // Every link boundary crossed since the last fix, at times interpolated by distance.
    while (bus.index < place.index) {
      const link = bus.path.links[bus.index];
      if (link === undefined) break;
      const endM = link.startM + link.lengthM;
      const share = m > bus.lastM ? Math.min(1, Math.max(0, (endM - bus.lastM) / (m - bus.lastM))) : 1;
      const crossAt = bus.lastAt + share * (v.at - bus.lastAt);
      if (bus.enteredAt !== null && !bus.gapTooLong && !gapLong)
        out.push(this.#traversal(bus, link, crossAt, link.lengthM, true));
      bus.index++;
      bus.enteredAt = crossAt;
      bus.gapTooLong = false;
      bus.stills = [];
    }
    bus.gapTooLong ||= gapLong;
    // Standing: within STILL_M of where it stood since (a bus creeping up a queue starts a new one).
    const open = bus.stills[bus.stills.length - 1];
    if (open !== undefined && open.to === bus.lastAt && m - open.atM < STILL_M) open.to = v.at;
    else if (m - bus.lastM < STILL_M) {
      // On this link: from its entry if it crossed into it since the last fix.
      const from = Math.max(bus.lastAt, bus.enteredAt ?? bus.lastAt);
      if (v.at > from) bus.stills.push({ from, to: v.at, atM: bus.lastM });
      if (bus.stills.length > 32) bus.stills.shift();
    }
    bus.lastAt = v.at;
    bus.lastM = m;
    return out;
  }

  /**
   * The traversals of buses still on a link at `nowMs`, each a lower bound of its time there; only
   * buses heard within `maxFixGapMs` whose entry was seen, and not on their path's last link.
   */
  inProgress(nowMs: number): ProbeTraversal[] {
    const out: ProbeTraversal[] = [];
    for (const bus of this.#buses.values()) {
      const t = this.#running(bus, nowMs);
      if (t !== null) out.push(t);
    }
    return out;
  }

  /** The traversal one bus is on now (a lower bound), or null (unknown entry, stale, last link). */
  runningOf(vehicleId: string, nowMs: number): ProbeTraversal | null {
    const bus = this.#buses.get(vehicleId);
    return bus === undefined ? null : this.#running(bus, nowMs);
  }

  #running(bus: BusState, nowMs: number): ProbeTraversal | null {
    if (bus.enteredAt === null || bus.gapTooLong || nowMs - bus.lastAt > this.#o.maxFixGapMs) return null;
    // A bus on its path's last link may be laying over at the end of its trip: not a probe.
    if (bus.index >= bus.path.links.length - 1) return null;
    const link = bus.path.links[bus.index];
    return link === undefined ? null : this.#traversal(bus, link, bus.lastAt, bus.lastM - link.startM, false);
  }

  /** Forget buses not heard from since `nowMs - forgetAfterMs`. */
  expire(nowMs: number): void {
    for (const [id, bus] of this.#buses)
      if (nowMs - bus.lastAt > this.#o.forgetAfterMs) this.#buses.delete(id);
  }

  /** Buses followed now. */
  get size(): number {
    return this.#buses.size;
  }

  #traversal(
    bus: BusState,
    link: PathLink,
    exitAt: number,
    drivenM: number,
    complete: boolean,
  ): ProbeTraversal {
    const enteredAt = bus.enteredAt ?? exitAt;
    const totalMs = Math.max(0, exitAt - enteredAt);
    const dwellMs = Math.min(this.#dwellMs(bus, link, enteredAt, exitAt, exitAt), totalMs);
    let heldMs = 0;
    for (const s of bus.stills) {
      const from = Math.max(s.from, enteredAt);
      const to = Math.min(s.to, exitAt);
      if (to > from) heldMs = Math.max(heldMs, to - from - this.#dwellMs(bus, link, from, to, exitAt));
    }
    return {
      linkId: link.linkId,
      vehicleId: bus.vehicleId,
      routeId: bus.routeId,
      enteredAt,
      exitedAt: exitAt,
      movingS: (totalMs - dwellMs) / 1000,
      dwellS: dwellMs / 1000,
      heldS: heldMs / 1000,
      drivenM: Math.max(0, drivenM),
      complete,
    };
  }
  /** Time of [from, to] the bus stood at stops on `link` (an open dwell ends at `exitAt`), ms. */
  #dwellMs(bus: BusState, link: PathLink, from: number, to: number, exitAt: number): number {
    let dwellMs = 0;
    const last = bus.dwells[bus.dwells.length - 1];
    for (const d of bus.dwells) {
      // A dwell still open counts only while the bus stands at that stop: the latest one, on this link
      // (a departure lost in a GPS dropout must not turn the rest of the trip into dwell).
      const stopM = bus.path.stopsM.get(d.stopId);
      const onLink = stopM !== undefined && stopM >= link.startM && stopM <= link.startM + link.lengthM;
      if (d.departAt === null && (d !== last || !onLink)) continue;
      dwellMs += overlapMs(from, to, d.arriveAt, d.departAt ?? exitAt);
    }
    return dwellMs;
  }
}
