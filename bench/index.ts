/**
 * @module bench
 * Benchmarks of every part. Each `bench/<name>.bench.ts` exports `benchmark: Benchmark`.
 */
export type { BenchFigure, BenchOptions, Benchmark } from './types.ts';
