/**
 * @module core/scenario
 * The scenario file format, its validation and loading, and link lengths.
 */
export * from './schema.ts';
export { validateScenario, checkScenario, formatPath } from './validate.ts';
export { loadScenario, parseJsonFile, scenarioFileOf, SCENARIO_FILE } from './load.ts';
export { linkLengthM, haversineM, polylineLengthM } from './geometry.ts';
export type { NodePosition } from './geometry.ts';
export { MINI_SCENARIO_PATH, miniScenarioDoc, editDoc, scenarioIssues } from './testing.ts';
export type { DocEdit, JsonObject } from './testing.ts';
export { busRegionOf, visitingBusRegions } from './bus-regions.ts';
