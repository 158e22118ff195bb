/**
 * @module center/prediction/shown-boards
 * What each stop's last board showed, to judge which boards a bus's report can change without
 * making them again. A bus's report touches every stop ahead of it but shows only where it is among
 * a route's next two arrivals: a board changes when a bus on it reports (or leaves), when a bus's new
 * prediction there comes before the last one shown for its route (or is of a direction not shown, or
 * on a route showing fewer than two live arrivals), when the stop was never made, or when it was made
 * `refreshMs` or more ago (its seconds-from-now, buses gone stale, the timetable).
 */
import type { StopBoard } from '../../core/api/index.ts';
import type { ArrivalPrediction } from './predict-vehicle.ts';

/** Live arrivals a board shows per route (stop-board's BOARD_ARRIVALS). */
const SHOWN_PER_ROUTE = 2;

/** What a stop's last board showed of one route's live arrivals. */
type ShownRoute = {
  readonly vehicleIds: ReadonlySet<string>;
  /** Directions of the buses shown. */
  readonly directions: ReadonlySet<number | null>;
  /** The latest predicted time among them (as predicted, not held at "now"); +Infinity when not full. */
  readonly lastEtaMs: number;
};

/** What a stop's last board showed, and when it was made (domain clock). */
type ShownBoard = { readonly madeAt: number; readonly routes: ReadonlyMap<string, ShownRoute> };

/** A bus reported or removed since the last boards: its route, direction and predictions by stop. */
export type BusChange = {
  readonly id: string;
  /** Null for a bus no longer held (it can only leave boards). */
  readonly routeId: string | null;
  readonly directionId: number | null;
  readonly etaAt: ReadonlyMap<string, number>;
};

/** The last board made for each stop. */
export class ShownBoards {
  readonly #shown = new Map<string, ShownBoard>();

  /**
   * Keep what `board` shows: `live` is the stop's live predictions per route it was made from and
   * `directionOf` each bus's direction.
   */
  remember(
    board: StopBoard,
    live: ReadonlyMap<string, readonly ArrivalPrediction[]> | undefined,
    directionOf: ReadonlyMap<string, number | null>,
    nowMs: number,
  ): void {
    const routes = new Map<string, ShownRoute>();
    for (const r of board.routes) {
      const ids = new Set<string>();
      const directions = new Set<number | null>();
      let lastEtaMs = -Infinity;
      for (const a of r.arrivals) {
        if (a.vehicleId === null) continue;
        ids.add(a.vehicleId);
        directions.add(directionOf.get(a.vehicleId) ?? null);
        const p = live?.get(r.routeId)?.find((x) => x.vehicleId === a.vehicleId);
        lastEtaMs = Math.max(lastEtaMs, p?.etaMs ?? Infinity);
      }
      routes.set(r.routeId, {
        vehicleIds: ids,
        directions,
        lastEtaMs: r.status === 'live' && ids.size >= SHOWN_PER_ROUTE ? lastEtaMs : Infinity,
      });
    }
    this.#shown.set(board.stopId, { madeAt: nowMs, routes });
  }

  /** Whether the board of `stopId` may differ from the last one made, after `buses` (module comment). */
  changed(stopId: string, buses: readonly BusChange[], nowMs: number, refreshMs: number): boolean {
    const shown = this.#shown.get(stopId);
    if (shown === undefined || nowMs - shown.madeAt >= refreshMs) return true;
    return buses.some((b) => {
      for (const r of shown.routes.values()) if (r.vehicleIds.has(b.id)) return true;
      const eta = b.etaAt.get(stopId);
      if (eta === undefined || b.routeId === null) return false;
      const r = shown.routes.get(b.routeId);
      return r === undefined || eta <= r.lastEtaMs || !r.directions.has(b.directionId);
    });
  }
}
