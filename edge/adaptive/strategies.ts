/**
 * @module edge/adaptive/strategies
 * Strategy names as the CLI and the simulator spell them (`--strategy`, `--tls`), and a factory.
 */
import { ConfigError } from '../../core/index.ts';
import { ActuatedStrategy, StaticStrategy } from './local-modes.ts';
import { MaxPressureStrategy } from './max-pressure.ts';
import type { ScatsOptions } from './scats.ts';
import type { ScheduleDrivenOptions } from './schedule-driven-options.ts';
import { ScheduleDrivenStrategy } from './schedule-driven.ts';
import { ScatsStrategy } from './scats.ts';
import type { TransitPriorityOptions } from './transit-priority.ts';
import { withTransitPriority } from './transit-priority.ts';
import type { SignalStrategy } from './types.ts';
import { WebsterStrategy } from './webster.ts';

/** Every strategy name. */
export const STRATEGY_NAMES = [
  'static',
  'webster',
  'actuated',
  'max-pressure',
  'scats',
  'schedule-driven',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** Options of {@link createStrategy}. */
export type CreateStrategyOptions = {
  /** Add transit signal priority on top. */
  readonly tsp?: boolean | Partial<TransitPriorityOptions>;
  /** SCATS subsystem (marriage) settings. */
  readonly scats?: Partial<ScatsOptions>;
  /** Schedule-driven settings. */
  readonly scheduleDriven?: Partial<ScheduleDrivenOptions>;
};

/** Make a fresh strategy instance for one intersection; throws ConfigError for an unknown name. */
export function createStrategy(name: string, options: CreateStrategyOptions = {}): SignalStrategy {
  let strategy: SignalStrategy;
  switch (name as StrategyName) {
    case 'static':
      strategy = new StaticStrategy();
      break;
    case 'webster':
      strategy = new WebsterStrategy();
      break;
    case 'actuated':
      strategy = new ActuatedStrategy();
      break;
    case 'max-pressure':
      strategy = new MaxPressureStrategy();
      break;
    case 'scats':
      strategy = new ScatsStrategy(options.scats);
      break;
    case 'schedule-driven':
      strategy = new ScheduleDrivenStrategy(options.scheduleDriven);
      break;
    default:
      throw new ConfigError(
        'strategy',
        `unknown strategy ${JSON.stringify(name)}; use one of ${STRATEGY_NAMES.join(', ')}`,
      );
  }
  if (options.tsp === undefined || options.tsp === false) return strategy;
  return withTransitPriority(strategy, options.tsp === true ? {} : options.tsp);
}
