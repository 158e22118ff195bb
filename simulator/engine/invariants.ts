/**
 * @module simulator/engine/invariants
 * Checks of the engine's promises, for tests and debugging: on every lane the gap between a vehicle's
 * front and its leader's back is >= 0, lanes are ordered front first, and vehicles are conserved.
 */
import type { SimState } from './state.ts';

/** A broken promise: which and where. */
export type InvariantViolation = {
  readonly kind: 'overlap' | 'order' | 'conservation';
  readonly detail: string;
};

/** Check every lane's gaps and order; returns the first violation or null. */
export function checkLanes(st: SimState): InvariantViolation | null {
  const { x, type } = st.veh;
  let total = 0;
  for (let lane = 0; lane < st.lanes.counts.length; lane++) {
    const n = st.lanes.counts[lane]!;
    total += n;
    const list = st.lanes.lists[lane]!;
    for (let i = 1; i < n; i++) {
      const ld = list[i - 1]!;
      const k = list[i]!;
      const gap = x[ld]! - st.tLen[type[ld]!]! - x[k]!;
      if (gap < -1e-9)
        return {
          kind: 'overlap',
          detail: `lane ${lane} t=${st.timeS}: gap ${gap.toFixed(3)} m behind slot ${ld}`,
        };
      if (x[k]! > x[ld]!)
        return { kind: 'order', detail: `lane ${lane} t=${st.timeS}: slot ${k} ahead of ${ld}` };
    }
  }
  if (total !== st.veh.running)
    return { kind: 'conservation', detail: `${total} vehicles on lanes but ${st.veh.running} running` };
  if (st.counters.inserted !== st.counters.arrived + st.veh.running)
    return {
      kind: 'conservation',
      detail: `inserted ${st.counters.inserted} != arrived ${st.counters.arrived} + running ${st.veh.running}`,
    };
  return null;
}
