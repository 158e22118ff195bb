/**
 * @module bench/types
 * The benchmark contract: each `bench/<name>.bench.ts` exports `benchmark: Benchmark`. `npm run bench`
 * runs them all and prints one table of figures, targets and ratios (never fails on a timing).
 */

/** One measured figure. */
export type BenchFigure = {
  /** What was measured, e.g. `vehicle updates/s (10x10 grid, 24k veh/h)`. */
  readonly name: string;
  readonly value: number;
  /** Unit of `value`, e.g. `updates/s`, `ms`, `MiB`. */
  readonly unit: string;
  /** The target as text, e.g. `>= 795000 (3x SUMO)`. */
  readonly target?: string;
  /** A reference measured in the same run (e.g. a bare broker's delivery rate) and value/reference. */
  readonly reference?: { readonly name: string; readonly value: number };
  readonly ratio?: number;
  /** Whether the target is met, when it can be judged. */
  readonly met?: boolean;
  readonly note?: string;
};

export type BenchOptions = {
  /** Smaller sizes for a quick look (`npm run bench -- --quick`). */
  readonly quick: boolean;
};

/** A benchmark: a name and a function that measures and returns figures. */
export type Benchmark = {
  readonly name: string;
  readonly run: (options: BenchOptions) => Promise<readonly BenchFigure[]>;
};
