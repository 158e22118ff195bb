/**
 * @module edge/adaptive/webster
 * Webster fixed-time (Webster 1958, Road Research Technical Paper 39): optimum cycle
 * C0 = (1.5 L + 5) / (1 - Y), with L the lost time and Y the sum of critical flow ratios y = q / s, and
 * greens in proportion to the flow ratios. Recomputed once per cycle from measured arrival rates; the
 * baseline the adaptive strategies are judged against. Every unit is served every cycle (recall).
 */
import { blind, greenDirectives } from './directives.ts';
import { criticalSum, lostTimeS, splitGreens } from './green-split.ts';
import type { ControlDecision, ControlInput, SignalStrategy, UnitState, UnitTiming } from './types.ts';

/** Options of {@link WebsterStrategy}. */
export type WebsterOptions = {
  /** Saturation flow per lane, veh/h (HCM base 1900). */
  readonly saturationVphpl: number;
  readonly minCycleS: number;
  readonly maxCycleS: number;
};

export const DEFAULT_WEBSTER_OPTIONS: WebsterOptions = Object.freeze({
  saturationVphpl: 1900,
  minCycleS: 40,
  maxCycleS: 150,
});

/** Webster's optimum cycle for flow ratios summing to `y` and lost time `lostS`, clamped. */
export function websterCycleS(
  y: number,
  lostS: number,
  options: WebsterOptions = DEFAULT_WEBSTER_OPTIONS,
): number {
  if (y >= 0.95) return options.maxCycleS;
  return Math.min(options.maxCycleS, Math.max(options.minCycleS, (1.5 * lostS + 5) / (1 - y)));
}

/** Webster fixed-time strategy. */
export class WebsterStrategy implements SignalStrategy {
  readonly name = 'webster';
  readonly #options: WebsterOptions;
  #greens: ReadonlyMap<string, number> | null = null;
  #cycleS: number | null = null;
  #wasActive = new Set<string>();

  constructor(options: Partial<WebsterOptions> = {}) {
    this.#options = Object.freeze({ ...DEFAULT_WEBSTER_OPTIONS, ...options });
  }

  /** The cycle in force, s, or null before the first. */
  get cycleS(): number | null {
    return this.#cycleS;
  }

  decide(input: ControlInput): ControlDecision {
    if (blind(input.units)) {
      this.#greens = null;
      return { kind: 'local', mode: 'fixed', planId: input.localPlan.id };
    }
    const first = input.units[0];
    const started = first !== undefined && first.active && !this.#wasActive.has(String(first.unit));
    this.#wasActive = new Set(input.units.filter((u) => u.active).map((u) => String(u.unit)));
    if (this.#greens === null || started) this.#plan(input);
    const greens = this.#greens ?? new Map<string, number>();
    const end = new Set(
      input.units
        .filter((u) => u.active && (u.greenS ?? 0) >= (greens.get(String(u.unit)) ?? u.minGreenS))
        .map((u) => String(u.unit)),
    );
    return greenDirectives(input.units, end, 'all');
  }

  #plan(input: ControlInput): void {
    const units = input.units;
    const measured = units.every((u) => u.arrivalVph !== null);
    const weight = measured
      ? (u: UnitTiming): number =>
          ((u as UnitState).arrivalVph ?? 0) / (this.#options.saturationVphpl * u.lanes)
      : (u: UnitTiming): number =>
          Math.max(0, (input.localPlan.splitsS[String(u.unit)] ?? 0) - u.clearanceS) / input.localPlan.cycleS;
    const y = criticalSum(units, weight);
    const cycle = measured ? websterCycleS(y, lostTimeS(units), this.#options) : input.localPlan.cycleS;
    this.#cycleS = cycle;
    this.#greens = splitGreens(units, cycle, weight).greensS;
  }
}
