/**
 * @module scenarios/demo-city/signals
 * NEMA dual-ring phasing (NTCIP 1202 phase table) and timing plans for every signalized site.
 *
 * Ring 1 = phases 1-4, ring 2 = phases 5-8; barrier sides {1,2,5,6} (arterial) and {3,4,7,8} (cross
 * street). Phase 2 = eastbound through and right, 6 = westbound; 4 = northbound, 8 = southbound;
 * 1/5 and 3/7 are the protected lefts that may run beside the through of their own approach
 * (1 = westbound left, 5 = eastbound left, 3 = southbound left, 7 = northbound left).
 *
 * Teheran-ro (GN01-GN08) runs coordinated: common cycle, offsets for an eastbound progression at
 * 45 km/h, coordinated phases 2 and 6. Seocho-daero (SC01-SC04) runs fixed time. Plans: an AM-peak plan
 * and an off-peak plan, switched by time of day.
 */
import type { Detector, Intersection, NemaPhase, SignalPlan, Turn } from '../../core/index.ts';
import { distanceM } from './geo.ts';
import type { DistrictNetwork, Junction, Side } from './network-types.ts';
import type { SiteKind } from './places.ts';
import { WALK_S, pedClearS, redClearS, roadWidthM, yellowS } from './timing.ts';
import type { PlanTemplate } from './plans.ts';
import { PLAN_SCHEDULE, PROGRESSION_KMH, planTemplates } from './plans.ts';

type PhaseSpec = { phase: number; side: Side; turns: Turn[]; permissive?: Turn[] };

const TR: Turn[] = ['through', 'right'];
const LEFT: Turn[] = ['left'];

/** Which approach and turns each phase serves, by kind of site. */
const PHASING: Readonly<Record<SiteKind, readonly PhaseSpec[]>> = {
  major: [
    { phase: 1, side: 'E', turns: LEFT },
    { phase: 2, side: 'W', turns: TR },
    { phase: 3, side: 'N', turns: LEFT },
    { phase: 4, side: 'S', turns: TR },
    { phase: 5, side: 'W', turns: LEFT },
    { phase: 6, side: 'E', turns: TR },
    { phase: 7, side: 'S', turns: LEFT },
    { phase: 8, side: 'N', turns: TR },
  ],
  minor: [
    { phase: 2, side: 'W', turns: TR },
    { phase: 4, side: 'S', turns: TR, permissive: LEFT },
    { phase: 6, side: 'E', turns: TR },
    { phase: 8, side: 'N', turns: TR, permissive: LEFT },
  ],
  // Single-point interchange: the off-ramp lefts run together (they pass left side to left side); the
  // off-ramp rights merge into the same exits, so they yield.
  interchange: [
    { phase: 1, side: 'E', turns: LEFT },
    { phase: 2, side: 'W', turns: TR },
    { phase: 4, side: 'S', turns: LEFT, permissive: ['right'] },
    { phase: 5, side: 'W', turns: LEFT },
    { phase: 6, side: 'E', turns: TR },
    { phase: 8, side: 'N', turns: LEFT, permissive: ['right'] },
  ],
};

/** Minimum and maximum greens, seconds: arterial through, cross through, protected left, ramp. */
function greens(kind: SiteKind, spec: PhaseSpec): { minGreenS: number; maxGreenS: number } {
  const arterial = spec.side === 'W' || spec.side === 'E';
  if (spec.turns.includes('left')) {
    if (kind === 'interchange' && !arterial) return { minGreenS: 8, maxGreenS: 45 };
    return { minGreenS: 6, maxGreenS: 30 };
  }
  if (arterial) return { minGreenS: 15, maxGreenS: 90 };
  return kind === 'minor' ? { minGreenS: 7, maxGreenS: 35 } : { minGreenS: 10, maxGreenS: 50 };
}

