/**
 * @module edge/adaptive/transit-priority
 * Transit signal priority on top of any strategy (ITS America TSP handbook, 2002; Smith, Hemily &
 * Ivanovic, "Transit Signal Priority: a planning and implementation handbook"): a late bus that will
 * reach the stop line soon gets a green extension (its unit is held past the strategy's end, never
 * past the unit's maximum green, and only while its predicted arrival falls within what is left of the
 * extension: conditional priority) or an early green (conflicting greens are ended as soon as their
 * minimums allow, the bus's unit is called and, for a bus due within `skipWithinS`, conflicting
 * phases that would come first are skipped unless red for `skipRedBelowS` already). A conflicting
 * unit whose queue reaches back toward its advance loop is neither ended early nor skipped
 * (`protectQueueVehPerLane`: priority must not send a cross-street queue back over the intersection
 * upstream, the queue check of the TSP handbooks). Only the most urgent request is served at a time.
 * A tiered rule (`tiered`) splits the actions by cost, as the handbooks' conditional priority does:
 * the extension, which only moves a green's end, for every approaching bus; the early green and the
 * phase skip, which cut or drop a cross street's green, only for a bus at least `minLateS` late.
 */
import type {
  ControlDecision,
  ControlInput,
  SignalStrategy,
  TspRequest,
  UnitDirective,
  UnitState,
} from './types.ts';

/** Options of {@link withTransitPriority}. */
export type TransitPriorityOptions = {
  /**
   * Only buses at least this late get priority, s (default 0: at or behind schedule or headway; the
   * edge's `DEFAULT_TSP_MIN_LATE_S` is this value, so a strategy made here and one an edge runs agree).
   */
  readonly minLateS: number;
  /**
   * Tiered priority: the green extension for every approaching bus, whatever its lateness; the
   * early green and the phase skip still only for a bus at least {@link minLateS} late. Default false
   * (one threshold for every action). `its edge --tsp-min-late tiered:<s>`.
   */
  readonly tiered: boolean;
  /** Only buses this close to the stop line (in time) get priority, s. */
  readonly horizonS: number;
  /** Longest extension beyond the strategy's own end, s. */
  readonly maxExtensionS: number;
  /**
   * Conditional extension: hold the green only while the bus can still reach the stop line within
   * what is left of the extension (its predicted arrival), so a green is never stretched for a bus
   * that would miss it anyway.
   */
  readonly conditionalExtension: boolean;
  /**
   * Phase skip for an early green: conflicting units not timing now are omitted while the request
   * lasts, so the controller goes straight to the bus's unit instead of serving a left turn or a side
   * street first; a unit red for longer than this, s, is never skipped (no starvation). 0 = off.
   */
  readonly skipRedBelowS: number;
  /** Skip only for a bus predicted at the stop line within this many seconds. */
  readonly skipWithinS: number;
  /**
   * A conflicting unit with at least this many vehicles queued per lane (its `queueVeh` over its
   * lanes) keeps its green and its turn for a bus: 8 cars at about 7 m each reach back 55-60 m, to the
   * advance loops. 0 = off. Off by default, unless the strategy asks for it
   * (`SignalStrategy.priorityQueueVehPerLane`): demo city, four seeds, it took schedule-driven from a
   * bus cut of 19.3% and a general rise of +5.3% to 21.0% / +1.7%, but cost Webster and max-pressure
   * bus cut (25.4% -> 22.2%, 22.2% -> 20.5%; evaluation README, session 7).
   */
  readonly protectQueueVehPerLane: number;
};

export const DEFAULT_TSP_OPTIONS: TransitPriorityOptions = Object.freeze({
  minLateS: 0,
  tiered: false,
  horizonS: 60,
  maxExtensionS: 30,
  conditionalExtension: true,
  skipRedBelowS: 90,
  skipWithinS: 15,
  protectQueueVehPerLane: 0,
});

/**
 * A priority rule as `--tsp-min-late` gives it: how late a bus must be for priority, s (-Infinity:
 * every approaching bus), or a tiered rule (an extension for every approaching bus, early green and
 * phase skip from `minLateS`).
 */
export type TspRule = number | { readonly tiered: true; readonly minLateS: number };

/** The transit priority options a rule sets. */
export function tspRuleOptions(rule: TspRule): Pick<TransitPriorityOptions, 'minLateS' | 'tiered'> {
  return typeof rule === 'number'
    ? { minLateS: rule, tiered: false }
    : { minLateS: rule.minLateS, tiered: true };
}

const NO_UNITS: ReadonlySet<string> = new Set();

