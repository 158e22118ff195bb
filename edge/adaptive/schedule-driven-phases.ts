/**
 * @module edge/adaptive/schedule-driven-phases
 * The schedule-driven strategy's phases: an intersection's units grouped into the schedule's cyclic
 * phases (NEMA barrier sides, or stages one by one), and how many clusters each may bring so the
 * search stays within about a millisecond.
 */
import type { ScheduleDrivenOptions } from './schedule-driven-options.ts';
import type { UnitState } from './types.ts';

/** A schedule phase and the units it serves. */
export type PhaseGroup = { readonly units: readonly UnitState[] };

/** Schedule states searched at most per decision (about a millisecond of work). */
const STATE_BUDGET = 20_000;

/** Clusters per phase such that (k + 1)^phases x phases stays within the state budget. */
export function clusterBudget(
  phaseCount: number,
  options: Pick<ScheduleDrivenOptions, 'maxPhaseClusters'>,
): number {
  const m = Math.max(1, phaseCount);
  const k = Math.floor(Math.pow(STATE_BUDGET / m, 1 / m)) - 1;
  return Math.max(1, Math.min(options.maxPhaseClusters, k));
}

/** Schedule phases in cyclic order: NEMA barrier sides (ring index > 0 anywhere) or single stages. */
export function phaseGroups(units: readonly UnitState[]): PhaseGroup[] {
  const nema = units.some((u) => u.ring > 0);
  if (!nema) return units.map((u) => ({ units: [u] }));
  const sides = [...new Set(units.map((u) => u.barrier))].sort((a, b) => a - b);
  return sides.map((b) => ({ units: units.filter((u) => u.barrier === b) }));
}
