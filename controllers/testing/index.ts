/**
 * @module controllers/testing
 * Example intersections for tests and benchmarks of `controllers/`.
 */
export { nemaIntersection, stageIntersection } from './intersections.ts';
export { nemaArb, stagesArb } from './random-intersections.ts';
