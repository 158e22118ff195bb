/**
 * @module edge/metrics/step-histogram
 * How long one intersection's strategy step takes, by strategy, as a Prometheus histogram. The edge
 * steps each intersection once a second; schedule-driven searches are the costly ones, and a step
 * that nears the period delays every signal of the region. No strategy counted this before, so this
 * is the one series the edge accumulates itself (edge/node `StepTimer.observe`).
 */
import type { MetricFamily } from './exposition.ts';

/** Upper bounds, s: 0.1 ms to 1 s, the control period. */
export const STEP_BUCKETS_S: readonly number[] = Object.freeze([
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
]);

type Series = { readonly counts: number[]; sum: number; count: number };

/** Step durations by strategy name. */
export class StepHistogram {
  readonly #series = new Map<string, Series>();

  /** One step of a strategy that took `durationMs` (a negative time, from a clock stepped back, counts as 0). */
  observe(strategy: string, durationMs: number): void {
    let s = this.#series.get(strategy);
    if (s === undefined) {
      s = { counts: STEP_BUCKETS_S.map(() => 0), sum: 0, count: 0 };
      this.#series.set(strategy, s);
    }
    const seconds = Math.max(0, durationMs) / 1000;
    const at = STEP_BUCKETS_S.findIndex((le) => seconds <= le);
    if (at >= 0) s.counts[at] = (s.counts[at] ?? 0) + 1;
    s.sum += seconds;
    s.count++;
  }

  /** The histogram family (`its_edge_strategy_step_seconds`), cumulative per bucket. */
  family(): MetricFamily {
    return {
      name: 'its_edge_strategy_step_seconds',
      type: 'histogram',
      help: "Time one intersection's control step took (strategy decision and commands), by strategy",
      series: [...this.#series].map(([strategy, s]) => {
        let running = 0;
        return {
          labels: { strategy },
          upperBounds: STEP_BUCKETS_S,
          cumulativeCounts: s.counts.map((n) => (running += n)),
          sum: s.sum,
          count: s.count,
        };
      }),
    };
  }
}
