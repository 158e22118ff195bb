/**
 * @module bench/evaluation/tsp-result
 * Transit priority's effect on one host: the run without and with priority, the cut of bus delay
 * and the rise of general traffic's delay, each judged against the target.
 */
import { DEFAULT_TSP_MIN_LATE_S, type TspRule } from '../../edge/index.ts';
import type { StrategyRun, StrategyRunOptions } from './harness.ts';

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
 * A priority run's options: the live edge's rule, through the edge nodes as `its edge` runs them
 * (how late a bus must be, s: its schedule deviation or, on the demo city's headway-based routes, its
 * headway lateness; edge/node `DEFAULT_TSP_MIN_LATE_S` unless `--tsp-min-late` says otherwise).
 */
export function priorityRun(
  rule: TspRule = DEFAULT_TSP_MIN_LATE_S,
): Pick<StrategyRunOptions, 'tsp' | 'tspRule'> {
  return { tsp: true, tspRule: rule };
}

/** A priority rule in words, for the table. */
export function tspRuleText(rule: TspRule = DEFAULT_TSP_MIN_LATE_S): string {
  if (typeof rule !== 'number')
    return `extension for every approaching bus, early green for buses at least ${rule.minLateS} s late`;
  return rule === -Infinity ? 'every approaching bus' : `buses at least ${rule} s late`;
}

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
