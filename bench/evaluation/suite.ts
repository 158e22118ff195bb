/**
 * @module bench/evaluation/suite
 * The whole evaluation: every strategy on every case, transit priority on and off on the demo city
 * (the scenario with buses) on every strategy that times its own greens, and the headline comparisons
 * against the targets (priority's on the best of those hosts).
 */
import { DEFAULT_TSP_MIN_LATE_S, STRATEGY_NAMES, type TspRule } from '../../edge/index.ts';
import { evaluationCases, type EvaluationCase } from './cases.ts';
import { runStrategy, type StrategyRun } from './harness.ts';
import { priorityRun, tspResult, type TspResult } from './tsp-result.ts';
import { poolTsp, runTspSeeds, type PooledTsp, type TspSeedRuns } from './tsp-seeds.ts';

export { priorityRun, tspResult, tspRuleText, type TspResult } from './tsp-result.ts';

/** Every strategy's run on one case. */
export type CaseResult = {
  readonly id: string;
  readonly label: string;
  readonly level: number | null;
  readonly reference: EvaluationCase['reference'] | null;
  readonly runs: readonly StrategyRun[];
};

/** Best strategy against the baselines on one case. */
export type Comparison = {
  readonly caseId: string;
  readonly level: number | null;
  readonly best: string;
  readonly bestTimeLossS: number;
  /** Relative cut of mean time loss, % (positive = better than the baseline); null when it was not run. */
  readonly vsWebsterPct: number | null;
  readonly vsActuatedPct: number | null;
};

/** The evaluation's results. */
export type EvaluationReport = {
  readonly quick: boolean;
  /** The simulator's seed of every run. */
  readonly seed: number;
  readonly strategies: readonly string[];
  readonly cases: readonly CaseResult[];
  readonly comparisons: readonly Comparison[];
  /**
   * The priority rule of the runs: how late a bus must be, s, `any` (every approaching bus), or a
   * tiered rule (`{ tiered: true, minLateS }`). Absent from reports written before it (every
   * approaching bus).
   */
  readonly tspMinLateS?: number | 'any' | Exclude<TspRule, number>;
  /** Priority on the best timed host (the headline, as before {@link tspHosts}). */
  readonly tsp: TspResult | null;
  /**
   * Priority on every timed host run on that case, in strategy order (the best one is `tsp`). Absent
   * from reports written before it (read them as `[tsp]`).
   */
  readonly tspHosts?: readonly TspResult[];
  /** Priority on every host at the further seeds asked for (`tspSeeds`); absent when none were. */
  readonly tspSeeds?: readonly TspSeedRuns[];
  /** Each host's priority figures pooled over the evaluation's seed and the further ones. */
  readonly tspPooled?: readonly PooledTsp[];
  readonly faults: readonly string[];
};

/** Options of {@link runEvaluation}. */
export type EvaluationOptions = {
  readonly quick: boolean;
  /** Only cases whose id contains one of these. */
  readonly only?: readonly string[];
  readonly strategies?: readonly string[];
  /** Seed of every run (demand and detector noise; default {@link DEFAULT_EVALUATION_SEED}). */
  readonly seed?: number;
  /** Priority on every timed host (`all`, default) or on the best one only (`best`: one run, not four). */
  readonly tspHosts?: 'all' | 'best';
  /** Further seeds for the priority runs (off and on, every host); the figures are then pooled. */
  readonly tspSeeds?: readonly number[];
  /**
   * The priority rule: how late a bus must be, s (-Infinity: every approaching bus), or a tiered
   * rule. Default the live edge's, edge/node `DEFAULT_TSP_MIN_LATE_S` (`its evaluate --tsp-min-late`).
   */
  readonly tspRule?: TspRule;
  /** Called after each run. */
  readonly onRun?: (caseId: string, run: StrategyRun) => void;
};

/** Seed of the evaluation's published figures. */
export const DEFAULT_EVALUATION_SEED = 1;

const pct = (base: number, x: number): number => (base > 0 ? Math.round(((base - x) / base) * 1000) / 10 : 0);

