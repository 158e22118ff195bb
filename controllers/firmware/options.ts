/**
 * @module controllers/firmware/options
 * Controller options (STYLE.md §14): documented, frozen defaults, resolved once and validated.
 */
import { ConfigError } from '../../core/index.ts';
import type { Layout } from './layout.ts';
import type { Sequencer } from './sequencer.ts';

/** An event a controller reports (plan, mode and fault changes, watchdog fallback). */
export type ControllerEvent = {
  readonly intersectionId: string;
  readonly atMs: number;
  readonly type: 'fault' | 'fault-reset' | 'watchdog' | 'plan' | 'mode';
  readonly detail: string;
};

/** Options of {@link createController}. */
export type ControllerOptions = {
  /** Local time offset from UTC, minutes, for the schedule and the cycle reference. Default 540 (KST). */
  readonly utcOffsetMin?: number;
  /** Heartbeat timeout of external control, s; then the controller falls back to local. Default 30. */
  readonly watchdogTimeoutS?: number;
  /** All-red at start-up and after a fault reset, s. Default 3. */
  readonly startupAllRedS?: number;
  /** Largest share by which the cycle is shortened or lengthened to reach a new offset. Default 0.2. */
  readonly transitionAdjust?: number;
  /** Called on plan, mode and fault changes (not per step). */
  readonly onEvent?: (event: ControllerEvent) => void;
  /** Replace the sequencer; for testing that the conflict monitor catches a faulty one. */
  readonly sequencerFactory?: (layout: Layout) => Sequencer;
};

/** Defaults of {@link ControllerOptions}. */
export const DEFAULT_CONTROLLER_OPTIONS = Object.freeze({
  utcOffsetMin: 540,
  watchdogTimeoutS: 30,
  startupAllRedS: 3,
  transitionAdjust: 0.2,
});

/** Resolved options. */
export type ResolvedControllerOptions = {
  readonly utcOffsetMs: number;
  readonly watchdogTimeoutMs: number;
  readonly startupAllRedMs: number;
  readonly transitionAdjust: number;
  readonly onEvent: ((event: ControllerEvent) => void) | null;
  readonly sequencerFactory: ((layout: Layout) => Sequencer) | null;
};

/** Resolve and validate options; throws {@link ConfigError} naming the field. */
export function resolveControllerOptions(options: ControllerOptions = {}): ResolvedControllerOptions {
  const o = { ...DEFAULT_CONTROLLER_OPTIONS, ...options };
  if (!(Math.abs(o.utcOffsetMin) <= 14 * 60))
    throw new ConfigError('utcOffsetMin', 'must be within ±840 minutes');
  if (!(o.watchdogTimeoutS > 0)) throw new ConfigError('watchdogTimeoutS', 'must be > 0');
  if (!(o.startupAllRedS >= 0 && o.startupAllRedS <= 30))
    throw new ConfigError('startupAllRedS', 'must be within 0-30 s');
  if (!(o.transitionAdjust > 0 && o.transitionAdjust <= 0.5))
    throw new ConfigError('transitionAdjust', 'must be in (0, 0.5]');
  return {
    utcOffsetMs: o.utcOffsetMin * 60_000,
    watchdogTimeoutMs: Math.round(o.watchdogTimeoutS * 1000),
    startupAllRedMs: Math.round(o.startupAllRedS * 1000),
    transitionAdjust: o.transitionAdjust,
    onEvent: options.onEvent ?? null,
    sequencerFactory: options.sequencerFactory ?? null,
  };
}
