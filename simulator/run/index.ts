/**
 * @module simulator/run
 * Assemble and run a simulation from a scenario or SUMO files, and compute its key figures.
 */
export { prepareRun } from './prepare.ts';
export type { RunSource, RunOptions, PreparedRun, TlsStrategy } from './prepare.ts';
export { runToEnd } from './run.ts';
export type { ProgressFn } from './run.ts';
export { computeKpis } from './kpi.ts';
export type { RunKpis, IntersectionKpi } from './kpi.ts';
