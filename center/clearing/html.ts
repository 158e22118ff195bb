/**
 * @module center/clearing/html
 * The clearing report as a small self-contained HTML page, for the center to serve beside the JSON
 * (`its settle report --json` prints the same JSON). Every text is escaped.
 */
import type { ClearingReport } from './report.ts';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const won = (krw: number): string => `${krw.toLocaleString('en-US')}&nbsp;₩`;

/** Render a clearing report as an HTML document. */
export function clearingReportHtml(report: ClearingReport): string {
  const r = report.reconciliation;
  const rows = report.operators
    .map(
      (o) =>
        `<tr><td>${escape(o.operatorId)}</td><td>${o.legs.toLocaleString('en-US')}</td>` +
        `<td>${o.transferLegs.toLocaleString('en-US')}</td><td>${won(o.postedKrw)}</td><td>${won(o.revenueKrw)}</td></tr>`,
    )
    .join('\n');
  const differences = r.differences
    .slice(0, 200)
    .map((d) => `<li>${escape(d.kind)} ${escape(d.subject)}: ${won(d.amountKrw)} (${escape(d.detail)})</li>`)
    .join('\n');
  const title = `Clearing ${escape(report.day)} (${escape(report.policy)})`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}td,th{padding:.2em .8em;text-align:right}
td:first-child,th:first-child{text-align:left}.ok{color:#060}.bad{color:#a00}</style></head>
<body><h1>${title}</h1>
<p>${report.journeys.toLocaleString('en-US')} journeys, ${report.transferJourneys.toLocaleString('en-US')} with transfers</p>
<table><thead><tr><th>operator</th><th>legs</th><th>transfer legs</th><th>charged on its lines</th><th>revenue</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Reconciliation</h2>
<p>payer debits ${won(r.payerDebitsKrw)}, operator credits ${won(r.operatorCreditsKrw)}, difference ${won(r.differenceKrw)}</p>
<p class="${r.reconciled ? 'ok' : 'bad'}">${r.reconciled ? 'Reconciled to the won' : `Not reconciled: ${r.differences.length} difference(s)`}</p>
<ul>
${differences}
</ul>
</body></html>
`;
}
