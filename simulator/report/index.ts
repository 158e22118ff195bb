/**
 * @module simulator/report
 * Run reports: the terminal KPI table and the self-contained HTML report with SVG plots.
 */
export { renderHtmlReport } from './html.ts';
export type { ReportInput, ReportRow } from './html.ts';
export { kpiTable } from './table.ts';
export { lineChart, histogram } from './svg.ts';
export type { Line } from './svg.ts';
