/**
 * @module simulator/engine/junctions
 * Stop lines and junctions: whether a vehicle must stop at the end of its lane (red; yellow when it
 * can stop comfortably; a permissive or minor movement with conflicting traffic; no room behind the
 * junction; no connection from its lane), who it follows across the junction, and the transfer of
 * vehicles whose front crossed the stop line onto their next lane (or out of the network).
 */
import { GO } from './types.ts';
import type { SimState } from './state.ts';
import { nextConnectionOf } from './state.ts';

/** Emergency deceleration used to decide that a vehicle can no longer stop, m/s². */
const CANNOT_STOP_DECEL = 9;
/** Critical gap a yielding driver accepts in oncoming traffic, s (HCM 7th ed., permitted left ~4.5 s). */
const CRITICAL_GAP_S = 4.5;

/** Speed of the leader found by the last {@link junctionLeaderGap} call (avoids allocating a pair). */
export let junctionLeaderSpeed = 0;

/** Whether any foe of connection `c` is in the junction or about to enter it. */
export function hasConflict(st: SimState, c: number): boolean {
  const net = st.net;
  const end = net.connFoeStart[c + 1]!;
  const { x, v, nextConn, mustStop } = st.veh;
  for (let q = net.connFoeStart[c]!; q < end; q++) {
    const f = net.connFoes[q]!;
    if (st.connInJunction[f]! > 0) return true;
    if (st.connGo[f] === GO.stop) continue;
    const fl = net.connFromLane[f]!;
    const n = st.lanes.counts[fl]!;
    if (n === 0) continue;
    const list = st.lanes.lists[fl]!;
    const len = net.laneLength[fl]!;
    const m = n < 2 ? n : 2;
    for (let j = 0; j < m; j++) {
      const fv = list[j]!;
      // A foe that decided to stop, or that waits to yield itself, does not block.
      if (nextConn[fv] !== f || mustStop[fv] === 1) continue;
      if (v[fv]! < 0.5 && st.connGo[f] === GO.yield) continue;
      const fd = len - x[fv]!;
      if (fd < v[fv]! * CRITICAL_GAP_S + 3) return true;
    }
  }
  return false;
}

/**
 * Whether vehicle `k`, `dist` metres before its stop line at speed `vk`, must stop there this step.
 * Followers (not `front`) only obey the signal; the front vehicle also yields and keeps the box clear.
 */
export function stopLineAhead(
  st: SimState,
  k: number,
  front: boolean,
  dist: number,
  vk: number,
  decel: number,
): boolean {
  const veh = st.veh;
  const route = veh.routes[k]!;
  if (veh.routePos[k]! + 1 >= route.length) return false;
  const c = veh.nextConn[k]!;
  if (c < 0) return true;
  const go = st.connGo[c]!;
  if (go === GO.stop) return dist > (vk * vk) / (2 * CANNOT_STOP_DECEL);
  if (go === GO.yellow) return dist >= (vk * vk) / (2 * decel);
  if (!front) return false;
  if (go === GO.yield && dist < 60 && dist > (vk * vk) / (2 * CANNOT_STOP_DECEL) && hasConflict(st, c))
    return true;
  return !roomBehindJunction(st, c, k);
}

/** Keep the junction clear: enter only if the target lane's last vehicle leaves room or moves. */
function roomBehindJunction(st: SimState, c: number, k: number): boolean {
  const tl = st.net.connToLane[c]!;
  const n = st.lanes.counts[tl]!;
  if (n === 0) return true;
  const last = st.lanes.lists[tl]![n - 1]!;
  const { x, v, type } = st.veh;
  if (v[last]! > 2) return true;
  return x[last]! - st.tLen[type[last]!]! >= st.tLen[type[k]!]! + 0.5;
}

/** Gap from a vehicle `dist` metres before its stop line to the last vehicle on connection `c`'s lane. */
export function junctionLeaderGap(st: SimState, c: number, dist: number): number {
  const tl = st.net.connToLane[c]!;
  const n = st.lanes.counts[tl]!;
  if (n === 0) return 1e9;
  const last = st.lanes.lists[tl]![n - 1]!;
  const { x, v, type } = st.veh;
  junctionLeaderSpeed = v[last]!;
  return dist + st.net.connVia[c]! + x[last]! - st.tLen[type[last]!]!;
}

/**
 * Move vehicles whose front passed the end of their lane onto the next lane of their route, or
 * retire them at the end of the route. Returns the number of vehicles that arrived. A vehicle that
 * cannot enter (no room, no connection) is held at the stop line.
 */
export function transfer(st: SimState, arrive: (veh: number) => void, held: (lane: number) => void): void {
  const { net, veh, lanes } = st;
  const { x, v, type, routePos, nextConn, junctionConn, stamp } = veh;
  const counts = lanes.counts;
  const laneCount = counts.length;
  for (let lane = 0; lane < laneCount; lane++) {
    const laneLen = net.laneLength[lane]!;
    while (counts[lane]! > 0) {
      const k = lanes.lists[lane]![0]!;
      if (x[k]! <= laneLen || stamp[k] === st.stepNo) break;
      const route = veh.routes[k]!;
      if (routePos[k]! + 1 >= route.length) {
        lanes.removeAt(lane, 0);
        st.linkDischarged[net.laneLink[lane]!]!++;
        arrive(k);
        continue;
      }
      const c = nextConn[k]!;
      const tl = c >= 0 ? net.connToLane[c]! : -1;
      const nx = x[k]! - laneLen - (c >= 0 ? net.connVia[c]! : 0);
      let at = -1;
      if (tl >= 0) {
        at = lanes.slotFor(tl, nx, x);
        const list = lanes.lists[tl]!;
        const len = st.tLen[type[k]!]!;
        if (at > 0) {
          const ld = list[at - 1]!;
          if (x[ld]! - st.tLen[type[ld]!]! < nx) at = -1;
        }
        if (at >= 0 && at < counts[tl]! && nx - len < x[list[at]!]!) at = -1;
      }
      if (at < 0) {
        x[k] = laneLen;
        v[k] = 0;
        st.counters.blockedEntries++;
        held(lane);
        break;
      }
      lanes.removeAt(lane, 0);
      st.linkDischarged[net.laneLink[lane]!]!++;
      lanes.insertAt(tl, at, k);
      x[k] = nx;
      veh.lane[k] = tl;
      routePos[k]!++;
      stamp[k] = st.stepNo;
      if (junctionConn[k]! >= 0) st.connInJunction[junctionConn[k]!]!--;
      junctionConn[k] = c;
      st.connInJunction[c]!++;
      nextConn[k] = nextConnectionOf(st, k);
    }
  }
}
