/**
 * @module edge/adaptive/intersection-control
 * One intersection under a strategy: each step it reads the controller's state and the detectors,
 * updates the unit states, asks the strategy, and returns the controller commands to send. The same
 * object runs in the simulator (in-process controller) and in the live edge (OPC UA client).
 */
import type { Detector, Intersection, Movement, SignalPlan } from '../../core/index.ts';
import { CommandPlanner } from './command-planner.ts';
import type { DetectorSample } from './unit-tracker.ts';
import { UnitTracker } from './unit-tracker.ts';
import { unitLayout } from './unit-layout.ts';
import type {
  ControlDecision,
  ControllerSnapshot,
  SignalCommand,
  SignalStrategy,
  TspRequest,
  UnitState,
  UnitTiming,
} from './types.ts';

/** What one {@link IntersectionControl.step} produced. */
export type ControlStep = {
  readonly decision: ControlDecision;
  readonly commands: readonly SignalCommand[];
  readonly units: readonly UnitState[];
};

/** An intersection driven by a strategy. */
export class IntersectionControl {
  readonly intersection: Intersection;
  readonly units: readonly UnitTiming[];
  readonly #strategy: SignalStrategy;
  readonly #tracker: UnitTracker;
  readonly #planner = new CommandPlanner();
  #wasOnline = true;

  constructor(
    intersection: Intersection,
    movements: readonly Movement[],
    detectors: readonly Detector[],
    strategy: SignalStrategy,
  ) {
    this.intersection = intersection;
    this.units = unitLayout(intersection, movements);
    this.#strategy = strategy;
    this.#tracker = new UnitTracker(this.units, detectors);
  }

  /** Name of the strategy in charge. */
  get strategyName(): string {
    return this.#strategy.name;
  }

  /** One control step at `nowMs`. */
  step(
    nowMs: number,
    controller: ControllerSnapshot,
    samples: ReadonlyMap<string, DetectorSample>,
    tsp: readonly TspRequest[] = [],
  ): ControlStep {
    const units = this.#tracker.update(nowMs, controller.activeUnits, samples);
    if (!controller.online) {
      // A controller we cannot reach runs its own local plan; command nothing and start clean later.
      this.#wasOnline = false;
      return { decision: { kind: 'local', mode: this.intersection.mode }, commands: [], units };
    }
    if (!this.#wasOnline) {
      this.#planner.reset();
      this.#wasOnline = true;
    }
    const decision = this.#strategy.decide({
      nowMs,
      intersection: this.intersection,
      localPlan: this.#localPlan(controller.planId),
      controller,
      units,
      tsp,
    });
    return { decision, commands: this.#planner.plan(decision, controller), units };
  }

  #localPlan(planId: string | null): SignalPlan {
    const plans = this.intersection.plans;
    const plan =
      plans.find((p) => p.id === planId) ??
      plans.find((p) => p.id === this.intersection.defaultPlanId) ??
      plans[0];
    if (plan === undefined) throw new Error(`intersection ${this.intersection.id} has no plan`);
    return plan;
  }
}
