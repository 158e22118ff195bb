/**
 * @module bench/strategies.bench
 * Signal strategies in the simulator with the edge's own code in the loop (issue 6): the best
 * strategy's cut of mean time loss against Webster and actuated per grid demand level (targets >= 30%
 * and, at the two highest levels, >= 15%), transit priority's bus and general delay change on the demo
 * city (>= 20% and < 5%), and our resco delays beside the published SUMO ones. `its evaluate` prints
 * the full table.
 */
import { runEvaluation, type EvaluationReport } from './evaluation/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

function figures(report: EvaluationReport): BenchFigure[] {
  const out: BenchFigure[] = [];
  for (const k of report.comparisons) {
    if (k.level === null) continue;
    if (k.vsWebsterPct !== null)
      out.push({
        name: `${k.caseId}: ${k.best} time loss cut vs Webster`,
        value: k.vsWebsterPct,
        unit: '%',
        target: '>= 30',
        met: k.vsWebsterPct >= 30,
        note: `best ${k.best} ${k.bestTimeLossS} s`,
      });
    if (k.level >= 2 && k.vsActuatedPct !== null)
      out.push({
        name: `${k.caseId}: ${k.best} time loss cut vs actuated`,
        value: k.vsActuatedPct,
        unit: '%',
        target: '>= 15',
        met: k.vsActuatedPct >= 15,
      });
  }
  const t = report.tsp;
  if (t !== null) {
    if (t.busDelayCutPct !== null)
      out.push({
        name: `TSP (${t.caseId}, ${t.strategy}): bus delay cut`,
        value: t.busDelayCutPct,
        unit: '%',
        target: '>= 20',
        met: t.busDelayCutPct >= 20,
      });
    out.push({
      name: `TSP (${t.caseId}, ${t.strategy}): general delay rise`,
      value: t.generalDelayRisePct,
      unit: '%',
      target: '< 5',
      met: t.generalDelayRisePct < 5,
    });
  }
  for (const c of report.cases) {
    const ref = c.reference;
    if (ref === null || ref === undefined) continue;
    for (const [strategy, published] of [
      ['static', ref.fixedTimeS],
      ['max-pressure', ref.maxPressureS],
    ] as const) {
      const r = c.runs.find((x) => x.strategy === strategy);
      if (r === undefined) continue;
      out.push({
        name: `${c.id} ${strategy}: mean time loss (published SUMO delay beside)`,
        value: r.meanTimeLossS,
        unit: 's',
        reference: {
          name: `published ${strategy === 'static' ? 'fixed time' : 'max pressure'}`,
          value: published,
        },
        ratio: Math.round((r.meanTimeLossS / published) * 100) / 100,
        note: 'simulators differ',
      });
    }
  }
  out.push({
    name: 'conflict-monitor faults',
    value: report.faults.length,
    unit: 'faults',
    target: '0',
    met: report.faults.length === 0,
  });
  return out;
}

export const benchmark: Benchmark = {
  name: 'strategies',
  run: async ({ quick }) => figures(runEvaluation({ quick })),
};
