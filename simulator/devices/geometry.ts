/**
 * @module simulator/devices/geometry
 * Where a vehicle is on the ground: a point and heading along its lane's centre line.
 */
import type { SimNet } from '../engine/index.ts';

/** Local x, y and heading (degrees clockwise from north) at `posM` along `lane`. */
export function pointOnLane(
  net: SimNet,
  lane: number,
  posM: number,
): { x: number; y: number; headingDeg: number } {
  const s = net.laneShape[lane]!;
  const n = s.length / 2;
  let total = 0;
  for (let i = 1; i < n; i++) total += Math.hypot(s[2 * i]! - s[2 * i - 2]!, s[2 * i + 1]! - s[2 * i - 1]!);
  // Shapes and link lengths can disagree (SUMO lengths include curvature): scale along the shape.
  let want = Math.max(0, Math.min(1, posM / net.laneLength[lane]!)) * total;
  for (let i = 1; i < n; i++) {
    const x0 = s[2 * i - 2]!;
    const y0 = s[2 * i - 1]!;
    const dx = s[2 * i]! - x0;
    const dy = s[2 * i + 1]! - y0;
    const seg = Math.hypot(dx, dy);
    if (want <= seg || i === n - 1) {
      const f = seg > 0 ? Math.min(1, want / seg) : 0;
      const heading = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
      return { x: x0 + dx * f, y: y0 + dy * f, headingDeg: heading };
    }
    want -= seg;
  }
  return { x: s[0]!, y: s[1]!, headingDeg: 0 };
}
