/**
 * @module edge/adaptive/test-units
 * Synthetic unit states and control inputs for the strategy tests.
 */
import { intersectionSchema } from '../../core/index.ts';
import type { Intersection } from '../../core/index.ts';
import type { ControlInput, TspRequest, UnitState } from './types.ts';

/** A NEMA 4-phase intersection: 2/6 main street, 4/8 side street, one plan of 90 s. */
export const FOUR_PHASE: Intersection = intersectionSchema.parse({
  id: 'x1',
  nodeId: 'n1',
  region: 'r1',
  control: {
    type: 'nema',
    phases: [2, 4, 6, 8].map((p) => ({
      phase: p,
      movements: [`m${p}`],
      minGreenS: 8,
      maxGreenS: 60,
      passageS: 3,
      yellowS: 3,
      redClearS: 2,
      detectorIds: [`d${p}`],
    })),
  },
  plans: [{ id: 'p90', cycleS: 90, splitsS: { 2: 50, 6: 50, 4: 40, 8: 40 }, coordinated: [2, 6] }],
  defaultPlanId: 'p90',
  mode: 'fixed',
});

/** A unit state with sensible defaults. */
export function unitState(unit: number, extra: Partial<UnitState> = {}): UnitState {
  return {
    unit,
    minGreenS: 8,
    maxGreenS: 60,
    passageS: 3,
    clearanceS: 5,
    ring: unit <= 4 ? 0 : 1,
    barrier: [1, 2, 5, 6].includes(unit) ? 0 : 1,
    lanes: 2,
    detectorIds: [`d${unit}`],
    fromLinks: [],
    toLinks: [],
    movements: [`m${unit}`],
    active: false,
    greenS: null,
    redS: 10,
    queueVeh: 0,
    arrivalVph: 300,
    arrivalsVeh: null,
    departuresVeh: null,
    gapS: 10,
    downstreamOccupancyPct: null,
    lastUsedGreenS: null,
    lastGreenS: null,
    ...extra,
  };
}

/** A control input around `units`. */
export function controlInput(
  units: UnitState[],
  nowMs = 1_800_000_000_000,
  tsp: TspRequest[] = [],
): ControlInput {
  const plan = FOUR_PHASE.plans[0];
  if (plan === undefined) throw new Error('no plan');
  return {
    nowMs,
    intersection: FOUR_PHASE,
    localPlan: plan,
    controller: {
      online: true,
      mode: 'external',
      planId: 'p90',
      cycleSecond: null,
      activeUnits: units.filter((u) => u.active).map((u) => u.unit),
    },
    units,
    tsp,
  };
}
