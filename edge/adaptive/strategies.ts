/**
 * @module edge/adaptive/strategies
 * A factory of strategies by name. The names are the contract in core (`STRATEGY_NAMES`, shared
 * with the center and the control room); they are re-exported here for the CLI and the simulator.
 */
import { ConfigError, STRATEGY_NAMES, isStrategyName, type StrategyName } from '../../core/index.ts';
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

export { STRATEGY_NAMES, type StrategyName };

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
  if (!isStrategyName(name)) {
    throw new ConfigError(
      'strategy',
      `unknown strategy ${JSON.stringify(name)}; use one of ${STRATEGY_NAMES.join(', ')}`,
    );
  }
  let strategy: SignalStrategy;
  // Exhaustive: a name added to the core list does not compile until it has a case here.
  switch (name) {
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
    default: {
      const never: never = name;
      throw new ConfigError('strategy', `no factory for strategy ${JSON.stringify(never)}`);
    }
  }
  if (options.tsp === undefined || options.tsp === false) return strategy;
  return withTransitPriority(strategy, options.tsp === true ? {} : options.tsp);
}
