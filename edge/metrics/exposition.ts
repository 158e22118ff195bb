/**
 * @module edge/metrics/exposition
 * Metric families rendered in the Prometheus text exposition format 0.0.4
 * (prometheus.io/docs/instrumenting/exposition_formats), with the label escaping and content type of
 * the center's registry (center/metrics). The edge keeps no registry of its own: its counters live in
 * the stats of the parts that count (ingest, detectors, uplink, ...) and are read into families at
 * each scrape (./edge-metrics.ts), so nothing is counted twice.
 */

/** The content type of a scrape answer. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Label names and values of one series. */
export type Labels = Readonly<Record<string, string>>;

/** One series of a counter or a gauge. */
export type Sample = { readonly labels?: Labels; readonly value: number };

/** One series of a histogram: cumulative counts per upper bound (`+Inf` implied by `count`). */
export type HistogramSeries = {
  readonly labels?: Labels;
  /** Upper bounds, ascending, without +Inf. */
  readonly upperBounds: readonly number[];
  /** Observations at or below each bound (cumulative), one per bound. */
  readonly cumulativeCounts: readonly number[];
  readonly sum: number;
  readonly count: number;
};

/** A metric family: name, help text and its series. */
export type MetricFamily =
  | {
      readonly name: string;
      readonly type: 'counter' | 'gauge';
      readonly help: string;
      readonly samples: readonly Sample[];
    }
  | {
      readonly name: string;
      readonly type: 'histogram';
      readonly help: string;
      readonly series: readonly HistogramSeries[];
    };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const escapeLabel = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labelText(labels: Labels | undefined, extra?: readonly [string, string]): string {
  const pairs = Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (extra !== undefined) pairs.push([extra[0], extra[1]]);
  if (pairs.length === 0) return '';
  for (const [k] of pairs) if (!LABEL_NAME.test(k)) throw new RangeError(`bad label name ${k}`);
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

function valueText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** The text exposition of `families`, in the order given; throws RangeError on a bad name. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    if (!METRIC_NAME.test(f.name)) throw new RangeError(`bad metric name ${f.name}`);
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type !== 'histogram') {
      for (const s of f.samples) lines.push(`${f.name}${labelText(s.labels)} ${valueText(s.value)}`);
      continue;
    }
    for (const s of f.series) {
      s.upperBounds.forEach((le, i) =>
        lines.push(
          `${f.name}_bucket${labelText(s.labels, ['le', valueText(le)])} ${s.cumulativeCounts[i] ?? 0}`,
        ),
      );
      lines.push(`${f.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      lines.push(`${f.name}_sum${labelText(s.labels)} ${valueText(s.sum)}`);
      lines.push(`${f.name}_count${labelText(s.labels)} ${s.count}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
