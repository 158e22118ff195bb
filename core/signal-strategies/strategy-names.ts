/**
 * @module core/signal-strategies/strategy-names
 * The names of the signal timing strategies an edge can run an intersection under, as the CLI, the
 * simulator (`--strategy`, `--tls`), an operator's `signal.command` and the center's
 * `POST /api/v1/signals/<id>/commands` spell them. One list for every process: the edge builds a
 * strategy from it (edge/adaptive `createStrategy`), the center refuses any other name before
 * publishing a command (400), and the control room offers exactly these. Plain data with no imports,
 * so the browser build can import it as a value.
 */

/** Every strategy name, in the order the control room lists them. */
export const STRATEGY_NAMES = Object.freeze([
  'static',
  'webster',
  'actuated',
  'max-pressure',
  'scats',
  'schedule-driven',
] as const);

/** A strategy name. */
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** Whether `name` is one of {@link STRATEGY_NAMES}. */
export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}
