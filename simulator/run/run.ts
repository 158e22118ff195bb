/**
 * @module simulator/run/run
 * Run a prepared simulation as fast as possible on its virtual clock, reporting progress, and
 * return its key figures.
 */
import { computeKpis, type RunKpis } from './kpi.ts';
import type { PreparedRun } from './prepare.ts';

/** Called now and then with the share done (0..1). */
export type ProgressFn = (done: number) => void;

/** Run to `run.endS` (after the begin) and compute the figures. */
export function runToEnd(run: PreparedRun, onProgress?: ProgressFn): RunKpis {
  const { sim } = run;
  const end = run.beginS + run.endS;
  const span = Math.max(1, end - sim.timeS);
  const start = sim.timeS;
  const t0 = performance.now();
  let nextReport = 0;
  while (sim.timeS < end - 1e-9) {
    sim.step();
    if (onProgress !== undefined && sim.state.stepNo >= nextReport) {
      onProgress((sim.timeS - start) / span);
      nextReport = sim.state.stepNo + 200;
    }
  }
  onProgress?.(1);
  return computeKpis(sim, performance.now() - t0, sim.timeS - start);
}
