/**
 * @module simulator/engine/types
 * The simulator's compiled network and demand: flat typed arrays indexed by link, lane and connection,
 * built once from a scenario or a SUMO import, then read by the hot loop without allocation.
 * Lane-level connections follow SUMO's model: a connection leads from one lane of a link to one lane
 * of the next link through the junction; a vehicle inside the junction already sits on its target lane
 * at a negative position (`-viaLengthM .. 0`).
 */

/** Turn direction of a connection (SUMO `dir`: r, s, l, t). */
export const TURN = { right: 0, through: 1, left: 2, uturn: 3 } as const;
export type TurnCode = (typeof TURN)[keyof typeof TURN];

/** What a connection allows this step. Higher is more permissive. */
export const GO = { stop: 0, yellow: 1, yield: 2, go: 3 } as const;

/** A movement whose colour a signal controller decides. */
export type SignalRef = {
  /** Intersection (controller) id. */
  readonly intersectionId: string;
  /** Movement id the controller knows. */
  readonly movementId: string;
};

/** A compiled network. Indexes are dense: links 0..L-1, lanes 0..N-1, connections 0..C-1. */
export type SimNet = {
  readonly nodeIds: readonly string[];
  readonly nodeX: Float64Array;
  readonly nodeY: Float64Array;
  readonly linkIds: readonly string[];
  readonly linkIndexById: ReadonlyMap<string, number>;
  readonly linkFrom: Int32Array;
  readonly linkTo: Int32Array;
  readonly linkLength: Float64Array;
  readonly linkSpeed: Float64Array;
  readonly linkLaneStart: Int32Array;
  readonly linkLaneCount: Int32Array;
  readonly laneLink: Int32Array;
  /** Lane number within its link, 0 = rightmost. */
  readonly laneIndex: Int32Array;
  readonly laneLength: Float64Array;
  readonly laneSpeed: Float64Array;
  /** Lane centre line in local metres, [x0, y0, x1, y1, ...]. */
  readonly laneShape: readonly Float64Array[];
  readonly connFromLane: Int32Array;
  readonly connToLane: Int32Array;
  readonly connToLink: Int32Array;
  readonly connVia: Float64Array;
  /** Speed limit through the junction (SUMO internal lane speed). */
  readonly connSpeed: Float64Array;
  readonly connTurn: Uint8Array;
  /** Index into `signals`, or -1 for an unsignalized connection. */
  readonly connSignal: Int32Array;
  /** Unsignalized connection that must yield to its foes (SUMO `m`, `o`, `s`). */
  readonly connMinor: Uint8Array;
  /** Connections this one yields to when permissive, CSR layout. */
  readonly connFoeStart: Int32Array;
  readonly connFoes: Int32Array;
  /** Connections leaving each lane, CSR layout. */
  readonly laneConnStart: Int32Array;
  readonly laneConns: Int32Array;
  readonly signals: readonly SignalRef[];
  /** Signalized intersections: their id, node and incoming links (for per-intersection KPIs). */
  readonly intersections: readonly SimIntersection[];
  /** Local metres → lon/lat, for devices that report positions. */
  readonly toLonLat: (x: number, y: number) => [number, number];
};

export type SimIntersection = {
  readonly id: string;
  readonly nodeIndex: number;
  readonly incomingLinks: readonly number[];
};

/** A vehicle type's driving parameters (IDM, Treiber 2000; SUMO defaults). */
export type SimVehicleType = {
  readonly id: string;
  readonly lengthM: number;
  readonly minGapM: number;
  readonly accelMps2: number;
  readonly decelMps2: number;
  readonly maxSpeedMps: number;
  /** Desired time headway T, seconds. */
  readonly headwayS: number;
  /** Standard deviation of the per-vehicle speed factor (SUMO `speedDev`, default 0.1). */
  readonly speedDev: number;
  /** Bus types get a stop plan from the transit section. */
  readonly isBus?: boolean;
};

/** One vehicle to insert. `route` holds link indexes. */
export type Departure = {
  readonly id: string;
  readonly departS: number;
  readonly typeIndex: number;
  readonly route: Int32Array;
  /** Insertion speed: a number (m/s) or `max` for the fastest safe speed. */
  readonly departSpeed: number | 'max';
  /** Whether the route may be recomputed (trips, OD) when the vehicle cannot follow it. */
  readonly reroutable: boolean;
  /** Transit trip this vehicle serves, if a bus. */
  readonly transitTripId?: string;
};

/** Demand of a run, departures sorted by time. */
export type SimDemand = {
  readonly types: readonly SimVehicleType[];
  readonly departures: readonly Departure[];
};
