/**
 * @module bench/evaluation/tsp-seeds
 * Transit priority over several seeds. One seed moves a host's bus cut and general rise by up to
 * seven points on the demo city (46 buses in an hour), about the width of the targets' margins, so
 * `its evaluate --tsp-seeds` runs priority off and on for further seeds and pools each host's figures:
 * the mean bus and general delay over the seeds, off against on.
 */
import type { TspRule } from '../../edge/index.ts';
import type { EvaluationCase } from './cases.ts';
import { runStrategy, type StrategyRun } from './harness.ts';
import { cutPct, priorityRun, tspResult, type TspResult } from './tsp-result.ts';

/** Priority on every host at one further seed. */
export type TspSeedRuns = { readonly seed: number; readonly hosts: readonly TspResult[] };

/** One host's priority figures pooled over seeds. */
export type PooledTsp = {
  readonly strategy: string;
  readonly seeds: readonly number[];
  /** Mean over the seeds of the bus delay (time loss minus dwell), off and on, s. */
  readonly busOffS: number;
  readonly busOnS: number;
  /** Cut of the pooled bus delay, % (target >= 20). */
  readonly busDelayCutPct: number;
  readonly generalOffS: number;
  readonly generalOnS: number;
  /** Rise of the pooled general delay, % (target < 5). */
  readonly generalDelayRisePct: number;
  /** Each seed's own cut and rise, %, in seed order. */
  readonly perSeed: readonly { seed: number; busDelayCutPct: number | null; generalDelayRisePct: number }[];
};

/** Run priority off and on (`rule`, default the edge's) for every host strategy at each further seed. */
export function runTspSeeds(
  c: EvaluationCase,
  hosts: readonly string[],
  seeds: readonly number[],
  onRun?: (caseId: string, run: StrategyRun) => void,
  rule?: TspRule,
): TspSeedRuns[] {
  const endS = c.endS === undefined ? {} : { endS: c.endS };
  return seeds.map((seed) => ({
    seed,
    hosts: hosts.map((strategy) => {
      const off = runStrategy(c.source(), { strategy, seed, ...endS });
      onRun?.(c.id, off);
      const on = runStrategy(c.source(), { strategy, seed, ...priorityRun(rule), ...endS });
      onRun?.(c.id, on);
      return tspResult(c.id, off, on);
    }),
  }));
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Each host's figures pooled over every seed that ran it (hosts in the first seed's order). */
export function poolTsp(runs: readonly TspSeedRuns[]): PooledTsp[] {
  const hosts = runs[0]?.hosts.map((h) => h.strategy) ?? [];
  return hosts.map((strategy) => {
    const at = runs.flatMap((r) => {
      const h = r.hosts.find((x) => x.strategy === strategy);
      return h === undefined ? [] : [{ seed: r.seed, h }];
    });
    const mean = (f: (h: TspResult) => number | null): number =>
      at.reduce((a, { h }) => a + (f(h) ?? 0), 0) / Math.max(1, at.length);
    const busOffS = mean((h) => h.off.busMeanTimeLossS);
    const busOnS = mean((h) => h.on.busMeanTimeLossS);
    const generalOffS = mean((h) => h.off.generalMeanTimeLossS);
    const generalOnS = mean((h) => h.on.generalMeanTimeLossS);
    return {
      strategy,
      seeds: at.map((x) => x.seed),
      busOffS: round1(busOffS),
      busOnS: round1(busOnS),
      busDelayCutPct: cutPct(busOffS, busOnS),
      generalOffS: round1(generalOffS),
      generalOnS: round1(generalOnS),
      generalDelayRisePct: -cutPct(generalOffS, generalOnS) + 0,
      perSeed: at.map(({ seed, h }) => ({
        seed,
        busDelayCutPct: h.busDelayCutPct,
        generalDelayRisePct: h.generalDelayRisePct,
      })),
    };
  });
}
