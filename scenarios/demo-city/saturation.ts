/**
 * @module scenarios/demo-city/saturation
 * A desk check that the demand suits the signal plans: boundary flows are propagated through the
 * turning ratios to steady link volumes, and each phase's degree of saturation x = v / c is estimated
 * with c = lanes x 1,800 veh/h x g / C (Webster 1958; HCM saturation flow), effective green g = split -
 * yellow - all-red + 2 s of yellow used, and a 0.85 factor where a phase serves permissive movements.
 * It is a planning estimate, not a simulation: it ignores queues, platoons and blocking.
 */
import type { Scenario } from '../../core/index.ts';

/** Saturation flow per lane, veh/h (HCM base 1,900 less a typical urban adjustment). */
const SATURATION_VPH_PER_LANE = 1800;
/** Part of the yellow drivers still use, seconds. */
const YELLOW_USED_S = 2;
const PERMISSIVE_FACTOR = 0.85;

/** Steady link volumes, veh/h, for the flows active at `atS`. */
export function linkVolumesVph(scenario: Scenario, atS: number): Map<string, number> {
  const entering = new Map<string, number>();
  for (const f of scenario.demand.flows) {
    if (f.beginS <= atS && atS < f.endS)
      entering.set(f.entryLink, (entering.get(f.entryLink) ?? 0) + f.vehPerHour);
  }
  const ratios = new Map(scenario.demand.turningRatios.map((t) => [t.fromLink, t.ratios]));
  const single = scenario.network.movements.filter((m) => !ratios.has(m.fromLink));
  let volumes = new Map<string, number>();
  // The network has no cycles (no U-turns, no ramp-to-ramp moves), so this settles within its depth.
  for (let pass = 0; pass < scenario.network.links.length; pass++) {
    const next = new Map(entering);
    const add = (id: string, v: number): void => void next.set(id, (next.get(id) ?? 0) + v);
    for (const [from, r] of ratios) {
      const total = Object.values(r).reduce((a, b) => a + b, 0);
      if (total > 0)
        for (const [to, share] of Object.entries(r)) add(to, ((volumes.get(from) ?? 0) * share) / total);
    }
    for (const m of single) add(m.toLink, volumes.get(m.fromLink) ?? 0);
    const settled = [...next].every(([id, v]) => Math.abs(v - (volumes.get(id) ?? 0)) < 1e-6);
    volumes = next;
    if (settled) break;
  }
  return volumes;
}

/** Degree of saturation of one phase under one plan. */
export type PhaseSaturation = {
  intersectionId: string;
  phase: number;
  volumeVph: number;
  capacityVph: number;
  x: number;
};

/** Degrees of saturation of every NEMA phase under plan `planId`, with the flows active at `atS`. */
export function phaseSaturation(scenario: Scenario, planId: string, atS: number): PhaseSaturation[] {
  const volumes = linkVolumesVph(scenario, atS);
  const ratios = new Map(scenario.demand.turningRatios.map((t) => [t.fromLink, t.ratios]));
  const movements = new Map(scenario.network.movements.map((m) => [m.id, m]));
  const out: PhaseSaturation[] = [];
  for (const ix of scenario.intersections) {
    const plan = ix.plans.find((p) => p.id === planId);
    if (!plan || ix.control.type !== 'nema') continue;
    for (const p of ix.control.phases) {
      let volumeVph = 0;
      const lanes = new Set<string>();
      for (const id of [...p.movements, ...p.permissiveMovements]) {
        const m = movements.get(id);
        if (!m) continue;
        const r = ratios.get(m.fromLink) ?? {};
        const total = Object.values(r).reduce((a, b) => a + b, 0) || 1;
        volumeVph += ((volumes.get(m.fromLink) ?? 0) * (r[m.toLink] ?? 0)) / total;
        for (const lane of m.fromLanes) lanes.add(`${m.fromLink}/${lane}`);
      }
      const greenS = (plan.splitsS[String(p.phase)] ?? 0) - p.yellowS - p.redClearS + YELLOW_USED_S;
      const factor = p.permissiveMovements.length > 0 ? PERMISSIVE_FACTOR : 1;
      const capacityVph = (lanes.size * SATURATION_VPH_PER_LANE * greenS * factor) / plan.cycleS;
      out.push({ intersectionId: ix.id, phase: p.phase, volumeVph, capacityVph, x: volumeVph / capacityVph });
    }
  }
  return out;
}
