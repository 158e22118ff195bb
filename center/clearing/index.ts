/**
 * @module center/clearing
 * The clearing house: settlement batches in, acknowledgements out; per-day revenue per operator with
 * transfer trips apportioned by base-fare ratio or by distance, and a reconciliation to the won.
 */
export { apportionKrw, APPORTION_POLICIES } from './apportion.ts';
export type { ApportionPolicy } from './apportion.ts';
export { ClearingAccumulator } from './accumulator.ts';
export type { JourneyFacts, LegFact, EntryProblem, DayTotals } from './accumulator.ts';
export { clearDay, liveLegs } from './report.ts';
export type { ClearingReport, OperatorRevenue, ClearingDifference } from './report.ts';
export { ClearingHouse, accumulateLedgers } from './clearing-house.ts';
export type { ClearingHouseOptions } from './clearing-house.ts';
export { formatClearingReport } from './format.ts';
export { clearingReportHtml } from './html.ts';
export { clearingRoutes } from './clearing-routes.ts';
export { MemoryClearingStore } from './clearing-store.ts';
export type { ClearingStore, ClearingBatchRecord } from './clearing-store.ts';
