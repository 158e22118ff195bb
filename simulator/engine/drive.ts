/**
 * @module simulator/engine/drive
 * The hot loop: IDM accelerations for every vehicle from the state at the start of the step
 * (synchronous update), then a front-to-back pass per lane that moves vehicles (Euler, as SUMO's
 * default integration) and keeps every gap >= 0. No allocation per vehicle per step.
 */
import { idmAccel } from './idm.ts';
import { stopLineAhead, junctionLeaderGap, junctionLeaderSpeed } from './junctions.ts';
import type { SimState } from './state.ts';

/** Emergency deceleration bound, m/s² (SUMO's default emergencyDecel for passenger cars). */
export const EMERGENCY_DECEL = 9;
/** Below this speed a vehicle counts as waiting (SUMO). */
export const HALT_SPEED = 0.1;

/** Compute every vehicle's acceleration for this step. */
export function accelerate(st: SimState): void {
  const { net, veh, lanes } = st;
  const { x, v, acc, speedFactor, type, nextConn, junctionConn, mustStop, stopLink, stopPos } = veh;
  const { yieldFor, yieldUntilS } = veh;
  const t = st.timeS;
  const { tLen, tMinGap, tAccel, tDecel, tMaxSpeed, tHeadway } = st;
  const lists = lanes.lists;
  const counts = lanes.counts;
  const laneCount = counts.length;
  const connSpeed = net.connSpeed;
  for (let lane = 0; lane < laneCount; lane++) {
    const n = counts[lane]!;
    if (n === 0) continue;
    const list = lists[lane]!;
    const laneLen = net.laneLength[lane]!;
    const laneSpeed = net.laneSpeed[lane]!;
    const block = st.laneBlockAt[lane]!;
    const link = net.laneLink[lane]!;
    for (let i = 0; i < n; i++) {
      const k = list[i]!;
      const ty = type[k]!;
      const vk = v[k]!;
      const xk = x[k]!;
      const b = tDecel[ty]!;
      const s0 = tMinGap[ty]!;
      let v0 = laneSpeed * speedFactor[k]!;
      const vmax = tMaxSpeed[ty]!;
      if (v0 > vmax) v0 = vmax;
      const jc = junctionConn[k]!;
      if (jc >= 0 && connSpeed[jc]! < v0) v0 = connSpeed[jc]!;
      let gap = 1e9;
      let vl = 0;
      if (i > 0) {
        const ld = list[i - 1]!;
        gap = x[ld]! - tLen[type[ld]!]! - xk;
        vl = v[ld]!;
      }
      const dist = laneLen - xk;
      mustStop[k] = 0;
      if (dist < 40 + (vk * vk) / b) {
        const c = nextConn[k]!;
        // Slow down for the turn: the speed from which the junction speed is reachable at b/2.
        if (c >= 0) {
          const cs = connSpeed[c]!;
          if (cs < v0) {
            const env = Math.sqrt(cs * cs + b * (dist > 0 ? dist : 0));
            if (env < v0) v0 = env;
          }
        }
        const stop = stopLineAhead(st, k, i === 0, dist, vk, b);
        if (stop) {
          mustStop[k] = 1;
          const sg = dist + s0 - 0.5;
          if (sg < gap) {
            gap = sg;
            vl = 0;
          }
        } else if (i === 0 && c >= 0) {
          const g = junctionLeaderGap(st, c, dist);
          if (g < gap) {
            gap = g;
            vl = junctionLeaderSpeed;
          }
        }
      }
      // A scheduled stop (bus stop): an obstacle that holds the front bumper at the stop position.
      if (stopLink[k] === link && stopPos[k]! >= xk - 0.5) {
        const sg = stopPos[k]! - xk + s0;
        if (sg < gap) {
          gap = sg > s0 ? sg : s0;
          vl = 0;
        }
      }
      // Cooperation: leave room behind a neighbour that must change into this lane.
      const yf = yieldFor[k]!;
      if (yf >= 0) {
        const back = x[yf]! - tLen[type[yf]!]!;
        if (yieldUntilS[k]! < t || net.laneLink[veh.lane[yf]!] !== link || back <= xk) yieldFor[k] = -1;
        else if (back - xk < gap) {
          gap = back - xk;
          vl = 0;
        }
      }
      if (block < Infinity && block > xk) {
        const bg = block - xk;
        if (bg < gap) {
          gap = bg;
          vl = 0;
        }
      }
      let a = idmAccel(vk, v0, gap, vl, tAccel[ty]!, b, s0, tHeadway[ty]!);
      if (a < -EMERGENCY_DECEL) a = -EMERGENCY_DECEL;
      acc[k] = a;
    }
  }
}

