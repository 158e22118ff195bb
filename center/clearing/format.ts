/**
 * @module center/clearing/format
 * The clearing report as text for clearing staff: one row per operator and the reconciliation.
 */
import type { ClearingReport } from './report.ts';

const won = (krw: number): string => `${krw.toLocaleString('en-US')} won`;

/** Render a report as an aligned text table. */
export function formatClearingReport(report: ClearingReport): string {
  const r = report.reconciliation;
  const rows = report.operators.map((o) => [
    o.operatorId,
    o.legs.toLocaleString('en-US'),
    o.transferLegs.toLocaleString('en-US'),
    won(o.postedKrw),
    won(o.revenueKrw),
  ]);
  const head = ['operator', 'legs', 'transfer legs', 'charged on its lines', `revenue (${report.policy})`];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  const out = [
    `Clearing report ${report.day} — apportionment by ${report.policy}`,
    `${report.journeys.toLocaleString('en-US')} journeys, ${report.transferJourneys.toLocaleString('en-US')} with transfers`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'Reconciliation',
    ...Object.entries(r.debitsKrw).map(([kind, krw]) => `  ${kind} debits: ${won(krw)}`),
    `  payer debits:     ${won(r.payerDebitsKrw)}`,
    `  operator credits: ${won(r.operatorCreditsKrw)}`,
    `  difference:       ${won(r.differenceKrw)}`,
    r.reconciled ? '  RECONCILED to the won' : `  NOT RECONCILED: ${r.differences.length} difference(s)`,
    ...r.differences.slice(0, 50).map((d) => `    ${d.kind} ${d.subject}: ${won(d.amountKrw)} (${d.detail})`),
  ];
  if (r.differences.length > 50) out.push(`    ... and ${r.differences.length - 50} more`);
  return `${out.join('\n')}\n`;
}
