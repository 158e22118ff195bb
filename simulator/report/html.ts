/**
 * @module simulator/report/html
 * The HTML report of a run: the key figures, queue and delay over time per intersection, and the
 * travel-time distribution — one self-contained file with inline SVG, no scripts.
 */
import type { IntersectionSeries, TripLog } from '../engine/index.ts';
import type { RunKpis } from '../run/index.ts';
import { esc, histogram, lineChart } from './svg.ts';

/** One labelled line of a table: label (with its unit) and value. */
export type ReportRow = readonly [label: string, value: string];

/** What the report shows. */
export type ReportInput = {
  readonly title: string;
  /** How the run was made (source, signal strategy, priority rule, seed, step, period), shown first. */
  readonly settings?: readonly ReportRow[];
  readonly kpis: RunKpis;
  /** Figures the run adds to the KPI table, e.g. bus and other traffic time loss of a priority run. */
  readonly extraKpis?: readonly ReportRow[];
  readonly series: readonly IntersectionSeries[];
  readonly trips: TripLog;
  readonly generatedAt: string;
};

const LABELS: readonly [keyof RunKpis, string][] = [
  ['vehiclesInserted', 'Vehicles inserted'],
  ['vehiclesArrived', 'Vehicles arrived'],
  ['vehiclesRunning', 'Vehicles still running'],
  ['vehiclesWaitingToInsert', 'Vehicles waiting to enter'],
  ['meanTravelTimeS', 'Mean travel time (s)'],
  ['meanTimeLossS', 'Mean time loss (s)'],
  ['meanWaitingTimeS', 'Mean waiting time (s)'],
  ['meanStops', 'Mean stops'],
  ['vehicleUpdatesPerSecond', 'Vehicle updates per second'],
];

/** Render the report. */
export function renderHtmlReport(r: ReportInput): string {
  const row = ([label, value]: ReportRow): string => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`;
  const rows = [...LABELS.map(([k, label]): ReportRow => [label, String(r.kpis[k])]), ...(r.extraKpis ?? [])]
    .map(row)
    .join('');
  const settings =
    r.settings === undefined || r.settings.length === 0
      ? ''
      : `<h2>Run</h2>\n<table class="settings">${r.settings.map(row).join('')}</table>\n<h2>Results</h2>\n`;
  const charts: string[] = [];
  // Many intersections: plot the eight with the most delay, so the chart stays readable.
  const ranked = [...r.series]
    .map((s) => ({ s, total: s.delayS.reduce((a, d, i) => a + d * (s.discharged[i] ?? 0), 0) }))
    .sort((a, b) => b.total - a.total)
    .slice(0, 8)
    .map((x) => x.s);
  if (ranked.length > 0) {
    charts.push(
      lineChart(
        'Queue per intersection',
        'simulation clock (s)',
        'halted vehicles',
        ranked.map((s) => ({ label: s.id, xs: s.timeS, ys: s.queue })),
      ),
    );
    charts.push(
      lineChart(
        'Delay per intersection',
        'simulation clock (s)',
        'delay per vehicle (s)',
        ranked.map((s) => ({ label: s.id, xs: s.timeS, ys: s.delayS })),
      ),
    );
  }
  const tt = new Float64Array(r.trips.count);
  for (let i = 0; i < r.trips.count; i++) tt[i] = r.trips.arrivalS[i]! - r.trips.departS[i]!;
  charts.push(histogram('Travel time distribution', 'travel time (s)', tt));
  // Small multiples: queue and delay of every intersection (up to 40), so none is hidden.
  const small = r.series
    .slice(0, 40)
    .map(
      (s) =>
        `<div class="ix"><h3>${esc(s.id)}</h3>${lineChart('queue (veh)', 'simulation clock (s)', 'veh', [{ label: 'queue', xs: s.timeS, ys: s.queue }], [360, 170])}${lineChart('delay (s/veh)', 'simulation clock (s)', 's', [{ label: 'delay', xs: s.timeS, ys: s.delayS }], [360, 170])}</div>`,
    );
  const ixRows = r.kpis.intersections
    .map(
      (x) =>
        `<tr><td>${esc(x.id)}</td><td>${x.meanQueueVeh}</td><td>${x.maxQueueVeh}</td><td>${x.meanDelayS}</td><td>${x.vehiclesDischarged}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:left}td{font-variant-numeric:tabular-nums}.charts{display:flex;flex-wrap:wrap;gap:16px}svg{background:#fff;border:1px solid #eee}.ix h3{margin:4px 0;font-size:14px}</style>
</head><body>
<h1>${esc(r.title)}</h1>
<p>Generated ${esc(r.generatedAt)}; simulated ${r.kpis.simulatedS} s in ${r.kpis.wallS} s of wall time.</p>
${settings}<table>${rows}</table>
<div class="charts">${charts.join('\n')}</div>
<h2>Intersections</h2>
<div class="charts">${small.join('\n')}</div>
<table><tr><th>intersection</th><th>mean queue (veh)</th><th>max queue (veh)</th><th>mean delay (s)</th><th>discharged</th></tr>${ixRows}</table>
</body></html>
`;
}
