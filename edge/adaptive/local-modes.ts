/**
 * @module edge/adaptive/local-modes
 * The two baselines that leave timing to the controller itself: `static` runs the scenario's own plans
 * in the intersection's configured mode, `actuated` runs the controller's fully actuated mode (calls,
 * passage-time extension, gap-out, max-out; NTCIP 1202 / NEMA TS 2).
 */
import type { ControlDecision, ControlInput, SignalStrategy } from './types.ts';

/** The scenario's own plans and mode. */
export class StaticStrategy implements SignalStrategy {
  readonly name = 'static';

  decide(input: ControlInput): ControlDecision {
    return { kind: 'local', mode: input.intersection.mode };
  }
}

/** The controller's own actuated mode. */
export class ActuatedStrategy implements SignalStrategy {
  readonly name = 'actuated';

  decide(): ControlDecision {
    return { kind: 'local', mode: 'actuated' };
  }
}
