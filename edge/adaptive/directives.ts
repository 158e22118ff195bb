/**
 * @module edge/adaptive/directives
 * Helpers shared by the green-timing strategies: turn "these active units should end now" into one
 * directive per unit (hold the others, force these off, call every unit that should be served next).
 */
import type { ControlDecision, UnitDirective, UnitKey, UnitState } from './types.ts';

/**
 * Directives for one step: active units listed in `end` are forced off, other active units held,
 * and units in `call` (or every unit, when `call` is 'all') are called.
 */
export function greenDirectives(
  units: readonly UnitState[],
  end: ReadonlySet<string>,
  call: ReadonlySet<string> | 'all',
): ControlDecision {
  const directives: UnitDirective[] = units.map((u) => {
    const key = String(u.unit);
    const ending = u.active && end.has(key);
    return {
      unit: u.unit,
      hold: u.active && !ending,
      forceOff: ending,
      call: !u.active && (call === 'all' || call.has(key)),
      omit: false,
    };
  });
  return { kind: 'external', directives };
}

/** Units with (estimated) vehicles waiting, by key. */
export function unitsWithDemand(units: readonly UnitState[]): Set<string> {
  return new Set(units.filter((u) => (u.queueVeh ?? 0) >= 0.5 || u.gapS === 0).map((u) => String(u.unit)));
}

/** True when every unit lacks usable detector data: strategies then fall back to the local plan. */
export function blind(units: readonly UnitState[]): boolean {
  return units.every((u) => u.queueVeh === null);
}

/** Key helper. */
export function keyOf(unit: UnitKey): string {
  return String(unit);
}
