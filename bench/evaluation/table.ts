/**
 * @module bench/evaluation/table
 * The evaluation as one text table: per case and strategy the mean time loss, travel time, stops and
 * throughput, published resco figures beside ours, then the best strategy against Webster and actuated
 * per grid level, and transit priority's effect, each against the issue's target.
 */
import type { CaseResult, EvaluationReport, TspResult } from './suite.ts';
import type { PooledTsp } from './tsp-seeds.ts';
import { tspRuleText } from './tsp-result.ts';

/** The report's priority rule in words (a report from before the rule was recorded: every bus). */
const tspRule = (report: EvaluationReport): string =>
  tspRuleText(
    report.tspMinLateS === undefined || report.tspMinLateS === 'any' ? -Infinity : report.tspMinLateS,
  );

const TARGET_VS_WEBSTER_PCT = 30;
const TARGET_VS_ACTUATED_PCT = 15;
const TARGET_BUS_CUT_PCT = 20;
const TARGET_GENERAL_RISE_PCT = 5;

function published(c: CaseResult, strategy: string): string {
  const ref = c.reference;
  if (ref === null || ref === undefined) return '';
  if (strategy === 'static') return `fixed ${ref.fixedTimeS}`;
  if (strategy === 'max-pressure') return `MP ${ref.maxPressureS}`;
  if (strategy === 'scats') return `best RL ${ref.bestLearnedS}`;
  return '';
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

const f1 = (x: number | null): string => (x === null ? '-' : x.toFixed(1));
const sign = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;

/** One host's priority figures: bus cut and general rise, each against its target. */
export function tspHostLine(h: TspResult): string {
  const bus = h.busDelayCutPct;
  const busMet = bus !== null && bus >= TARGET_BUS_CUT_PCT;
  const generalMet = h.generalDelayRisePct < TARGET_GENERAL_RISE_PCT;
  return (
    `${h.strategy.padEnd(16)} bus ${f1(h.off.busMeanTimeLossS).padStart(6)} -> ${f1(h.on.busMeanTimeLossS).padStart(6)} s ${bus === null ? '-' : `${bus.toFixed(1)}%`.padStart(6)} (${busMet ? 'met' : 'MISSED'})` +
    `   general ${f1(h.off.generalMeanTimeLossS).padStart(6)} -> ${f1(h.on.generalMeanTimeLossS).padStart(6)} s ${sign(h.generalDelayRisePct).padStart(6)} (${generalMet ? 'met' : 'MISSED'})` +
    `   all ${f1(h.off.meanTimeLossS)} -> ${f1(h.on.meanTimeLossS)} s`
  );
}

/** One host's priority figures pooled over seeds, with each seed's own cut and rise. */
export function pooledTspLine(p: PooledTsp): string {
  const busMet = p.busDelayCutPct >= TARGET_BUS_CUT_PCT;
  const generalMet = p.generalDelayRisePct < TARGET_GENERAL_RISE_PCT;
  const each = p.perSeed
    .map(
      (s) =>
        `${s.seed}: ${s.busDelayCutPct === null ? '-' : s.busDelayCutPct.toFixed(1)}/${sign(s.generalDelayRisePct)}`,
    )
    .join(', ');
  return (
    `${p.strategy.padEnd(16)} bus ${f1(p.busOffS).padStart(6)} -> ${f1(p.busOnS).padStart(6)} s ${`${p.busDelayCutPct.toFixed(1)}%`.padStart(6)} (${busMet ? 'met' : 'MISSED'})` +
    `   general ${f1(p.generalOffS).padStart(6)} -> ${f1(p.generalOnS).padStart(6)} s ${sign(p.generalDelayRisePct).padStart(6)} (${generalMet ? 'met' : 'MISSED'})` +
    `   per seed cut/rise ${each}`
  );
}

/** Render the report. */
export function evaluationTable(report: EvaluationReport): string {
  const head = [
    'case',
    'strategy',
    'time loss s',
    'loss incl. running s',
    'travel time s',
    'stops',
    'throughput veh/h',
    'unfinished',
    'published SUMO delay s',
  ];
  // The published column only where a case has published figures (the resco cases).
  const withPublished = report.cases.some((c) => c.reference !== null && c.reference !== undefined);
  if (!withPublished) head.pop();
  const rows: string[][] = [];
  for (const c of report.cases)
    for (const r of c.runs)
      rows.push([
        c.id,
        r.strategy,
        f1(r.meanTimeLossS),
        f1(r.meanTimeLossAllS),
        f1(r.meanTravelTimeS),
        r.meanStops.toFixed(2),
        String(r.throughputVph),
        String(r.running + r.waitingToInsert),
        ...(withPublished ? [published(c, r.strategy)] : []),
      ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const lines = [pad(head, widths), widths.map((w) => '-'.repeat(w)).join('  ')];
  let last = '';
  for (const r of rows) {
    if (r[0] !== last && last !== '') lines.push('');
    last = r[0]!;
    lines.push(pad(r, widths));
  }
  lines.push(
    '',
    'time loss: mean over arrived trips, s (time lost driving below the ideal speed, as SUMO); loss incl. running: also',
    'the trips still on the network at the end; throughput: arrived vehicles per hour; unfinished: vehicles running or',
    `waiting to enter at the end${withPublished ? '; published SUMO delay: the resco benchmark figure of that controller, s' : ''}.`,
  );
  lines.push(
    '',
    `best strategy vs baselines (mean time loss of arrived trips, seed ${report.seed}; +x% = x% less time loss than the baseline):`,
  );
  for (const k of report.comparisons) {
    const high = k.level !== null && k.level >= 2;
    const vs = (name: string, pctCut: number | null, target: number | null): string => {
      if (pctCut === null) return `   vs ${name} not run`;
      const judged = target === null ? '' : ` (target >= ${target}%${pctCut >= target ? ' met' : ' MISSED'})`;
      return `   vs ${name} ${sign(pctCut)}${judged}`;
    };
    lines.push(
      `  ${k.caseId.padEnd(16)} best ${k.best.padEnd(12)} ${f1(k.bestTimeLossS).padStart(6)} s` +
        vs('webster', k.vsWebsterPct, k.level === null ? null : TARGET_VS_WEBSTER_PCT) +
        vs('actuated', k.vsActuatedPct, high ? TARGET_VS_ACTUATED_PCT : null),
    );
  }
  const t = report.tsp;
  if (t === null) lines.push('', 'transit priority: no case with buses was run');
  else {
    const bus = t.busDelayCutPct;
    lines.push(
      '',
      `transit priority (${tspRule(report)}) on ${t.caseId} with ${t.strategy}: bus delay (time loss minus dwell) ${f1(t.off.busMeanTimeLossS)} -> ${f1(t.on.busMeanTimeLossS)} s (${t.on.busTrips} buses), cut ${bus === null ? '-' : `${bus.toFixed(1)}%`} (target >= ${TARGET_BUS_CUT_PCT}%${bus !== null && bus >= TARGET_BUS_CUT_PCT ? ' met' : ' MISSED'}); general traffic ${f1(t.off.generalMeanTimeLossS)} -> ${f1(t.on.generalMeanTimeLossS)} s, ${sign(t.generalDelayRisePct)} (target < ${TARGET_GENERAL_RISE_PCT}%${t.generalDelayRisePct < TARGET_GENERAL_RISE_PCT ? ' met' : ' MISSED'})`,
    );
  }
  const hosts = report.tspHosts ?? [];
  if (hosts.length > 1) {
    lines.push(`transit priority on every strategy that times its own greens (${hosts[0]!.caseId}):`);
    for (const h of hosts)
      lines.push(`  ${tspHostLine(h)}${h.strategy === t?.strategy ? '  (best host)' : ''}`);
  }
  const pooled = report.tspPooled ?? [];
  if (pooled.length > 0) {
    lines.push(
      `transit priority pooled over seeds ${pooled[0]!.seeds.join(', ')} (mean delay over the seeds, off -> on):`,
    );
    for (const p of pooled) lines.push(`  ${pooledTspLine(p)}`);
  }
  lines.push(
    '',
    'published resco figures: average delay per vehicle in SUMO (Ault & Sharon, NeurIPS 2021); ours is the time loss in our simulator, whose car following, junctions and insertion differ from SUMO.',
    `conflict-monitor faults: ${report.faults.length === 0 ? 'none' : report.faults.join('; ')}`,
  );
  return lines.join('\n');
}
