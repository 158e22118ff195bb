/**
 * @module simulator/engine/lane-change
 * Lane choice and safe gap-acceptance lane changes: a vehicle not in a lane that serves its next turn
 * changes toward one (mandatory); a vehicle behind a slow leader or a blocked lane may change to a
 * neighbouring lane that also serves its turn (discretionary). A change happens only when neither the
 * vehicle nor its new follower would have to brake harder than a safe deceleration (the MOBIL
 * safety criterion, Kesting, Treiber & Helbing 2007), and never into a gap below half a metre.
 * A vehicle stuck at the end of a lane that cannot lead on is rerouted.
 */
import { idmAccel } from './idm.ts';
import { laneServes, nextConnectionOf, type SimState } from './state.ts';

/** Seconds a vehicle waits at the end of a wrong lane before it is rerouted. */
const STUCK_REROUTE_S = 30;
/** Safe deceleration of a discretionary change, m/s². */
const DISCRETIONARY_SAFE_DECEL = 2;
/** A next link shorter than this is too short to change lanes on: choose the lane for the one after. */
const SHORT_LINK_M = 60;

/** Within this distance of the lane end, a vehicle that must change asks its new follower for room. */
const COOPERATE_M = 60;

/**
 * Ask the first vehicle in lane `to` that is wholly behind `k` to leave room for it for a while: as the
 * vehicles alongside move on, a gap opens beside `k` (SUMO's cooperative lane changing).
 */
function askToYield(st: SimState, k: number, to: number, xk: number): void {
  const at = st.lanes.slotFor(to, xk - st.tLen[st.veh.type[k]!]! - 0.5, st.veh.x);
  if (at >= st.lanes.counts[to]!) return;
  const f = st.lanes.lists[to]![at]!;
  if (st.veh.yieldFor[f]! >= 0 && st.veh.yieldFor[f] !== k) return;
  st.veh.yieldFor[f] = k;
  st.veh.yieldUntilS[f] = st.timeS + 8;
}

/** Pass 0: `lane` serves the next two links; pass 1: it serves the next link. */
function laneOk(st: SimState, lane: number, pass: number, next: number, after: number): boolean {
  return pass === 0 ? servesTwo(st, lane, next, after) : laneServes(st, lane, next);
}

/** Whether `lane` leads into `next` on a lane that itself leads into `after`. */
function servesTwo(st: SimState, lane: number, next: number, after: number): boolean {
  const net = st.net;
  for (let q = net.laneConnStart[lane]!; q < net.laneConnStart[lane + 1]!; q++) {
    const c = net.laneConns[q]!;
    if (net.connToLink[c] === next && laneServes(st, net.connToLane[c]!, after)) return true;
  }
  return false;
}

function desiredSpeed(st: SimState, k: number, lane: number): number {
  const v0 = st.net.laneSpeed[lane]! * st.veh.speedFactor[k]!;
  const vmax = st.tMaxSpeed[st.veh.type[k]!]!;
  return v0 < vmax ? v0 : vmax;
}

/** Try to move vehicle `k` (at index `i` of `from`) to lane `to`; returns whether it moved. */
function tryChange(
  st: SimState,
  k: number,
  from: number,
  i: number,
  to: number,
  mandatory: boolean,
): boolean {
  const { x, v, type } = st.veh;
  const lanes = st.lanes;
  const xk = x[k]!;
  const ty = type[k]!;
  const lenK = st.tLen[ty]!;
  const at = lanes.slotFor(to, xk, x);
  const list = lanes.lists[to]!;
  const n = lanes.counts[to]!;
  const safe = mandatory ? st.tDecel[ty]! : DISCRETIONARY_SAFE_DECEL;
  if (at > 0) {
    const ld = list[at - 1]!;
    const gl = x[ld]! - st.tLen[type[ld]!]! - xk;
    if (gl < 0.5) return false;
    const a = idmAccel(
      v[k]!,
      desiredSpeed(st, k, to),
      gl,
      v[ld]!,
      st.tAccel[ty]!,
      st.tDecel[ty]!,
      st.tMinGap[ty]!,
      st.tHeadway[ty]!,
    );
    if (a < -safe) return false;
  }
  if (at < n) {
    const f = list[at]!;
    const gf = xk - lenK - x[f]!;
    if (gf < 0.5) return false;
    const tf = type[f]!;
    const a = idmAccel(
      v[f]!,
      desiredSpeed(st, f, to),
      gf,
      v[k]!,
      st.tAccel[tf]!,
      st.tDecel[tf]!,
      st.tMinGap[tf]!,
      st.tHeadway[tf]!,
    );
    if (a < -safe) return false;
  }
  lanes.removeAt(from, i);
  lanes.insertAt(to, at, k);
  st.veh.lane[k] = to;
  st.veh.nextConn[k] = nextConnectionOf(st, k);
  st.veh.lcReadyS[k] = st.timeS + (mandatory ? 1 : 3);
  return true;
}

