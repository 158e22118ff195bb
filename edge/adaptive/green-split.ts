/**
 * @module edge/adaptive/green-split
 * Share a cycle's green among units in proportion to weights (flow ratios, used green), respecting the
 * NEMA ring-and-barrier structure: each barrier side gets green in proportion to its critical (largest)
 * ring weight, each ring within a side shares that side's time, and every unit stays within its minimum
 * and maximum green. Stage control is the one-ring, one-unit-per-side case.
 */
import type { UnitTiming } from './types.ts';

/** Greens per unit key, seconds, and the lost time of the critical path, seconds. */
export type GreenSplit = { readonly greensS: ReadonlyMap<string, number>; readonly lostTimeS: number };

type Side = { barrier: number; rings: Map<number, UnitTiming[]> };

function sidesOf(units: readonly UnitTiming[]): Side[] {
  const sides = new Map<number, Side>();
  for (const u of units) {
    const side = sides.get(u.barrier) ?? { barrier: u.barrier, rings: new Map() };
    const ring = side.rings.get(u.ring) ?? [];
    ring.push(u);
    side.rings.set(u.ring, ring);
    sides.set(u.barrier, side);
  }
  return [...sides.values()].sort((a, b) => a.barrier - b.barrier);
}

/** Critical lost time (clearances on the critical path), seconds. */
export function lostTimeS(units: readonly UnitTiming[]): number {
  let lost = 0;
  for (const side of sidesOf(units)) {
    lost += Math.max(...[...side.rings.values()].map((r) => r.reduce((s, u) => s + u.clearanceS, 0)));
  }
  return lost;
}

/** Critical weight sum: per barrier side the largest ring sum, added over sides (Webster's Y). */
export function criticalSum(units: readonly UnitTiming[], weight: (u: UnitTiming) => number): number {
  let total = 0;
  for (const side of sidesOf(units)) {
    total += Math.max(...[...side.rings.values()].map((r) => r.reduce((s, u) => s + weight(u), 0)));
  }
  return total;
}

/** Split `cycleS` into unit greens by `weight`. */
export function splitGreens(
  units: readonly UnitTiming[],
  cycleS: number,
  weight: (u: UnitTiming) => number,
): GreenSplit {
  const sides = sidesOf(units);
  const lost = lostTimeS(units);
  const green = Math.max(0, cycleS - lost);
  const sideWeight = sides.map((s) =>
    Math.max(...[...s.rings.values()].map((r) => r.reduce((sum, u) => sum + Math.max(0, weight(u)), 0))),
  );
  const totalWeight = sideWeight.reduce((a, b) => a + b, 0);
  const greensS = new Map<string, number>();
  sides.forEach((side, i) => {
    const share = totalWeight > 0 ? (sideWeight[i] ?? 0) / totalWeight : 1 / sides.length;
    const sideLost = Math.max(
      ...[...side.rings.values()].map((r) => r.reduce((s, u) => s + u.clearanceS, 0)),
    );
    for (const ring of side.rings.values()) {
      const ringLost = ring.reduce((s, u) => s + u.clearanceS, 0);
      const available = green * share + (sideLost - ringLost);
      const ringWeight = ring.reduce((s, u) => s + Math.max(0, weight(u)), 0);
      for (const u of ring) {
        const g =
          ringWeight > 0 ? (available * Math.max(0, weight(u))) / ringWeight : available / ring.length;
        greensS.set(String(u.unit), Math.min(u.maxGreenS, Math.max(u.minGreenS, g)));
      }
    }
  });
  return { greensS, lostTimeS: lost };
}
