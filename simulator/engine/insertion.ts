/**
 * @module simulator/engine/insertion
 * Insertion of departures: each due vehicle joins the queue of its first link and enters, in order,
 * when a lane serving its next turn has room (SUMO's insertion semantics: a vehicle that cannot enter
 * waits and keeps its place). Per-vehicle speed factors are drawn here from the run's one RNG.
 */
import type { Rng } from './rng.ts';
import { laneServes, nextConnectionOf, type SimState } from './state.ts';

/** Queues of vehicles waiting to enter, per first link. */
export class InsertionQueue {
  #next = 0;
  readonly #queues = new Map<number, number[]>();
  #waiting = 0;

  /** Vehicles due but not yet inserted. */
  get waiting(): number {
    return this.#waiting;
  }

  /** Departures not yet due. */
  remaining(st: SimState): number {
    return st.demand.departures.length - this.#next;
  }

  /** Queue every departure due by the state's time, then insert as many as fit. */
  insert(st: SimState, rng: Rng, onInsert: (veh: number) => void): void {
    const deps = st.demand.departures;
    while (this.#next < deps.length && deps[this.#next]!.departS <= st.timeS) {
      const d = deps[this.#next]!;
      const link = d.route[0]!;
      let q = this.#queues.get(link);
      if (q === undefined) {
        q = [];
        this.#queues.set(link, q);
      }
      q.push(this.#next);
      this.#waiting++;
      this.#next++;
    }
    for (const [link, q] of this.#queues) {
      let h = 0;
      while (h < q.length && tryInsert(st, rng, q[h]!, link, onInsert)) h++;
      if (h > 0) {
        q.splice(0, h);
        this.#waiting -= h;
      }
      if (q.length === 0) this.#queues.delete(link);
    }
  }
}

function tryInsert(
  st: SimState,
  rng: Rng,
  d: number,
  link: number,
  onInsert: (veh: number) => void,
): boolean {
  const dep = st.demand.departures[d]!;
  const { net, veh, lanes } = st;
  const ty = dep.typeIndex;
  const len = st.tLen[ty]!;
  const s0 = st.tMinGap[ty]!;
  const T = st.tHeadway[ty]!;
  const next = dep.route.length > 1 ? dep.route[1]! : -1;
  const first = net.linkLaneStart[link]!;
  const nl = net.linkLaneCount[link]!;
  let anyServes = false;
  for (let j = 0; j < nl && next >= 0; j++) if (laneServes(st, first + j, next)) anyServes = true;
  let bestLane = -1;
  let bestRoom = -Infinity;
  for (let j = 0; j < nl; j++) {
    const lane = first + j;
    if (anyServes && !laneServes(st, lane, next)) continue;
    if (st.laneBlockAt[lane]! < len + s0) continue;
    const n = lanes.counts[lane]!;
    let room = 1e9;
    if (n > 0) {
      const last = lanes.lists[lane]![n - 1]!;
      room = veh.x[last]! - st.tLen[veh.type[last]!]! - len;
      if (veh.x[last]! <= 0) room = -1;
    }
    if (room > bestRoom) {
      bestRoom = room;
      bestLane = lane;
    }
  }
  if (bestLane < 0) return false;
  const dev = st.demand.types[ty]!.speedDev;
  let sf = 1 + dev * rng.normal();
  const lo = Math.max(0.2, 1 - 2 * dev);
  if (sf < lo) sf = lo;
  if (sf > 1 + 2 * dev) sf = 1 + 2 * dev;
  let v0 = net.laneSpeed[bestLane]! * sf;
  if (v0 > st.tMaxSpeed[ty]!) v0 = st.tMaxSpeed[ty]!;
  let speed: number;
  if (dep.departSpeed === 'max') {
    speed = bestRoom >= 1e9 ? v0 : Math.min(v0, (bestRoom - s0) / T);
    if (speed < 0) return false;
  } else {
    speed = Math.min(dep.departSpeed, v0);
    if (bestRoom < s0 + speed * T) return false;
  }
  const k = veh.allocate();
  veh.x[k] = Math.min(len, net.laneLength[bestLane]!);
  veh.v[k] = speed;
  veh.acc[k] = 0;
  veh.speedFactor[k] = sf;
  veh.departS[k] = st.timeS;
  veh.timeLossS[k] = 0;
  veh.waitingS[k] = 0;
  veh.lcReadyS[k] = st.timeS;
  veh.stuckS[k] = 0;
  veh.lane[k] = bestLane;
  veh.type[k] = ty;
  veh.routePos[k] = 0;
  veh.routes[k] = dep.route;
  veh.junctionConn[k] = -1;
  veh.demand[k] = d;
  veh.stops[k] = 0;
  veh.stamp[k] = -1;
  veh.halted[k] = 0;
  veh.mustStop[k] = 0;
  veh.stopLink[k] = -1;
  veh.yieldFor[k] = -1;
  veh.yieldUntilS[k] = 0;
  veh.stopPos[k] = 0;
  veh.dwellUntilS[k] = Number.NaN;
  veh.nextConn[k] = nextConnectionOf(st, k);
  lanes.insertAt(bestLane, lanes.counts[bestLane]!, k);
  st.counters.inserted++;
  onInsert(k);
  return true;
}
