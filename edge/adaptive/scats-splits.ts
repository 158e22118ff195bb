/**
 * @module edge/adaptive/scats-splits
 * Split adaptation of a linked SCATS intersection (Lowrie 1982): once a cycle, a non-coordinated unit
 * whose last green ran to the end of its window with vehicles still crossing (degree of saturation 1 or
 * more) gains up to `maxStepS` of split, up to its maximum green; one that gapped out or was skipped
 * moves back towards the plan's split by the same step. The coordinated units take what is left of the
 * cycle on their barrier side, so the cycle and the offset stay the plan's.
 *
 * Why never below the plan: in linked operation a non-coordinated green gaps out when its queue has
 * gone and the spare time returns to the coordinated units, so a window longer than needed costs
 * nothing, while one shorter than needed cuts a queue (on the demo city's arterials, with no turn
 * pockets, a cut left-turn queue blocks the through lanes). The degree of saturation measured as used
 * green over green (unit tracker: loop occupancy plus 1 s a vehicle, or 1,900 veh/h a lane) reads low
 * in the simulator (0.2-0.7 on greens that ran out with vehicles waiting), and splits driven by it
 * starved the left turns: 113.6 s mean time loss against 85.7 s with the plan's splits (demo city,
 * seed 1). Whether a green ran to its window end with vehicles still crossing does not depend on the
 * loop's length or an assumed saturation flow.
 *
 * A unit without healthy loops moves back to the plan's split (missing data falls back to the plan,
 * never to a guess). A change that would leave a coordinated unit less than its minimum green is not
 * made.
 */
import type { SignalPlan } from '../../core/index.ts';
import type { UnitState } from './types.ts';

/** Settings of {@link adaptSplits}. */
export type SplitAdaptation = {
  /** Largest change of one split per cycle, s. */
  readonly maxStepS: number;
};

type PlanView = Pick<SignalPlan, 'cycleS' | 'splitsS' | 'coordinated'>;

/**
 * How a unit's last green ended: `true` at the end of its window with vehicles still crossing (degree
 * of saturation 1 or more: it wanted more), `false` gapped out or skipped, `null` unknown.
 */
export type SaturationOf = (unit: UnitState) => boolean | null;

/** The splits for the next cycle, starting from `currentS` (the plan's at first). */
export function adaptSplits(
  units: readonly UnitState[],
  currentS: Readonly<Record<string, number>>,
  plan: PlanView,
  saturated: SaturationOf,
  o: SplitAdaptation,
): Record<string, number> {
  const coordinated = new Set(plan.coordinated.map(String));
  const inPlan = units.filter((u) => (plan.splitsS[String(u.unit)] ?? 0) > 0);
  const next: Record<string, number> = { ...currentS };
  for (const u of inPlan) {
    const key = String(u.unit);
    if (coordinated.has(key)) continue;
    const planS = plan.splitsS[key] ?? 0;
    const current = currentS[key] ?? planS;
    const full = u.queueVeh !== null && saturated(u) === true;
    const desired = full ? Math.max(planS, u.maxGreenS + u.clearanceS) : planS;
    next[key] = current + Math.max(-o.maxStepS, Math.min(o.maxStepS, desired - current));
  }
  const barriers = [...new Set(inPlan.map((u) => u.barrier))];
  const coordinatedSides = new Set(
    inPlan.filter((u) => coordinated.has(String(u.unit))).map((u) => u.barrier),
  );
  const ringSum = (barrier: number, ring: number, skipCoordinated: boolean): number =>
    inPlan
      .filter((u) => u.barrier === barrier && u.ring === ring)
      .filter((u) => !(skipCoordinated && coordinated.has(String(u.unit))))
      .reduce((s, u) => s + (next[String(u.unit)] ?? 0), 0);
  const sideLength = (barrier: number): number =>
    Math.max(0, ...inPlan.filter((u) => u.barrier === barrier).map((u) => ringSum(barrier, u.ring, false)));
  const free = barriers.filter((b) => !coordinatedSides.has(b));
  const left = plan.cycleS - free.reduce((s, b) => s + sideLength(b), 0);
  const sides = [...coordinatedSides];
  for (const b of sides) {
    // Each coordinated side keeps its share of what is left, as in the plan.
    const planSide = (x: number): number =>
      Math.max(
        0,
        ...inPlan
          .filter((u) => u.barrier === x)
          .map((u) =>
            inPlan
              .filter((v) => v.barrier === x && v.ring === u.ring)
              .reduce((s, v) => s + (plan.splitsS[String(v.unit)] ?? 0), 0),
          ),
      );
    const planLeft = sides.reduce((s, x) => s + planSide(x), 0);
    const length = planLeft > 0 ? (left * planSide(b)) / planLeft : left / sides.length;
    for (const ring of new Set(inPlan.filter((u) => u.barrier === b).map((u) => u.ring))) {
      const lead = inPlan.find((u) => u.barrier === b && u.ring === ring && coordinated.has(String(u.unit)));
      if (lead === undefined) continue;
      const split = length - ringSum(b, ring, true);
      if (split < lead.minGreenS + lead.clearanceS) return { ...currentS };
      next[String(lead.unit)] = split;
    }
  }
  return next;
}
