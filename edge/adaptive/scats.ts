/**
 * @module edge/adaptive/scats
 * A SCATS-like strategy (Sims & Dobinson 1980, "The Sydney Coordinated Adaptive Traffic (SCAT) system
 * philosophy and benefits", IEEE Trans. Veh. Technol. 29(2)), in two modes.
 *
 * Linked (`linkToPlan`, off by default; only where the plan in force is a coordination plan, with
 * coordinated units): the intersection is a member of its plan's subsystem,
 * whose members run the same plan table, so it keeps the plan's cycle and offset (the arterial's green
 * wave) and adapts within them (`scats-linked.ts`): coordinated units rest in green to their window
 * end and take the time others leave (early return), the others gap out, and a unit that ran out its
 * window with vehicles still crossing gains split (`scats-splits.ts`). Without it each intersection
 * runs a cycle of its own and the green waves are lost. On the demo city linked operation matches the
 * scenario's plans (85.4 / 84.6 s against 86.0 / 84.8 s, seeds 1 / 2; free: 94.7 s), but transit
 * priority on top of it costs general traffic 17-27%, so it is not the default (bench/evaluation/
 * README.md, "scats on the demo city (session 7)").
 *
 * Free (every other case: isolated intersections, plans without coordinated units): each cycle the
 * degree of saturation DS = used green / available green of every unit (used = loop occupied time plus
 * a standard headway per vehicle) drives
 *  - the cycle length, moved by at most `maxCycleStepS` towards the cycle that would bring the highest
 *    DS to the target (0.9),
 *  - the splits, shifted towards the used green of each unit so DS is equalised,
 *  - and, for intersections married into a subsystem, a common cycle (the largest any member asks
 *    for) and an offset: the first unit's start is pulled towards its offset from the common
 *    reference by stretching or squeezing the other greens by up to `maxOffsetShare` of the cycle.
 * Non-coordinated units still gap out early when their demand ends.
 */
import { blind, greenDirectives, unitsWithDemand } from './directives.ts';
import { splitGreens } from './green-split.ts';
import { cycleWindows, LinkedTiming, type LinkedCycle } from './scats-linked.ts';
import { adaptSplits } from './scats-splits.ts';
import type { ControlDecision, ControlInput, SignalStrategy, UnitState, UnitTiming } from './types.ts';

/** Shares a cycle among married intersections: the subsystem runs the largest cycle any asks for. */
export class CycleCoordinator {
  readonly #proposals = new Map<string, Map<string, number>>();

  /** Record an intersection's wish and return the subsystem's cycle. */
  propose(group: string, intersectionId: string, cycleS: number): number {
    const g = this.#proposals.get(group) ?? new Map<string, number>();
    g.set(intersectionId, cycleS);
    this.#proposals.set(group, g);
    return Math.max(...g.values());
  }
}

/** Options of {@link ScatsStrategy}. */
export type ScatsOptions = {
  readonly targetDs: number;
  readonly minCycleS: number;
  readonly maxCycleS: number;
  readonly maxCycleStepS: number;
  /** Share of the gap between current and target splits closed each cycle. */
  readonly splitSmoothing: number;
  /** Subsystem to marry into, with the shared coordinator and this intersection's offset. */
  readonly coordination?: {
    readonly group: string;
    readonly coordinator: CycleCoordinator;
    readonly offsetS: number;
  };
  readonly maxOffsetShare: number;
  /** Keep a coordination plan's cycle, offset and windows (SCATS linked operation). */
  readonly linkToPlan: boolean;
  /** Local time offset of the offsets' common reference (midnight local), minutes east of UTC. */
  readonly utcOffsetMin: number;
  /** Largest change of a linked intersection's split per cycle, s (0: the plan's splits only). */
  readonly maxSplitStepS: number;
};

export const DEFAULT_SCATS_OPTIONS: ScatsOptions = Object.freeze({
  targetDs: 0.9,
  minCycleS: 40,
  maxCycleS: 150,
  maxCycleStepS: 6,
  splitSmoothing: 0.5,
  maxOffsetShare: 0.15,
  linkToPlan: false,
  utcOffsetMin: 540,
  maxSplitStepS: 4,
});

/** Degree of saturation of a unit's last green, or null without data. */
export function degreeOfSaturation(u: UnitState): number | null {
  if (u.lastGreenS === null || u.lastUsedGreenS === null || u.lastGreenS <= 0) return null;
  return u.lastUsedGreenS / u.lastGreenS;
}

/** SCATS-like degree-of-saturation strategy. */
export class ScatsStrategy implements SignalStrategy {
  readonly name = 'scats';
  readonly #options: ScatsOptions;
  #cycleS: number | null = null;
  #greens: Map<string, number> | null = null;
  #wasActive = new Set<string>();
  readonly #linked = new LinkedTiming();
  #linkedPlanId: string | null = null;
  #linkedSplits: Record<string, number> = {};

  constructor(options: Partial<ScatsOptions> = {}) {
    this.#options = Object.freeze({ ...DEFAULT_SCATS_OPTIONS, ...options });
  }

  /** The cycle in force, s. */
  get cycleS(): number | null {
    return this.#cycleS;
  }

