/**
 * @module simulator/engine/state
 * The mutable state of one run, shared by the step's phases (insertion, lane changes, driving,
 * junctions). Plain data: the phases are functions of it.
 */
import { LaneLists } from './lanes.ts';
import { createRouter, type Router } from './routing.ts';
import type { SimDemand, SimNet } from './types.ts';
import { VehicleStore } from './vehicles.ts';

/** Running totals of a run. */
export type SimCounters = {
  inserted: number;
  arrived: number;
  /** Vehicles whose route was recomputed after they could not make their turn. */
  rerouted: number;
  /** Junction entries refused for lack of room (the vehicle held at the stop line). */
  blockedEntries: number;
  /** Sum over steps of running vehicles. */
  vehicleUpdates: number;
  sumTravelTimeS: number;
  sumTimeLossS: number;
  sumWaitingS: number;
  sumStops: number;
};

export type SimState = {
  readonly net: SimNet;
  readonly demand: SimDemand;
  readonly tLen: Float64Array;
  readonly tMinGap: Float64Array;
  readonly tAccel: Float64Array;
  readonly tDecel: Float64Array;
  readonly tMaxSpeed: Float64Array;
  readonly tHeadway: Float64Array;
  readonly veh: VehicleStore;
  readonly lanes: LaneLists;
  /** What each connection allows this step (see `GO`). */
  readonly connGo: Uint8Array;
  /** Vehicles inside the junction per connection. */
  readonly connInJunction: Int32Array;
  /** Position of a blocking obstacle per lane (incident), +Infinity when clear. */
  readonly laneBlockAt: Float64Array;
  /** Time loss accrued on each link since the last sample, vehicle-seconds. */
  readonly linkTimeLoss: Float64Array;
  /** Vehicles that left each link through its end since the last sample. */
  readonly linkDischarged: Int32Array;
  readonly router: Router;
  readonly stepS: number;
  timeS: number;
  stepNo: number;
  readonly counters: SimCounters;
};

/** Create the state of a fresh run. */
export function createState(net: SimNet, demand: SimDemand, stepS: number, beginS: number): SimState {
  const t = demand.types;
  return {
    net,
    demand,
    tLen: Float64Array.from(t, (x) => x.lengthM),
    tMinGap: Float64Array.from(t, (x) => x.minGapM),
    tAccel: Float64Array.from(t, (x) => x.accelMps2),
    tDecel: Float64Array.from(t, (x) => x.decelMps2),
    tMaxSpeed: Float64Array.from(t, (x) => x.maxSpeedMps),
    tHeadway: Float64Array.from(t, (x) => x.headwayS),
    veh: new VehicleStore(1024),
    lanes: new LaneLists(net.laneLink.length),
    connGo: new Uint8Array(net.connToLink.length),
    connInJunction: new Int32Array(net.connToLink.length),
    laneBlockAt: new Float64Array(net.laneLink.length).fill(Infinity),
    linkTimeLoss: new Float64Array(net.linkIds.length),
    linkDischarged: new Int32Array(net.linkIds.length),
    router: createRouter(net),
    stepS,
    timeS: beginS,
    stepNo: 0,
    counters: {
      inserted: 0,
      arrived: 0,
      rerouted: 0,
      blockedEntries: 0,
      vehicleUpdates: 0,
      sumTravelTimeS: 0,
      sumTimeLossS: 0,
      sumWaitingS: 0,
      sumStops: 0,
    },
  };
}

/** The connection from the vehicle's lane to the next link of its route, or -1. */
export function nextConnectionOf(st: SimState, veh: number): number {
  const route = st.veh.routes[veh]!;
  const pos = st.veh.routePos[veh]!;
  if (pos + 1 >= route.length) return -1;
  const lane = st.veh.lane[veh]!;
  const toLink = route[pos + 1]!;
  const net = st.net;
  const end = net.laneConnStart[lane + 1]!;
  for (let k = net.laneConnStart[lane]!; k < end; k++) {
    const c = net.laneConns[k]!;
    if (net.connToLink[c] === toLink) return c;
  }
  return -1;
}

/** Whether `lane` has a connection into `toLink`. */
export function laneServes(st: SimState, lane: number, toLink: number): boolean {
  const net = st.net;
  const end = net.laneConnStart[lane + 1]!;
  for (let q = net.laneConnStart[lane]!; q < end; q++)
    if (net.connToLink[net.laneConns[q]!] === toLink) return true;
  return false;
}
