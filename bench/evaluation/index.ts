/**
 * @module bench/evaluation
 * Strategy-in-the-loop evaluation (issue 6): the simulator on its virtual clock with the edge's own
 * strategy code driving the in-process controllers, on a 4x4 grid at four demand levels, the demo city
 * and the resco SUMO scenarios. `its evaluate` prints the table; `its sim run --tls <strategy>` uses
 * {@link runStrategy} for the strategies the simulator does not run by itself.
 */
export { runStrategy } from './harness.ts';
export type { StrategyRun, StrategyRunOptions } from './harness.ts';
export { prepareEvaluation, SUMO_MIN_GREEN_S, SUMO_MAX_GREEN_S } from './sources.ts';
export type { EvaluationSource, EvaluationRun, SourceOptions } from './sources.ts';
export { runKpis } from './kpis.ts';
export type { EvaluationKpis } from './kpis.ts';
export { evaluationCases, gridCase, GRID_LEVELS_VPH } from './cases.ts';
export type { EvaluationCase } from './cases.ts';
export { withApproachLoops } from './grid-loops.ts';
export { runEvaluation, compare, DEFAULT_EVALUATION_SEED } from './suite.ts';
export type { CaseResult, Comparison, TspResult, EvaluationReport, EvaluationOptions } from './suite.ts';
export { evaluationTable } from './table.ts';
