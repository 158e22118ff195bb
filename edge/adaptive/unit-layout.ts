/**
 * @module edge/adaptive/unit-layout
 * The units a strategy times — NEMA phases (ring 1 = phases 1-4, ring 2 = 5-8, barrier between
 * {1,2,5,6} and {3,4,7,8}, the NTCIP 1202 default phase table) or ordered stages — with their timing,
 * detectors, lanes and the links their movements use.
 */
import type { Intersection, Movement } from '../../core/index.ts';
import type { UnitKey, UnitTiming } from './types.ts';

/** Units of one intersection in service order (NEMA: by ring then phase number; stages: as listed). */
export function unitLayout(intersection: Intersection, movements: readonly Movement[]): UnitTiming[] {
  const byId = new Map(movements.map((m) => [m.id, m]));
  const describe = (ids: readonly string[]): Pick<UnitTiming, 'lanes' | 'fromLinks' | 'toLinks'> => {
    const lanes = new Set<string>();
    const from = new Set<string>();
    const to = new Set<string>();
    for (const id of ids) {
      const m = byId.get(id);
      if (m === undefined) continue;
      from.add(m.fromLink);
      to.add(m.toLink);
      for (const l of m.fromLanes) lanes.add(`${m.fromLink}:${l}`);
    }
    return { lanes: Math.max(1, lanes.size), fromLinks: [...from], toLinks: [...to] };
  };
  const control = intersection.control;
  if (control.type === 'nema') {
    return [...control.phases]
      .sort((a, b) => a.phase - b.phase)
      .map((p) => ({
        unit: p.phase,
        minGreenS: Math.max(p.minGreenS, (p.walkS ?? 0) + (p.pedClearS ?? 0)),
        maxGreenS: p.maxGreenS,
        passageS: p.passageS,
        clearanceS: p.yellowS + p.redClearS,
        ring: p.phase <= 4 ? 0 : 1,
        barrier: [1, 2, 5, 6].includes(p.phase) ? 0 : 1,
        detectorIds: p.detectorIds,
        movements: p.movements,
        ...describe(p.movements),
      }));
  }
  const groups = new Map(control.groups.map((g) => [g.group, g]));
  return control.stages.map((stage, i) => {
    const gs = stage.groups.map((g) => groups.get(g)).filter((g) => g !== undefined);
    const movementIds = gs.flatMap((g) => g.movements);
    return {
      unit: stage.id,
      minGreenS: Math.max(...gs.map((g) => g.minGreenS)),
      maxGreenS: Math.max(...gs.map((g) => g.maxGreenS)),
      passageS: Math.max(...gs.map((g) => g.passageS)),
      clearanceS: Math.max(...gs.map((g) => g.yellowS + g.redClearS)),
      ring: 0,
      barrier: i,
      detectorIds: [...new Set(gs.flatMap((g) => g.detectorIds))],
      movements: movementIds,
      ...describe(movementIds),
    };
  });
}

/** Same unit? Phase numbers may arrive as strings from plans' split keys. */
export function sameUnit(a: UnitKey, b: UnitKey): boolean {
  return String(a) === String(b);
}

/** The split of a unit in a plan, s (0 when not in the plan). */
export function splitOf(splitsS: Readonly<Record<string, number>>, unit: UnitKey): number {
  return splitsS[String(unit)] ?? 0;
}
