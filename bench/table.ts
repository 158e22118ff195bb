/**
 * @module bench/table
 * Formats benchmark outcomes as one plain-text table: figure, value, target, reference ratio, met.
 */
import type { BenchOutcome } from './runner.ts';

/**
 * Render a number with thousands separators and at most 3 significant decimals; NaN (nothing to
 * measure, e.g. the mean time to detect when nothing was detected) as a dash.
 */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** One row per figure, grouped by benchmark, columns padded to fit. */
export function formatTable(outcomes: readonly BenchOutcome[]): string {
  const rows: string[][] = [['benchmark', 'figure', 'value', 'unit', 'target', 'ratio', 'met']];
  for (const o of outcomes) {
    if (o.error !== null) {
      rows.push([o.benchmark, `FAILED: ${o.error}`, '', '', '', '', '']);
      continue;
    }
    for (const f of o.figures) {
      const ratio = f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}x ${f.reference?.name ?? ''}`.trim();
      const met = f.met === undefined ? '' : f.met ? 'yes' : 'NO';
      rows.push([o.benchmark, f.name, formatValue(f.value), f.unit, f.target ?? '', ratio, met]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header!), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
