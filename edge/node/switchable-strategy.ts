/**
 * @module edge/node/switchable-strategy
 * A strategy slot whose occupant an operator can replace (`signal.command` with a strategy): the
 * intersection's control loop keeps its detector history and command bookkeeping, and from the next
 * step on the new strategy decides.
 */
import type { ControlDecision, ControlInput, SignalStrategy } from '../adaptive/index.ts';

/** Delegates to the strategy currently in charge. */
export class SwitchableStrategy implements SignalStrategy {
  #current: SignalStrategy;

  constructor(initial: SignalStrategy) {
    this.#current = initial;
  }

  get name(): string {
    return this.#current.name;
  }

  /** Put another strategy in charge from the next decision on. */
  replace(next: SignalStrategy): void {
    this.#current = next;
  }

  decide(input: ControlInput): ControlDecision {
    return this.#current.decide(input);
  }
}
