/**
 * @module bench/runner
 * Runs every `bench/<name>.bench.ts` in turn and gathers their figures into one table. A benchmark
 * that throws is reported as failed; the others still run. Timings never fail anything.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchFigure, BenchOptions, Benchmark } from './types.ts';

/** What one benchmark produced. */
export type BenchOutcome = {
  readonly benchmark: string;
  readonly file: string;
  readonly figures: readonly BenchFigure[];
  readonly error: string | null;
  readonly wallS: number;
};

const benchDir = dirname(fileURLToPath(import.meta.url));

/** Benchmark files in `bench/`, sorted, optionally filtered by a substring of the file name. */
export function listBenchFiles(filter?: string): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filter === undefined || f.includes(filter))
    .sort();
}

/** Import and run the named benchmark files in sequence. */
export async function runBenchmarks(
  files: readonly string[],
  options: BenchOptions,
  onDone: (outcome: BenchOutcome) => void = () => {},
): Promise<BenchOutcome[]> {
  const outcomes: BenchOutcome[] = [];
  for (const file of files) {
    const started = performance.now();
    let outcome: BenchOutcome;
    try {
      const mod = (await import(pathToFileURL(join(benchDir, file)).href)) as { benchmark?: Benchmark };
      if (mod.benchmark === undefined) throw new Error('does not export `benchmark`');
      const figures = await mod.benchmark.run(options);
      outcome = { benchmark: mod.benchmark.name, file, figures, error: null, wallS: elapsedS(started) };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      outcome = {
        benchmark: file.replace(/\.bench\.ts$/, ''),
        file,
        figures: [],
        error,
        wallS: elapsedS(started),
      };
    }
    outcomes.push(outcome);
    onDone(outcome);
  }
  return outcomes;
}

function elapsedS(startedMs: number): number {
  return Math.round(performance.now() - startedMs) / 1000;
}