/** Compare the best strategy of a case with Webster and actuated (either may be left out of a run). */
export function compare(c: CaseResult): Comparison | null {
  const of = (name: string) => c.runs.find((r) => r.strategy === name && !r.tsp);
  const webster = of('webster');
  const actuated = of('actuated');
  const candidates = c.runs.filter((r) => !r.tsp);
  if ((webster === undefined && actuated === undefined) || candidates.length === 0) return null;
  const best = candidates.reduce((a, b) => (b.meanTimeLossS < a.meanTimeLossS ? b : a));
  return {
    caseId: c.id,
    level: c.level,
    best: best.strategy,
    bestTimeLossS: best.meanTimeLossS,
    vsWebsterPct: webster === undefined ? null : pct(webster.meanTimeLossS, best.meanTimeLossS),
    vsActuatedPct: actuated === undefined ? null : pct(actuated.meanTimeLossS, best.meanTimeLossS),
  };
}

/** Run the evaluation. */
export function runEvaluation(o: EvaluationOptions): EvaluationReport {
  const strategies = o.strategies ?? STRATEGY_NAMES;
  const seed = o.seed ?? DEFAULT_EVALUATION_SEED;
  const rule = o.tspRule ?? DEFAULT_TSP_MIN_LATE_S;
  const cases = evaluationCases(o.quick).filter(
    (c) => o.only === undefined || o.only.some((s) => c.id.includes(s)),
  );
  const results: CaseResult[] = [];
  let tsp: TspResult | null = null;
  const tspHosts: TspResult[] = [];
  const tspSeeds: TspSeedRuns[] = [];
  for (const c of cases) {
    const runs: StrategyRun[] = [];
    for (const strategy of strategies) {
      const r = runStrategy(c.source(), {
        strategy,
        seed,
        ...(c.endS === undefined ? {} : { endS: c.endS }),
      });
      runs.push(r);
      o.onRun?.(c.id, r);
    }
    const result = { id: c.id, label: c.label, level: c.level, reference: c.reference ?? null, runs };
    results.push(result);
    if (tsp !== null || !runs.some((r) => r.busTrips > 0)) continue;
    // Priority sits on a strategy that times greens itself: on `static` or `actuated` it would take the
    // controller out of its own (coordinated or actuated) mode and measure that, not priority.
    const timed = runs.filter((r) => r.strategy !== 'static' && r.strategy !== 'actuated');
    const best = timed.reduce<StrategyRun | undefined>(
      (a, b) => (a === undefined || b.meanTimeLossS < a.meanTimeLossS ? b : a),
      undefined,
    );
    if (best === undefined) continue;
    // The priority run goes through the edge nodes as the table's own runs do, with the live rule.
    const endS = c.endS === undefined ? {} : { endS: c.endS };
    for (const off of (o.tspHosts ?? 'all') === 'all' ? timed : [best]) {
      const on = runStrategy(c.source(), {
        strategy: off.strategy,
        seed,
        ...priorityRun(rule),
        ...endS,
      });
      o.onRun?.(c.id, on);
      const result = tspResult(c.id, off, on);
      tspHosts.push(result);
      if (off === best) tsp = result;
    }
    const further = (o.tspSeeds ?? []).filter((s) => s !== seed);
    if (further.length > 0)
      tspSeeds.push(
        ...runTspSeeds(
          c,
          tspHosts.map((h) => h.strategy),
          further,
          o.onRun,
          rule,
        ),
      );
  }
  const all = [
    ...results.flatMap((c) => c.runs),
    ...tspHosts.map((t) => t.on),
    ...tspSeeds.flatMap((s) => s.hosts.flatMap((h) => [h.off, h.on])),
  ];
  return {
    quick: o.quick,
    seed,
    strategies,
    cases: results,
    comparisons: results.map(compare).filter((x): x is Comparison => x !== null),
    tspMinLateS: rule === -Infinity ? 'any' : rule,
    tsp,
    tspHosts,
    ...(tspSeeds.length === 0
      ? {}
      : { tspSeeds, tspPooled: poolTsp([{ seed, hosts: tspHosts }, ...tspSeeds]) }),
    faults: all.flatMap((r) => r.faults.map((f) => `${r.source} ${r.strategy}${r.tsp ? '+tsp' : ''}: ${f}`)),
  };
}
