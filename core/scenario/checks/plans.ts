/**
 * @module core/scenario/checks/plans
 * Timing plan checks. Splits include yellow and red clearance (NTCIP 1202 split time), so each split
 * must be at least min green + yellow + red clearance (and walk + pedestrian clearance + yellow + red
 * clearance where the phase has a pedestrian movement). NEMA: each ring's splits sum to the cycle and
 * both rings reach the barrier together. Stages: the stage splits sum to the cycle.
 */
import type { NemaPhase, SignalGroup, SignalPlan } from '../../network/index.ts';
import type { Scenario } from '../schema.ts';
import type { CheckContext } from './context.ts';
import { indexBy } from './context.ts';
import { BARRIER_SIDES, ringOf } from './nema.ts';

type Intersection = Scenario['intersections'][number];

/** Splits and cycles are equal when within this many seconds. */
const EPS_S = 0.01;

/** Seconds, without float noise. */
function s(x: number): string {
  return `${Math.round(x * 100) / 100} s`;
}

/** Check plan ids, the default plan, the schedule and every plan's splits. */
export function checkPlans(ctx: CheckContext, ix: Intersection, at: string): void {
  const plans = indexBy(ix.plans, `${at}.plans`, (p) => p.id, ctx.issues);
  if (!plans.has(ix.defaultPlanId))
    ctx.issues.add(`${at}.defaultPlanId`, `unknown plan "${ix.defaultPlanId}"`);
  const seen = new Set<string>();
  ix.schedule.forEach((entry, k) => {
    if (!plans.has(entry.planId))
      ctx.issues.add(`${at}.schedule[${k}].planId`, `unknown plan "${entry.planId}"`);
    if (seen.has(entry.from))
      ctx.issues.add(`${at}.schedule[${k}].from`, `two schedule entries start at ${entry.from}`);
    seen.add(entry.from);
  });
  ix.plans.forEach((plan, j) => {
    const pat = `${at}.plans[${j}]`;
    if (plan.offsetS >= plan.cycleS)
      ctx.issues.add(
        `${pat}.offsetS`,
        `offset ${s(plan.offsetS)} is not less than the cycle ${s(plan.cycleS)}`,
      );
    if (ix.control.type === 'nema') checkNemaPlan(ctx, ix.control.phases, plan, pat);
    else checkStagePlan(ctx, ix.control.groups, ix.control.stages, plan, pat);
  });
}

function minSplitOf(p: NemaPhase | SignalGroup): number {
  return p.minGreenS + p.yellowS + p.redClearS;
}

function checkNemaPlan(ctx: CheckContext, phases: readonly NemaPhase[], plan: SignalPlan, pat: string): void {
  const byNumber = new Map(phases.map((p) => [p.phase, p]));
  for (const key of Object.keys(plan.splitsS)) {
    if (!byNumber.has(Number(key)) || !/^[1-8]$/.test(key))
      ctx.issues.add(`${pat}.splitsS.${key}`, `split for unknown phase "${key}"`);
  }
  const splitOf = (p: number): number | undefined => plan.splitsS[String(p)];
  for (const p of byNumber.values()) {
    const split = splitOf(p.phase);
    if (split === undefined) {
      ctx.issues.add(`${pat}.splitsS`, `phase ${p.phase} has no split`);
      continue;
    }
    const min = minSplitOf(p);
    if (split < min - EPS_S)
      ctx.issues.add(
        `${pat}.splitsS.${p.phase}`,
        `split ${s(split)} for phase ${p.phase} is shorter than min green + yellow + red clearance = ${s(min)}`,
      );
    if (p.walkS !== undefined && p.pedClearS !== undefined) {
      const ped = p.walkS + p.pedClearS + p.yellowS + p.redClearS;
      if (split < ped - EPS_S)
        ctx.issues.add(
          `${pat}.splitsS.${p.phase}`,
          `split ${s(split)} for phase ${p.phase} is shorter than walk + pedestrian clearance + yellow + red clearance = ${s(ped)}`,
        );
    }
  }
  for (const ring of [1, 2] as const) {
    const inRing = [...byNumber.keys()].filter((p) => ringOf(p) === ring).sort();
    if (inRing.length === 0 || inRing.some((p) => splitOf(p) === undefined)) continue;
    const sum = inRing.reduce((acc, p) => acc + (splitOf(p) ?? 0), 0);
    if (Math.abs(sum - plan.cycleS) > EPS_S)
      ctx.issues.add(
        `${pat}.splitsS`,
        `ring ${ring} splits (phases ${inRing.join('+')}) sum to ${s(sum)}, not the cycle ${s(plan.cycleS)}`,
      );
  }
  for (const side of BARRIER_SIDES) {
    const r1 = side.filter((p) => ringOf(p) === 1 && byNumber.has(p));
    const r2 = side.filter((p) => ringOf(p) === 2 && byNumber.has(p));
    if (r1.length === 0 || r2.length === 0) continue;
    const t1 = r1.reduce((acc, p) => acc + (splitOf(p) ?? 0), 0);
    const t2 = r2.reduce((acc, p) => acc + (splitOf(p) ?? 0), 0);
    if (Math.abs(t1 - t2) > EPS_S)
      ctx.issues.add(
        `${pat}.splitsS`,
        `rings reach the barrier at different times: phases ${r1.join('+')} total ${s(t1)} but phases ${r2.join('+')} total ${s(t2)}`,
      );
  }
  plan.coordinated.forEach((c, k) => {
    if (typeof c !== 'number' || !byNumber.has(c))
      ctx.issues.add(
        `${pat}.coordinated[${k}]`,
        `coordinated phase ${JSON.stringify(c)} is not a phase here`,
      );
  });
}

function checkStagePlan(
  ctx: CheckContext,
  groups: readonly SignalGroup[],
  stages: readonly { id: string; groups: readonly number[] }[],
  plan: SignalPlan,
  pat: string,
): void {
  const byGroup = new Map(groups.map((g) => [g.group, g]));
  const stageIds = new Set(stages.map((st) => st.id));
  for (const key of Object.keys(plan.splitsS)) {
    if (!stageIds.has(key)) ctx.issues.add(`${pat}.splitsS.${key}`, `split for unknown stage "${key}"`);
  }
  let sum = 0;
  for (const stage of stages) {
    const split = plan.splitsS[stage.id];
    if (split === undefined) {
      ctx.issues.add(`${pat}.splitsS`, `stage "${stage.id}" has no split`);
      continue;
    }
    sum += split;
    for (const g of stage.groups) {
      const group = byGroup.get(g);
      if (group === undefined) continue;
      const min = minSplitOf(group);
      if (split < min - EPS_S)
        ctx.issues.add(
          `${pat}.splitsS.${stage.id}`,
          `split ${s(split)} for stage "${stage.id}" is shorter than min green + yellow + red clearance of signal group ${g} = ${s(min)}`,
        );
    }
  }
  if (Math.abs(sum - plan.cycleS) > EPS_S && stages.every((st) => plan.splitsS[st.id] !== undefined))
    ctx.issues.add(`${pat}.splitsS`, `stage splits sum to ${s(sum)}, not the cycle ${s(plan.cycleS)}`);
  plan.coordinated.forEach((c, k) => {
    if (typeof c !== 'string' || !stageIds.has(c))
      ctx.issues.add(
        `${pat}.coordinated[${k}]`,
        `coordinated stage ${JSON.stringify(c)} is not a stage here`,
      );
  });
}
