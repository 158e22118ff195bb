/**
 * @module controllers/testing
 * Example intersections for tests and benchmarks of `controllers/`.
 */
export { nemaIntersection, stageIntersection } from './intersections.ts';
