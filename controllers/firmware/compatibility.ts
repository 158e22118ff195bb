/**
 * @module controllers/firmware/compatibility
 * The conflict monitor's own view of the intersection (NEMA TS 2 §6 malfunction management unit:
 * a permissive/compatibility matrix programmed separately from the controller). Derived straight from
 * the configuration, not from the sequencer's layout: NEMA phases are compatible only when they are in
 * different rings on the same side of the barrier; stage-control groups only when some stage permits
 * them together. Group order is the configuration's order, as the sequencers use.
 */
import type { Intersection } from '../../core/index.ts';
import { msOf } from './timing.ts';

/** Timing the monitor enforces, per group, ms. */
export type MonitoredGroup = {
  readonly number: number;
  readonly minGreenMs: number;
  readonly yellowMs: number;
  readonly redClearMs: number;
  readonly pedClearMs: number;
};

/** Compatibility matrix and enforced timing. */
export type Compatibility = {
  readonly groups: readonly MonitoredGroup[];
  /** Conflicting pairs (i, j) with i < j, flattened. */
  readonly conflictPairs: Int16Array;
  /** conflicts[i * n + j] = 1 when groups i and j may not show green/yellow/walk together. */
  readonly conflicts: Uint8Array;
};

/** Build the compatibility matrix of an intersection. */
export function compatibilityOf(intersection: Intersection): Compatibility {
  const control = intersection.control;
  const groups: MonitoredGroup[] =
    control.type === 'nema'
      ? control.phases.map((p) => ({
          number: p.phase,
          minGreenMs: msOf(p.minGreenS),
          yellowMs: msOf(p.yellowS),
          redClearMs: msOf(p.redClearS),
          pedClearMs: p.walkS === undefined ? 0 : msOf(p.pedClearS ?? 0),
        }))
      : control.groups.map((g) => ({
          number: g.group,
          minGreenMs: msOf(g.minGreenS),
          yellowMs: msOf(g.yellowS),
          redClearMs: msOf(g.redClearS),
          pedClearMs: 0,
        }));
  const n = groups.length;
  const conflicts = new Uint8Array(n * n);
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = groups[i]?.number ?? 0;
      const b = groups[j]?.number ?? 0;
      const compatible =
        control.type === 'nema'
          ? ringOfPhase(a) !== ringOfPhase(b) && sideOfPhase(a) === sideOfPhase(b)
          : control.stages.some((s) => s.groups.includes(a) && s.groups.includes(b));
      if (!compatible) {
        conflicts[i * n + j] = 1;
        conflicts[j * n + i] = 1;
        pairs.push(i, j);
      }
    }
  }
  return { groups, conflicts, conflictPairs: Int16Array.from(pairs) };
}

function ringOfPhase(phase: number): number {
  return phase >= 1 && phase <= 4 ? 1 : 2;
}

function sideOfPhase(phase: number): number {
  return [1, 2, 5, 6].includes(phase) ? 1 : 2;
}