/**
 * Move every vehicle, keep gaps >= 0 and accrue its statistics. Lanes are walked front to back so
 * each follower is checked against its leader's new position.
 */
export function move(st: SimState): void {
  const { net, veh, lanes } = st;
  const { x, v, acc, speedFactor, type, junctionConn, mustStop, halted } = veh;
  const { timeLossS, waitingS, stops } = veh;
  const { tLen, tMaxSpeed } = st;
  const lists = lanes.lists;
  const counts = lanes.counts;
  const dt = st.stepS;
  const laneCount = counts.length;
  let updates = 0;
  for (let lane = 0; lane < laneCount; lane++) {
    const n = counts[lane]!;
    if (n === 0) continue;
    updates += n;
    const list = lists[lane]!;
    const laneLen = net.laneLength[lane]!;
    const laneSpeed = net.laneSpeed[lane]!;
    const link = net.laneLink[lane]!;
    let linkLoss = 0;
    for (let i = 0; i < n; i++) {
      const k = list[i]!;
      const ty = type[k]!;
      let vn = v[k]! + acc[k]! * dt;
      if (vn < 0) vn = 0;
      let xn = x[k]! + vn * dt;
      if (i > 0) {
        const ld = list[i - 1]!;
        const maxX = x[ld]! - tLen[type[ld]!]!;
        if (xn > maxX) {
          xn = maxX > x[k]! ? maxX : x[k]!;
          vn = (xn - x[k]!) / dt;
        }
      } else if (mustStop[k] === 1 && xn > laneLen && x[k]! <= laneLen) {
        xn = laneLen;
        vn = 0;
      }
      x[k] = xn;
      v[k] = vn;
      const jc = junctionConn[k]!;
      if (jc >= 0 && xn - tLen[ty]! >= 0) {
        st.connInJunction[jc]!--;
        junctionConn[k] = -1;
      }
      let allowed = laneSpeed * speedFactor[k]!;
      const vmax = tMaxSpeed[ty]!;
      if (allowed > vmax) allowed = vmax;
      if (allowed > 0 && vn < allowed) {
        const loss = dt * (1 - vn / allowed);
        timeLossS[k]! += loss;
        linkLoss += loss;
      }
      if (vn < 0.1) {
        waitingS[k]! += dt;
        if (halted[k] === 0) {
          halted[k] = 1;
          stops[k]!++;
        }
      } else halted[k] = 0;
    }
    st.linkTimeLoss[link]! += linkLoss;
  }
  st.counters.vehicleUpdates += updates;
}

/** Re-establish gaps >= 0 on one lane after a vehicle was held back at its stop line. */
export function reclampLane(st: SimState, lane: number): void {
  const { x, v, type } = st.veh;
  const list = st.lanes.lists[lane]!;
  const n = st.lanes.counts[lane]!;
  for (let i = 1; i < n; i++) {
    const ld = list[i - 1]!;
    const k = list[i]!;
    const maxX = x[ld]! - st.tLen[type[ld]!]!;
    if (x[k]! > maxX) {
      x[k] = maxX;
      if (v[k]! > v[ld]!) v[k] = v[ld]!;
    }
  }
}
