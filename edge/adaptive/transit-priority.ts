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
  horizonS: 60,
  maxExtensionS: 30,
  conditionalExtension: true,
  skipRedBelowS: 90,
  skipWithinS: 15,
  protectQueueVehPerLane: 0,
});

/** The request to serve now, or null. */
export function urgentRequest(
  requests: readonly TspRequest[],
  options: TransitPriorityOptions = DEFAULT_TSP_OPTIONS,
): TspRequest | null {
  const eligible = requests.filter(
    (r) => r.lateS >= options.minLateS && r.etaS >= 0 && r.etaS <= options.horizonS,
  );
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
      const request = urgentRequest(input.tsp, o);
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
