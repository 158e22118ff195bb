/**
 * @module simulator/engine/idm
 * Intelligent Driver Model (Treiber, Hennecke & Helbing 2000, Phys. Rev. E 62):
 * a = aMax (1 - (v / v0)^4 - (sStar / s)^2), sStar = s0 + max(0, v T + v dv / (2 sqrt(aMax b))).
 */

/** Acceleration of a vehicle at speed `v` wanting `v0`, `gap` metres behind a leader at `vLeader`. */
export function idmAccel(
  v: number,
  v0: number,
  gap: number,
  vLeader: number,
  aMax: number,
  b: number,
  s0: number,
  headwayS: number,
): number {
  const r = v0 > 0 ? v / v0 : 1;
  const r2 = r * r;
  let a = aMax * (1 - r2 * r2);
  if (gap < 1e6) {
    const dv = v - vLeader;
    const dyn = v * headwayS + (v * dv) / (2 * Math.sqrt(aMax * b));
    const sStar = s0 + (dyn > 0 ? dyn : 0);
    const s = gap > 0.01 ? gap : 0.01;
    const q = sStar / s;
    a -= aMax * q * q;
  }
  return a;
}
