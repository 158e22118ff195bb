/**
 * @module core/scenario/checks/signals
 * Signalized intersection checks: the node exists and is signalized, the region exists, and the signal
 * control is sound — NEMA phases on the right ring and barrier side (NTCIP 1202 dual ring: ring 1 =
 * phases 1-4, ring 2 = 5-8, barrier between {1,2,5,6} and {3,4,7,8}), or stages over existing groups —
 * with movements that end at this node, detectors on its approaches, and min green <= max green.
 */
import type { NemaPhase, SignalGroup } from '../../network/index.ts';
import type { Scenario } from '../schema.ts';
import type { CheckContext } from './context.ts';
import { indexBy, ref } from './context.ts';
import { BARRIER_SIDES, ringOf } from './nema.ts';
import { checkConflicts } from './conflicts.ts';
import { checkPlans } from './plans.ts';

type Intersection = Scenario['intersections'][number];

/** Check every intersection, and that every signalized node has one. */
export function checkIntersections(ctx: CheckContext): void {
  const byNode = new Map<string, string>();
  ctx.scenario.intersections.forEach((ix, i) => {
    const at = `intersections[${i}]`;
    const node = ref(ctx, ctx.nodes, ix.nodeId, `${at}.nodeId`, 'node');
    if (node !== undefined && node.type !== 'signalized')
      ctx.issues.add(`${at}.nodeId`, `node "${node.id}" is of type "${node.type}", not "signalized"`);
    const other = byNode.get(ix.nodeId);
    if (other !== undefined && other !== ix.id)
      ctx.issues.add(`${at}.nodeId`, `node "${ix.nodeId}" already has intersection "${other}"`);
    else byNode.set(ix.nodeId, ix.id);
    ref(ctx, ctx.regions, ix.region, `${at}.region`, 'region');
    if (ix.control.type === 'nema') checkNema(ctx, ix, ix.control.phases, at);
    else checkStages(ctx, ix, ix.control, at);
    checkPlans(ctx, ix, at);
    checkConflicts(ctx, ix, at);
  });
  checkUnservedMovements(ctx);
  ctx.scenario.network.nodes.forEach((node, i) => {
    if (node.type === 'signalized' && !byNode.has(node.id))
      ctx.issues.add(`network.nodes[${i}].type`, `signalized node "${node.id}" has no intersection`);
  });
}

function checkNema(ctx: CheckContext, ix: Intersection, phases: readonly NemaPhase[], at: string): void {
  const path = `${at}.control.phases`;
  const numbers = indexBy(phases, path, (p) => String(p.phase), ctx.issues, 'phase');
  for (const side of BARRIER_SIDES) {
    const present = side.filter((p) => numbers.has(String(p)));
    if (present.length === 0) continue;
    for (const ring of [1, 2] as const) {
      if (present.some((p) => ringOf(p) === ring)) continue;
      const other = ring === 1 ? 2 : 1;
      ctx.issues.add(
        path,
        `barrier violation: phase(s) ${present.join(', ')} of barrier side {${side.join(',')}} are in ring ${other} only; ring ${ring} needs a phase on that side too`,
      );
    }
  }
  phases.forEach((p, j) => checkTimedGroup(ctx, ix, p, `${path}[${j}]`, `phase ${p.phase}`));
  phases.forEach((p, j) =>
    p.permissiveMovements.forEach((m, k) =>
      checkMovementAtNode(ctx, ix, m, `${path}[${j}].permissiveMovements[${k}]`),
    ),
  );
}

function checkStages(
  ctx: CheckContext,
  ix: Intersection,
  control: { groups: readonly SignalGroup[]; stages: readonly { id: string; groups: readonly number[] }[] },
  at: string,
): void {
  const groups = indexBy(control.groups, `${at}.control.groups`, (g) => String(g.group), ctx.issues, 'group');
  control.groups.forEach((g, j) =>
    checkTimedGroup(ctx, ix, g, `${at}.control.groups[${j}]`, `signal group ${g.group}`),
  );
  indexBy(control.stages, `${at}.control.stages`, (s) => s.id, ctx.issues);
  const used = new Set<number>();
  control.stages.forEach((stage, j) =>
    stage.groups.forEach((g, k) => {
      used.add(g);
      if (!groups.has(String(g)))
        ctx.issues.add(`${at}.control.stages[${j}].groups[${k}]`, `unknown signal group ${g}`);
    }),
  );
  control.groups.forEach((g, j) => {
    if (!used.has(g.group))
      ctx.issues.add(
        `${at}.control.groups[${j}]`,
        `signal group ${g.group} is in no stage, so it never goes green`,
      );
  });
}

type TimedGroup = {
  movements: readonly string[];
  minGreenS: number;
  maxGreenS: number;
  detectorIds: readonly string[];
};

function checkTimedGroup(ctx: CheckContext, ix: Intersection, g: TimedGroup, at: string, name: string): void {
  g.movements.forEach((m, k) => checkMovementAtNode(ctx, ix, m, `${at}.movements[${k}]`));
  if (g.minGreenS > g.maxGreenS)
    ctx.issues.add(
      `${at}.minGreenS`,
      `${name}: min green ${g.minGreenS} s exceeds max green ${g.maxGreenS} s`,
    );
  g.detectorIds.forEach((id, k) => {
    const det = ref(ctx, ctx.detectors, id, `${at}.detectorIds[${k}]`, 'detector');
    const link = det === undefined ? undefined : ctx.links.get(det.linkId);
    if (link !== undefined && link.to !== ix.nodeId)
      ctx.issues.add(
        `${at}.detectorIds[${k}]`,
        `detector "${id}" is on link "${link.id}", which does not lead to node "${ix.nodeId}"`,
      );
  });
}

function checkMovementAtNode(ctx: CheckContext, ix: Intersection, id: string, at: string): void {
  const m = ref(ctx, ctx.movements, id, at, 'movement');
  const link = m === undefined ? undefined : ctx.links.get(m.fromLink);
  if (link !== undefined && link.to !== ix.nodeId)
    ctx.issues.add(
      at,
      `movement "${id}" does not end at node "${ix.nodeId}": its link "${link.id}" leads to "${link.to}"`,
    );
}

/** Every movement into a signalized node must be served by some phase or group, or it never gets green. */
function checkUnservedMovements(ctx: CheckContext): void {
  const served = new Map<string, Set<string>>();
  for (const ix of ctx.scenario.intersections) {
    const ids = new Set<string>();
    if (ix.control.type === 'nema')
      for (const p of ix.control.phases)
        for (const m of [...p.movements, ...p.permissiveMovements]) ids.add(m);
    else for (const g of ix.control.groups) for (const m of g.movements) ids.add(m);
    served.set(ix.nodeId, ids);
  }
  ctx.scenario.network.movements.forEach((m, i) => {
    const link = ctx.links.get(m.fromLink);
    const ids = link === undefined ? undefined : served.get(link.to);
    if (ids !== undefined && !ids.has(m.id))
      ctx.issues.add(
        `network.movements[${i}]`,
        `movement "${m.id}" at signalized node "${link?.to}" is served by no phase or signal group, so it never gets green`,
      );
  });
}