/**
 * The request to serve now, or null: the bus due soonest (the later one first on a tie) among those
 * within the horizon and late enough for the action their unit would get. `greenUnits` are the
 * units green now: a bus on one of them is due an extension, which a tiered rule grants every bus;
 * without it every request is judged as for an early green (`minLateS`).
 */
export function urgentRequest(
  requests: readonly TspRequest[],
  options: TransitPriorityOptions = DEFAULT_TSP_OPTIONS,
  greenUnits: ReadonlySet<string> = NO_UNITS,
): TspRequest | null {
  const lateEnough = (r: TspRequest): boolean =>
    r.lateS >= options.minLateS || (options.tiered && greenUnits.has(String(r.unit)));
  const eligible = requests.filter((r) => lateEnough(r) && r.etaS >= 0 && r.etaS <= options.horizonS);
  eligible.sort((a, b) => a.etaS - b.etaS || b.lateS - a.lateS);
  return eligible[0] ?? null;
}

/** Wrap a strategy with transit signal priority. */
export function withTransitPriority(
  inner: SignalStrategy,
  options: Partial<TransitPriorityOptions> = {},
): SignalStrategy {
  const own = inner.priorityQueueVehPerLane;
  const o: TransitPriorityOptions = Object.freeze({
    ...DEFAULT_TSP_OPTIONS,
    ...(own === undefined ? {} : { protectQueueVehPerLane: own }),
    ...options,
  });
  const extendedSince = new Map<string, number>();
  return {
    name: `${inner.name}+tsp`,
    decide(input: ControlInput): ControlDecision {
      const base = inner.decide(input);
      const green = o.tiered
        ? new Set(input.units.filter((u) => u.active).map((u) => String(u.unit)))
        : undefined;
      const request = urgentRequest(input.tsp, o, green);
      if (request === null) {
        extendedSince.clear();
        return base;
      }
      const key = String(request.unit);
      const target = input.units.find((u) => String(u.unit) === key);
      if (target === undefined) return base;
      const neutral = (unit: UnitDirective['unit']): UnitDirective => ({
        unit,
        hold: false,
        forceOff: false,
        call: false,
        omit: false,
      });
      const directives: UnitDirective[] =
        base.kind === 'external' ? [...base.directives] : input.units.map((u) => neutral(u.unit));
      const at = (unit: UnitDirective['unit']): number =>
        directives.findIndex((d) => String(d.unit) === String(unit));
      if (target.active) {
        // Green extension: keep the bus's green, within its maximum and the extension limit.
        const i = at(target.unit);
        const d = directives[i];
        const since = extendedSince.get(key) ?? input.nowMs;
        const wouldEnd = d !== undefined && (d.forceOff || !d.hold);
        if (wouldEnd) extendedSince.set(key, since);
        const extendedS = (input.nowMs - since) / 1000;
        const reachable = !o.conditionalExtension || request.etaS <= o.maxExtensionS - extendedS;
        if (
          d !== undefined &&
          (target.greenS ?? 0) < target.maxGreenS &&
          extendedS <= o.maxExtensionS &&
          reachable
        ) {
          directives[i] = { ...d, hold: true, forceOff: false };
        }
        return { kind: 'external', directives };
      }
      // Early green: end conflicting greens once their minimums are served, and call the bus's unit.
      extendedSince.clear();
      const queued = (u: UnitState): boolean =>
        o.protectQueueVehPerLane > 0 && (u.queueVeh ?? 0) >= o.protectQueueVehPerLane * Math.max(1, u.lanes);
      for (const u of input.units) {
        if (!u.active) continue;
        const compatible = u.barrier === target.barrier && u.ring !== target.ring;
        if (compatible || queued(u)) continue;
        const i = at(u.unit);
        const d = directives[i];
        if (d !== undefined && (u.greenS ?? 0) >= u.minGreenS)
          directives[i] = { ...d, hold: false, forceOff: true };
      }
      if (o.skipRedBelowS > 0 && request.etaS <= o.skipWithinS) {
        for (const u of input.units) {
          if (u.active || String(u.unit) === key) continue;
          const compatible = u.barrier === target.barrier && u.ring !== target.ring;
          if (compatible || (u.redS ?? 0) >= o.skipRedBelowS || queued(u)) continue;
          const j = at(u.unit);
          const skipped = directives[j];
          if (skipped !== undefined) directives[j] = { ...skipped, call: false, omit: true };
        }
      }
      const i = at(target.unit);
      const d = directives[i];
      if (d !== undefined) directives[i] = { ...d, call: true, omit: false };
      return { kind: 'external', directives };
    },
  };
}
