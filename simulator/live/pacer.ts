/**
 * @module simulator/live/pacer
 * Live mode: the same simulation paced to a clock — `speed` simulated seconds per wall second — so
 * the devices' messages flow at the rate the field would send them (times `speed`). Time comes from
 * an injected `Clock` (STYLE.md §13), so a test can drive it with a virtual one.
 */
import { ConfigError } from '../../core/errors/index.ts';
import type { Clock } from '../../core/index.ts';
import type { PreparedRun } from '../run/index.ts';

/** Options of {@link runPaced}. */
export type PaceOptions = {
  /** Simulated seconds per wall second. Default 1. */
  readonly speed?: number;
  /** Wall-clock tick between bursts of steps, ms. Default 100. */
  readonly tickMs?: number;
  /** Called after each burst with the simulated time. */
  readonly onTick?: (timeS: number) => void;
  /** Stops the run early when it resolves true. */
  readonly shouldStop?: () => boolean;
};

/** Run `run` to its end paced to `clock`; resolves when done. */
export function runPaced(run: PreparedRun, clock: Clock, options: PaceOptions = {}): Promise<void> {
  const speed = options.speed ?? 1;
  const tickMs = options.tickMs ?? 100;
  if (!(speed > 0 && speed <= 10_000)) throw new ConfigError('speed', `must be in (0, 10000], got ${speed}`);
  if (!(tickMs > 0)) throw new ConfigError('tickMs', 'must be > 0');
  const { sim } = run;
  const end = run.beginS + run.endS;
  const wall0 = clock.now();
  const sim0 = sim.timeS;
  return new Promise((resolve) => {
    const tick = (): void => {
      const target = Math.min(end, sim0 + ((clock.now() - wall0) / 1000) * speed);
      while (sim.timeS < target - 1e-9) sim.step();
      options.onTick?.(sim.timeS);
      if (sim.timeS >= end - 1e-9 || options.shouldStop?.() === true) {
        clock.clear(handle);
        resolve();
      }
    };
    const handle = clock.setInterval(tick, tickMs);
  });
}
