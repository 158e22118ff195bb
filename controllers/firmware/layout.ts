/**
 * @module controllers/firmware/layout
 * An intersection's signal configuration normalised for the sequencers: signal groups with timing in
 * integer ms, the NEMA ring/barrier structure (NTCIP 1202 phase table: ring 1 = phases 1-4, ring 2 =
 * phases 5-8, barrier between {1,2,5,6} and {3,4,7,8}) or the ordered stages, and lookups from
 * detector and movement ids to group indices. Built once per controller; nothing here changes later.
 */
import type { Intersection } from '../../core/index.ts';
import { msOf } from './timing.ts';

/** One signal group (a NEMA phase or a stage-control signal group). Times in ms. */
export type GroupDef = {
  /** NEMA phase number or stage-control signal group number. */
  readonly number: number;
  readonly minGreenMs: number;
  readonly maxGreenMs: number;
  readonly passageMs: number;
  readonly yellowMs: number;
  readonly redClearMs: number;
  /** Pedestrian walk and flashing don't walk, ms; 0 when the phase has no pedestrian signal. */
  readonly walkMs: number;
  readonly pedClearMs: number;
  readonly movements: readonly string[];
  readonly permissiveMovements: readonly string[];
  /** Stage-control groups marked `permissive` show `g` (yield) when green. */
  readonly permissive: boolean;
  readonly detectorIds: readonly string[];
};

/** One stage of stage control: the group indices green in it. */
export type StageDef = { readonly id: string; readonly groups: readonly number[] };

/** The normalised configuration. Group order is the configuration's order. */
export type Layout = {
  readonly intersectionId: string;
  readonly kind: 'nema' | 'stages';
  readonly groups: readonly GroupDef[];
  /** NEMA: index into `rings` and barrier side (0/1) per group; all 0 for stage control. */
  readonly ringOf: Int8Array;
  readonly sideOf: Int8Array;
  /** NEMA: group indices of each ring in phase-number order (empty rings removed). */
  readonly rings: readonly (readonly number[])[];
  /** Stage control: the stages in sequence order. Empty for NEMA. */
  readonly stages: readonly StageDef[];
  /** Detector id to its index; `detectorGroups[i]` are the groups detector i calls and extends. */
  readonly detectorIndex: ReadonlyMap<string, number>;
  readonly detectorGroups: readonly (readonly number[])[];
  /** Group indices that have at least one detector. */
  readonly hasDetector: Uint8Array;
};

/** NEMA ring of a phase number: 1-4 ring 1, 5-8 ring 2 (NTCIP 1202 default sequence). */
export function nemaRing(phase: number): number {
  return phase <= 4 ? 0 : 1;
}

/** NEMA barrier side of a phase number: {1,2,5,6} side 0, {3,4,7,8} side 1. */
export function nemaSide(phase: number): number {
  return phase === 1 || phase === 2 || phase === 5 || phase === 6 ? 0 : 1;
}

/** Normalise an intersection's signal control into a {@link Layout}. */
export function buildLayout(intersection: Intersection): Layout {
  const control = intersection.control;
  const groups: GroupDef[] = [];
  const stages: StageDef[] = [];
  if (control.type === 'nema') {
    for (const p of control.phases) {
      groups.push({
        number: p.phase,
        minGreenMs: msOf(p.minGreenS),
        maxGreenMs: msOf(Math.max(p.maxGreenS, p.minGreenS)),
        passageMs: msOf(p.passageS),
        yellowMs: msOf(p.yellowS),
        redClearMs: msOf(p.redClearS),
        walkMs: p.walkS === undefined ? 0 : msOf(p.walkS),
        pedClearMs: p.walkS === undefined ? 0 : msOf(p.pedClearS ?? 0),
        movements: p.movements,
        permissiveMovements: p.permissiveMovements,
        permissive: false,
        detectorIds: p.detectorIds,
      });
    }
  } else {
    for (const g of control.groups) {
      groups.push({
        number: g.group,
        minGreenMs: msOf(g.minGreenS),
        maxGreenMs: msOf(Math.max(g.maxGreenS, g.minGreenS)),
        passageMs: msOf(g.passageS),
        yellowMs: msOf(g.yellowS),
        redClearMs: msOf(g.redClearS),
        walkMs: 0,
        pedClearMs: 0,
        movements: g.movements,
        permissiveMovements: [],
        permissive: g.protection === 'permissive',
        detectorIds: g.detectorIds,
      });
    }
    const indexOf = new Map(groups.map((g, i) => [g.number, i]));
    for (const s of control.stages) {
      const idx: number[] = [];
      for (const n of s.groups) {
        const i = indexOf.get(n);
        if (i !== undefined && !idx.includes(i)) idx.push(i);
      }
      stages.push({ id: s.id, groups: idx });
    }
  }
  const n = groups.length;
  const ringOf = new Int8Array(n);
  const sideOf = new Int8Array(n);
  const rings: number[][] = [[], []];
  if (control.type === 'nema') {
    const order = groups.map((g, i) => [g.number, i] as const).sort((a, b) => a[0] - b[0]);
    for (const [phase, i] of order) {
      ringOf[i] = nemaRing(phase);
      sideOf[i] = nemaSide(phase);
      rings[nemaRing(phase)]?.push(i);
    }
  }
  const keptRings = rings.filter((r) => r.length > 0);
  keptRings.forEach((r, ri) => {
    for (const i of r) ringOf[i] = ri;
  });
  const detectorIndex = new Map<string, number>();
  const detectorGroups: number[][] = [];
  const hasDetector = new Uint8Array(n);
  groups.forEach((g, gi) => {
    for (const d of new Set(g.detectorIds)) {
      let di = detectorIndex.get(d);
      if (di === undefined) {
        di = detectorGroups.length;
        detectorIndex.set(d, di);
        detectorGroups.push([]);
      }
      detectorGroups[di]?.push(gi);
      hasDetector[gi] = 1;
    }
  });
  return {
    intersectionId: intersection.id,
    kind: control.type,
    groups,
    ringOf,
    sideOf,
    rings: control.type === 'nema' ? keptRings : [],
    stages,
    detectorIndex,
    detectorGroups,
    hasDetector,
  };
}