  /** Current greens per unit, s. */
  get greensS(): ReadonlyMap<string, number> {
    return new Map(this.#greens ?? []);
  }

  decide(input: ControlInput): ControlDecision {
    const units = input.units;
    if (blind(units)) {
      this.#greens = null;
      return { kind: 'local', mode: 'fixed', planId: input.localPlan.id };
    }
    if (this.#options.linkToPlan && input.localPlan.coordinated.length > 0) return this.#decideLinked(input);
    const first = units[0];
    const started = first !== undefined && first.active && !this.#wasActive.has(String(first.unit));
    this.#wasActive = new Set(units.filter((u) => u.active).map((u) => String(u.unit)));
    if (this.#greens === null || started) this.#adapt(input);
    const greens = this.#greens ?? new Map<string, number>();
    const end = new Set<string>();
    for (const u of units) {
      if (!u.active) continue;
      const g = u.greenS ?? 0;
      const planned = greens.get(String(u.unit)) ?? u.minGreenS;
      const gappedOut = u !== first && g >= u.minGreenS && u.gapS !== null && u.gapS >= u.passageS;
      if (g >= planned || gappedOut) end.add(String(u.unit));
    }
    const call = unitsWithDemand(units);
    if (first !== undefined) call.add(String(first.unit));
    return greenDirectives(units, end, call);
  }

  #decideLinked(input: ControlInput): ControlDecision {
    const plan = input.localPlan;
    if (this.#linkedPlanId !== plan.id) {
      this.#linked.reset();
      this.#linkedPlanId = plan.id;
      this.#linkedSplits = { ...plan.splitsS };
    }
    const coordinated = new Set(plan.coordinated.map(String));
    const first = plan.coordinated.map(String)[0];
    const lead = input.units.find((u) => String(u.unit) === first);
    const started = lead !== undefined && lead.active && !this.#wasActive.has(String(lead.unit));
    this.#wasActive = new Set(input.units.filter((u) => u.active).map((u) => String(u.unit)));
    if (started && this.#options.maxSplitStepS > 0) {
      this.#linkedSplits = adaptSplits(
        input.units,
        this.#linkedSplits,
        plan,
        (u) => this.#linked.saturated(u.unit),
        { maxStepS: this.#options.maxSplitStepS },
      );
      this.#linked.clearSaturation();
    }
    const splits = this.#linkedSplits;
    this.#greens = new Map(
      input.units.map((u) => [String(u.unit), (splits[String(u.unit)] ?? 0) - u.clearanceS]),
    );
    const cycle: LinkedCycle = {
      cycleS: plan.cycleS,
      offsetS: plan.offsetS,
      utcOffsetMin: this.#options.utcOffsetMin,
      windows: cycleWindows(input.units, this.#linkedSplits, plan.coordinated, plan.cycleS),
      coordinated,
    };
    this.#cycleS = plan.cycleS;
    const end = this.#linked.ends(input.nowMs, input.units, cycle);
    const call = unitsWithDemand(input.units);
    for (const k of coordinated) call.add(k);
    return greenDirectives(input.units, end, call);
  }

  #adapt(input: ControlInput): void {
    const o = this.#options;
    const units = input.units;
    const current = this.#cycleS ?? input.localPlan.cycleS;
    const ds = units.map(degreeOfSaturation).filter((d): d is number => d !== null);
    let cycle = current;
    if (ds.length > 0) {
      const wanted = (current * Math.max(...ds)) / o.targetDs;
      cycle = current + Math.max(-o.maxCycleStepS, Math.min(o.maxCycleStepS, wanted - current));
    }
    cycle = Math.min(o.maxCycleS, Math.max(o.minCycleS, cycle));
    if (o.coordination !== undefined) {
      cycle = o.coordination.coordinator.propose(o.coordination.group, input.intersection.id, cycle);
    }
    this.#cycleS = cycle;
    const weight = (u: UnitTiming): number => {
      const s = u as UnitState;
      if (s.lastUsedGreenS !== null) return Math.max(1, s.lastUsedGreenS);
      return Math.max(1, (input.localPlan.splitsS[String(u.unit)] ?? 0) - u.clearanceS);
    };
    const target = splitGreens(units, cycle, weight).greensS;
    const next = new Map<string, number>();
    for (const u of units) {
      const key = String(u.unit);
      const t = target.get(key) ?? u.minGreenS;
      const old = this.#greens?.get(key) ?? t;
      next.set(key, old + o.splitSmoothing * (t - old));
    }
    if (o.coordination !== undefined) this.#seekOffset(input, cycle, next, o.coordination.offsetS);
    this.#greens = next;
  }

  /** Stretch or squeeze this cycle's non-first greens to pull the cycle start towards the offset. */
  #seekOffset(input: ControlInput, cycleS: number, greens: Map<string, number>, offsetS: number): void {
    const nowS = input.nowMs / 1000;
    let error = (((nowS - offsetS) % cycleS) + cycleS) % cycleS;
    if (error > cycleS / 2) error -= cycleS;
    // error > 0: this cycle started late, so the next should come sooner: shorten.
    const correction = Math.max(
      -this.#options.maxOffsetShare * cycleS,
      Math.min(this.#options.maxOffsetShare * cycleS, -error),
    );
    const others = input.units.slice(1);
    const total = others.reduce((s, u) => s + (greens.get(String(u.unit)) ?? 0), 0);
    if (total <= 0) return;
    for (const u of others) {
      const key = String(u.unit);
      const g = greens.get(key) ?? 0;
      greens.set(key, Math.min(u.maxGreenS, Math.max(u.minGreenS, g + (correction * g) / total)));
    }
  }
}