function phaseOf(net: DistrictNetwork, j: Junction, spec: PhaseSpec, detectors: Detector[]): NemaPhase {
  const arterial = spec.side === 'W' || spec.side === 'E';
  const lanes = (id: string): number => net.link(id).lanes;
  const width = (s: Side): number => roadWidthM(lanes(j.legs[s].in), lanes(j.legs[s].out));
  // A phase's vehicles cross the other road; its pedestrians walk beside them across that same road.
  const crossedM = arterial ? Math.max(width('N'), width('S')) : Math.max(width('W'), width('E'));
  const speedKmh = net.link(j.legs[spec.side].in).speedLimitKmh;
  const pick = (turns: readonly Turn[] | undefined) =>
    j.movements.filter((m) => m.side === spec.side && (turns ?? []).includes(m.turn));
  const prot = pick(spec.turns);
  const perm = pick(spec.permissive);
  const served = [...prot, ...perm];
  const detectorIds = detectors
    .filter((d) => served.some((m) => m.fromLink === d.linkId && m.fromLanes.includes(d.lane)))
    .filter((d) => d.role === 'stopbar' || !spec.turns.includes('left'))
    .map((d) => d.id);
  const ped =
    spec.turns.includes('through') && (arterial || j.site.kind !== 'interchange')
      ? { walkS: WALK_S, pedClearS: pedClearS(crossedM) }
      : {};
  return {
    phase: spec.phase,
    movements: prot.map((m) => m.id),
    permissiveMovements: perm.map((m) => m.id),
    ...greens(j.site.kind, spec),
    passageS: 3,
    yellowS: yellowS(speedKmh),
    redClearS: redClearS(crossedM, speedKmh),
    ...ped,
    detectorIds,
  };
}

/** Checks a plan against its phases: ring sums, barrier, minimum splits. Throws on a violation. */
export function checkPlan(id: string, phases: NemaPhase[], plan: SignalPlan): void {
  const split = (p: number): number => plan.splitsS[String(p)] ?? 0;
  const ring = (ps: number[]): number => ps.reduce((a, p) => a + split(p), 0);
  const problems: string[] = [];
  if (ring([1, 2, 3, 4]) !== plan.cycleS) problems.push(`ring 1 sums to ${ring([1, 2, 3, 4])}`);
  if (ring([5, 6, 7, 8]) !== plan.cycleS) problems.push(`ring 2 sums to ${ring([5, 6, 7, 8])}`);
  if (ring([1, 2]) !== ring([5, 6])) problems.push('barrier: 1+2 differs from 5+6');
  for (const p of phases) {
    const need = Math.max(p.minGreenS, (p.walkS ?? 0) + (p.pedClearS ?? 0)) + p.yellowS + p.redClearS;
    if (split(p.phase) < need) problems.push(`phase ${p.phase} split ${split(p.phase)} s < ${need} s`);
  }
  for (const key of Object.keys(plan.splitsS)) {
    if (!phases.some((p) => String(p.phase) === key)) problems.push(`split for missing phase ${key}`);
  }
  if (problems.length > 0) throw new Error(`demo-city ${id} plan ${plan.id}: ${problems.join('; ')}`);
}

function plansFor(j: Junction, template: PlanTemplate, distanceFromFirstM: number): SignalPlan[] {
  const v = PROGRESSION_KMH / 3.6;
  return template.plans.map((t) => {
    const splitsS: Record<string, number> = {};
    for (const spec of PHASING[j.site.kind]) splitsS[String(spec.phase)] = t.splitsS[spec.phase] ?? 0;
    return {
      id: t.id,
      cycleS: t.cycleS,
      offsetS: Math.round(distanceFromFirstM / v) % t.cycleS,
      splitsS,
      coordinated: [2, 6],
    };
  });
}

/** Builds the signalized intersections. */
export function buildIntersections(net: DistrictNetwork, detectors: Detector[]): Intersection[] {
  const firstOfGroup = new Map<string, [number, number]>();
  let previous: [number, number] | null = null;
  let run = 0;
  return net.junctions.map((j) => {
    const template = planTemplates(j.site);
    const first = firstOfGroup.get(template.group);
    if (first === undefined) {
      firstOfGroup.set(template.group, j.site.point);
      run = 0;
    } else if (previous !== null) {
      run += distanceM(previous, j.site.point);
    }
    previous = j.site.point;
    const phases = PHASING[j.site.kind].map((spec) => phaseOf(net, j, spec, detectors));
    const plans = plansFor(j, template, run);
    for (const plan of plans) checkPlan(j.site.id, phases, plan);
    const cross = j.site.kind === 'interchange' ? 'Gyeongbu Expressway ramps' : j.site.cross.en;
    return {
      id: j.site.id,
      nodeId: j.site.id,
      region: j.site.region,
      name: `${j.site.en} (${j.site.ko}): ${template.arterial} x ${cross}`,
      control: { type: 'nema', phases },
      plans,
      defaultPlanId: 'off-peak',
      schedule: PLAN_SCHEDULE.map((e) => ({ ...e })),
      mode: template.mode,
    };
  });
}