/** Give vehicle `k` a new route from the end of its current lane (it cannot follow its own). */
export function reroute(st: SimState, k: number): void {
  const veh = st.veh;
  const net = st.net;
  const route = veh.routes[k]!;
  const pos = veh.routePos[k]!;
  const dest = route[route.length - 1]!;
  const lane = veh.lane[k]!;
  let best: Int32Array | null = null;
  for (let q = net.laneConnStart[lane]!; q < net.laneConnStart[lane + 1]!; q++) {
    const toLink = net.connToLink[net.laneConns[q]!]!;
    const path = st.router.route(toLink, dest) ?? Int32Array.of(toLink);
    const reaches = path[path.length - 1] === dest;
    if (best === null || (reaches && (best[best.length - 1] !== dest || path.length < best.length)))
      best = path;
  }
  const head = route.subarray(0, pos + 1);
  const next = new Int32Array(head.length + (best?.length ?? 0));
  next.set(head);
  if (best !== null) next.set(best, head.length);
  veh.routes[k] = next;
  veh.nextConn[k] = nextConnectionOf(st, k);
  veh.stuckS[k] = 0;
  st.counters.rerouted++;
}

/** Decide and carry out this step's lane changes. */
export function changeLanes(st: SimState): void {
  const { net, veh, lanes } = st;
  const { x, v, type, routePos, nextConn, lcReadyS, stuckS } = veh;
  const t = st.timeS;
  const laneCount = lanes.counts.length;
  for (let lane = 0; lane < laneCount; lane++) {
    const link = net.laneLink[lane]!;
    const first = net.linkLaneStart[link]!;
    const nl = net.linkLaneCount[link]!;
    const idx = lane - first;
    const laneLen = net.laneLength[lane]!;
    const block = st.laneBlockAt[lane]!;
    for (let i = lanes.counts[lane]! - 1; i >= 0; i--) {
      const k = lanes.lists[lane]![i]!;
      if (lcReadyS[k]! > t) continue;
      const xk = x[k]!;
      if (xk < 0) continue;
      const route = veh.routes[k]!;
      const atEnd = routePos[k]! + 1 >= route.length;
      const nextLink = atEnd ? -1 : route[routePos[k]! + 1]!;
      // Look one link further when the next link is too short to change lanes on (SUMO's best lanes).
      const after =
        !atEnd && routePos[k]! + 2 < route.length && net.linkLength[nextLink]! < SHORT_LINK_M
          ? route[routePos[k]! + 2]!
          : -1;
      const wrong =
        !atEnd && (nextConn[k]! < 0 || (after >= 0 && nl > 1 && !servesTwo(st, lane, nextLink, after)));
      if (wrong) {
        let target = -1;
        for (let pass = after >= 0 ? 0 : 1; pass < 2 && target < 0; pass++) {
          for (let d = 1; d < nl && target < 0; d++) {
            if (idx - d >= 0 && laneOk(st, first + idx - d, pass, nextLink, after)) target = idx - d;
            else if (idx + d < nl && laneOk(st, first + idx + d, pass, nextLink, after)) target = idx + d;
          }
        }
        if (target < 0) {
          if (nextConn[k]! < 0) reroute(st, k);
          continue;
        }
        const to = lane + (target > idx ? 1 : -1);
        if (tryChange(st, k, lane, i, to, true)) continue;
        if (laneLen - xk < COOPERATE_M) askToYield(st, k, to, xk);
        if (nextConn[k]! < 0 && v[k]! < 0.1 && laneLen - xk < 5) {
          stuckS[k]! += st.stepS;
          if (stuckS[k]! > STUCK_REROUTE_S) reroute(st, k);
        }
        continue;
      }
      if (nl < 2) continue;
      const blocked = block > xk && block - xk < 80;
      let gap = 1e9;
      if (i > 0) {
        const ld = lanes.lists[lane]![i - 1]!;
        gap = x[ld]! - st.tLen[type[ld]!]! - xk;
      }
      const v0 = desiredSpeed(st, k, lane);
      if (!blocked && (gap > 40 || v[k]! > 0.85 * v0)) continue;
      lcReadyS[k] = t + 2;
      for (let side = 0; side < 2; side++) {
        const j = side === 0 ? idx + 1 : idx - 1;
        if (j < 0 || j >= nl) continue;
        const to = first + j;
        if (!atEnd && !laneServes(st, to, nextLink)) continue;
        if (st.laneBlockAt[to]! > xk && st.laneBlockAt[to]! - xk < 80) continue;
        const at = lanes.slotFor(to, xk, x);
        let other = 1e9;
        if (at > 0) {
          const ld = lanes.lists[to]![at - 1]!;
          other = x[ld]! - st.tLen[type[ld]!]! - xk;
        }
        if ((blocked || other > gap + 15) && tryChange(st, k, lane, i, to, blocked)) break;
      }
    }
  }
}
