/**
 * @module core/api/stop-board
 * The stop board: what `GET /api/v1/stops/<id>/arrivals` answers and the `stop:<id>` WebSocket channel
 * carries, and what a bus-stop sign shows. Per route the next buses with minutes, stops away, a range
 * and crowding, or the timetable (flagged) when no live bus is known. Type-only: a contract between
 * the center's arrival prediction and the display pages.
 */

/** A text in Korean and English (Seoul BIS wording, e.g. "곧 도착" / "Arriving"). */
export type BilingualText = { readonly ko: string; readonly en: string };

/** One arrival on a stop board. */
export type BoardArrival = {
  /** The live bus, or null for a timetable arrival. */
  readonly vehicleId: string | null;
  readonly tripId: string | null;
  /**
   * Where the trip goes (its GTFS headsign, e.g. "Jamsil, inner circle (내선순환 잠실)"), null when
   * unknown: tells the two directions apart at a stop both serve, as a subway platform is.
   */
  readonly headsign: string | null;
  /** Predicted arrival, epoch ms of the center's clock. */
  readonly etaMs: number;
  readonly etaS: number;
  /** Range of the prediction, seconds from now. */
  readonly lowS: number;
  readonly highS: number;
  readonly stopsAway: number | null;
  readonly source: 'live' | 'schedule';
  /**
   * Time of the bus report the prediction starts from (epoch ms of the report), null for a timetable
   * arrival: tells a client (and the latency bench) which position update a board reflects.
   */
  readonly asOf: number | null;
  readonly crowding: 'low' | 'medium' | 'high' | null;
  readonly text: BilingualText;
};

/** One route's line on a stop board. */
export type RouteBoard = {
  readonly routeId: string;
  readonly shortName: string;
  /**
   * `live`: at least one live bus; with fewer live buses than the board shows, the timetable's next
   * after them follows, each flagged `source: 'schedule'`. `schedule`: the timetable alone.
   */
  readonly status: 'live' | 'schedule' | 'ended' | 'no-data';
  readonly arrivals: readonly BoardArrival[];
  readonly text: BilingualText;
};

/** Everything a bus-stop sign shows. */
export type StopBoard = {
  readonly stopId: string;
  readonly name: string;
  readonly nameEn: string | null;
  /** Epoch ms of the center's clock. */
  readonly generatedAt: number;
  readonly routes: readonly RouteBoard[];
};
