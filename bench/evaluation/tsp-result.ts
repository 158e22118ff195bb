/**
 * @module bench/evaluation/tsp-result
 * Transit priority's effect on one host: the run without and with priority, the cut of bus delay
 * and the rise of general traffic's delay, each judged against the target.
 */
import type { StrategyRun } from './harness.ts';

/** Transit priority on and off. */
export type TspResult = {
  readonly caseId: string;
  readonly strategy: string;
  readonly off: StrategyRun;
  readonly on: StrategyRun;
  /** Cut of bus mean time loss, % (target >= 20). */
  readonly busDelayCutPct: number | null;
  /** Rise of general traffic's mean time loss, % (target < 5). */
  readonly generalDelayRisePct: number;
};

/**
 * The demo city's bus routes run by headway (GTFS frequencies), so no bus is ever late against a
 * timetable and the default "late by 60 s" rule would never fire: every approaching bus gets priority.
 */
export const EVALUATION_TSP = Object.freeze({ minLateS: 0 });

/** Relative cut from `base` to `x`, % to one decimal (positive = lower); never -0. */
export const cutPct = (base: number, x: number): number =>
  (base > 0 ? Math.round(((base - x) / base) * 1000) / 10 : 0) + 0;

/** Priority on and off on one host. */
export function tspResult(caseId: string, off: StrategyRun, on: StrategyRun): TspResult {
  return {
    caseId,
    strategy: off.strategy,
    off,
    on,
    busDelayCutPct:
      off.busMeanTimeLossS === null || on.busMeanTimeLossS === null
        ? null
        : cutPct(off.busMeanTimeLossS, on.busMeanTimeLossS),
    generalDelayRisePct: -cutPct(off.generalMeanTimeLossS, on.generalMeanTimeLossS) + 0,
  };
}
