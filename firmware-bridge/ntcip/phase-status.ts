/**
 * @module firmware-bridge/ntcip/phase-status
 * Decodes NTCIP 1202 phase status groups: each group carries 8 phases, bit 0 being the group's
 * lowest phase (phase = 8 * (group - 1) + bit + 1).
 */
import type { PhaseStatusColumn } from './oids.ts';

/** The signal a phase shows, from the reds/yellows/greens masks. */
export type PhaseColour = 'red' | 'yellow' | 'green' | 'dark';

/** One phase's status. */
export type PhaseStatus = {
  readonly phase: number;
  readonly colour: PhaseColour;
  readonly walk: boolean;
  readonly pedClear: boolean;
  readonly vehCall: boolean;
  readonly pedCall: boolean;
  /** Phase is timing (phaseOn) / is the next phase to time (phaseNext). */
  readonly on: boolean;
  readonly next: boolean;
};

/** The masks of one phase status group as polled (0-255 each). */
export type PhaseStatusGroup = Readonly<Record<PhaseStatusColumn, number>>;

/** Why a polled group was not decoded. */
export type PhaseStatusProblem = {
  readonly group: number;
  readonly problem: 'mask-out-of-range' | 'conflicting-colours';
};

/**
 * Decode groups (index 0 = group 1) into per-phase status, up to `maxPhases`. A phase that is green
 * and red at once is reported (a controller should never say so) and shown as its most permissive
 * colour so the conflict is visible, not hidden.
 */
export function decodePhaseStatus(
  groups: readonly PhaseStatusGroup[],
  maxPhases: number,
): { phases: PhaseStatus[]; problems: PhaseStatusProblem[] } {
  const phases: PhaseStatus[] = [];
  const problems: PhaseStatusProblem[] = [];
  groups.forEach((g, i) => {
    const group = i + 1;
    if (Object.values(g).some((m) => !Number.isInteger(m) || m < 0 || m > 255)) {
      problems.push({ group, problem: 'mask-out-of-range' });
      return;
    }
    for (let bit = 0; bit < 8; bit++) {
      const phase = 8 * i + bit + 1;
      if (phase > maxPhases) break;
      const has = (mask: number): boolean => (mask & (1 << bit)) !== 0;
      const lit = [has(g.greens), has(g.yellows), has(g.reds)].filter(Boolean).length;
      if (lit > 1) problems.push({ group, problem: 'conflicting-colours' });
      phases.push({
        phase,
        colour: has(g.greens) ? 'green' : has(g.yellows) ? 'yellow' : has(g.reds) ? 'red' : 'dark',
        walk: has(g.walks),
        pedClear: has(g.pedClears),
        vehCall: has(g.vehCalls),
        pedCall: has(g.pedCalls),
        on: has(g.phaseOns),
        next: has(g.phaseNexts),
      });
    }
  });
  return { phases, problems };
}
