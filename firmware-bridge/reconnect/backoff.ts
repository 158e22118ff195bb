/**
 * @module firmware-bridge/reconnect/backoff
 * Exponential reconnect backoff with a cap and optional jitter, so a fleet of bridges does not
 * reconnect in lock-step after a broker restart.
 */

/** Backoff settings. */
export type BackoffOptions = {
  readonly minMs: number;
  readonly maxMs: number;
  /** Share of the delay randomised, 0..1. */
  readonly jitter: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = Object.freeze({ minMs: 500, maxMs: 30_000, jitter: 0.2 });

/** Delay before reconnect attempt `attempt` (0-based); `random` in [0,1) is injected for tests. */
export function backoffDelayMs(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const base = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (1 - options.jitter + options.jitter * random()));
}
