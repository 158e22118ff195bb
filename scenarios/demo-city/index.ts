/**
 * @module scenarios/demo-city
 * Door of the demo-city scenario: the generator, the path of the generated `scenario.json`, and the
 * saturation desk check. Most users load the JSON (`loadScenario('scenarios/demo-city')`) instead.
 */
export { buildScenario, DURATION_S, START_TIME } from './scenario.ts';
export { renderScenario, SCENARIO_PATH } from './generate.ts';
export { linkVolumesVph, phaseSaturation } from './saturation.ts';
export type { PhaseSaturation } from './saturation.ts';
