/**
 * @module scenarios/demo-city/plans
 * Timing plans. Splits include yellow and all-red (NTCIP 1202 split time) and are given for ring 1;
 * ring 2 mirrors them (5 = 1, 6 = 2, 7 = 3, 8 = 4), which keeps both rings summing to the cycle and
 * both sides of the barrier equal. Seoul runs long cycles on its wide arterials: 160 s on Teheran-ro in
 * the AM peak, 140 s off-peak; Seocho-daero 140 s and 120 s.
 */
import type { Intersection } from '../../core/index.ts';
import type { Site, SiteKind } from './places.ts';

/** Progression speed of the Teheran-ro green wave (eastbound), km/h; a little under the 50 km/h limit. */
export const PROGRESSION_KMH = 45;

/** Plans by time of day: AM peak 06:30-09:00, off-peak otherwise. The run (07:30-09:30) sees the switch. */
export const PLAN_SCHEDULE: readonly { from: string; planId: string }[] = [
  { from: '00:00', planId: 'off-peak' },
  { from: '06:30', planId: 'am-peak' },
  { from: '09:00', planId: 'off-peak' },
];

type RingOneSplits = Partial<Record<1 | 2 | 3 | 4, number>>;

/** A plan before it is fitted to an intersection's phases. */
export type PlanDraft = { id: string; cycleS: number; splitsS: Record<number, number> };

/** The plans and mode of a group of intersections. */
export type PlanTemplate = {
  group: 'teheran' | 'seocho';
  arterial: string;
  mode: Intersection['mode'];
  plans: PlanDraft[];
};

const mirror = (r1: RingOneSplits): Record<number, number> => {
  const out: Record<number, number> = {};
  for (const [k, v] of Object.entries(r1)) {
    out[Number(k)] = v;
    out[Number(k) + 4] = v;
  }
  return out;
};

const draft = (id: string, cycleS: number, r1: RingOneSplits): PlanDraft => ({
  id,
  cycleS,
  splitsS: mirror(r1),
});

const TEHERAN: Partial<Record<SiteKind, PlanDraft[]>> = {
  major: [
    draft('am-peak', 160, { 1: 24, 2: 62, 3: 22, 4: 52 }),
    draft('off-peak', 140, { 1: 18, 2: 60, 3: 18, 4: 44 }),
  ],
  minor: [draft('am-peak', 160, { 2: 112, 4: 48 }), draft('off-peak', 140, { 2: 96, 4: 44 })],
};

const SEOCHO: Record<SiteKind, PlanDraft[]> = {
  major: [
    draft('am-peak', 140, { 1: 16, 2: 66, 3: 16, 4: 42 }),
    draft('off-peak', 120, { 1: 14, 2: 50, 3: 14, 4: 42 }),
  ],
  minor: [draft('am-peak', 140, { 2: 96, 4: 44 }), draft('off-peak', 120, { 2: 76, 4: 44 })],
  interchange: [
    draft('am-peak', 140, { 1: 20, 2: 64, 4: 56 }),
    draft('off-peak', 120, { 1: 18, 2: 60, 4: 42 }),
  ],
};

/** The plan template for a site. */
export function planTemplates(site: Site): PlanTemplate {
  if (site.region === 'gangnam') {
    const plans = TEHERAN[site.kind];
    if (!plans) throw new Error(`demo-city: no Teheran-ro plans for a ${site.kind} site`);
    return { group: 'teheran', arterial: 'Teheran-ro', mode: 'coordinated', plans };
  }
  return { group: 'seocho', arterial: 'Seocho-daero', mode: 'fixed', plans: SEOCHO[site.kind] };
}
