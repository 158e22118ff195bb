/**
 * @module simulator/testing/corridor
 * Small hand-made networks for tests: a two-link corridor through one signalized junction, and a
 * crossing where a left turn meets an opposing through movement.
 */
import {
  buildSimNet,
  TURN,
  type Departure,
  type SimDemand,
  type SimNet,
  type SimVehicleType,
} from '../engine/index.ts';

/** SUMO's default passenger car. */
export const CAR: SimVehicleType = {
  id: 'car',
  lengthM: 5,
  minGapM: 2.5,
  accelMps2: 2.6,
  decelMps2: 4.5,
  maxSpeedMps: 55.6,
  headwayS: 1,
  speedDev: 0,
};

/** In (A→J, `lanes` lanes, 300 m) and out (J→B) through one signalized movement `sig`. */
export function corridorNet(lanes = 1, lengthM = 300, speedMps = 13.89): SimNet {
  const lane = { lengthM, speedMps };
  return buildSimNet({
    nodes: [
      { id: 'A', x: 0, y: 0 },
      { id: 'J', x: lengthM, y: 0 },
      { id: 'B', x: 2 * lengthM + 10, y: 0 },
    ],
    links: [
      { id: 'in', from: 'A', to: 'J', lanes: Array.from({ length: lanes }, () => lane) },
      { id: 'out', from: 'J', to: 'B', lanes: Array.from({ length: lanes }, () => lane) },
    ],
    connections: Array.from({ length: lanes }, (_, i) => ({
      fromLink: 'in',
      fromLane: i,
      toLink: 'out',
      toLane: i,
      viaLengthM: 10,
      turn: TURN.through,
      signal: { intersectionId: 'J', movementId: 'th' },
      minor: false,
      foes: [],
    })),
    intersections: [{ id: 'J', node: 'J' }],
  });
}

/** Departures every `headwayS` from `beginS`, `count` of them, on route `links`. */
export function departures(
  net: SimNet,
  links: readonly string[],
  count: number,
  headwayS: number,
  beginS = 0,
): Departure[] {
  const route = Int32Array.from(links, (l) => net.linkIndexById.get(l)!);
  return Array.from({ length: count }, (_, i) => ({
    id: `v${links[0]}${i}`,
    departS: beginS + i * headwayS,
    typeIndex: 0,
    route,
    departSpeed: 'max' as const,
    reroutable: false,
  }));
}

/** Demand of cars only, sorted by departure. */
export function carDemand(deps: readonly Departure[]): SimDemand {
  return { types: [CAR], departures: [...deps].sort((a, b) => a.departS - b.departS) };
}

/**
 * A crossing: `s` (from the south) turns left into `w`; `n` (from the north) goes straight into
 * `so`. The left turn yields to the northern through movement.
 */
export function leftTurnNet(): SimNet {
  const lane = { lengthM: 200, speedMps: 13.89 };
  return buildSimNet({
    nodes: [
      { id: 'J', x: 0, y: 0 },
      { id: 'S', x: 0, y: -200 },
      { id: 'N', x: 0, y: 200 },
      { id: 'W', x: -200, y: 0 },
      { id: 'S2', x: 0, y: -400 },
    ],
    links: [
      { id: 's', from: 'S', to: 'J', lanes: [lane] },
      { id: 'n', from: 'N', to: 'J', lanes: [lane] },
      { id: 'w', from: 'J', to: 'W', lanes: [lane] },
      { id: 'so', from: 'J', to: 'S2', lanes: [lane] },
    ],
    connections: [
      {
        fromLink: 's',
        fromLane: 0,
        toLink: 'w',
        toLane: 0,
        viaLengthM: 20,
        viaSpeedMps: 8,
        turn: TURN.left,
        signal: { intersectionId: 'J', movementId: 'lt' },
        minor: false,
        foes: [1],
      },
      {
        fromLink: 'n',
        fromLane: 0,
        toLink: 'so',
        toLane: 0,
        viaLengthM: 20,
        turn: TURN.through,
        signal: { intersectionId: 'J', movementId: 'th' },
        minor: false,
        foes: [],
      },
    ],
    intersections: [{ id: 'J', node: 'J' }],
  });
}
