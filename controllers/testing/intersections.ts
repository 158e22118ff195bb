/**
 * @module controllers/testing/intersections
 * Example intersections for tests and benchmarks: a full NEMA 8-phase dual ring with pedestrians, and
 * a three-stage stage-control junction as imported from a SUMO `tlLogic`. Parsed with the scenario
 * schema, so defaults apply as in a real scenario.
 */
import type { Intersection } from '../../core/index.ts';
import { intersectionSchema } from '../../core/index.ts';

const phase = (p: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  phase: p,
  movements: [`m${p}`],
  minGreenS: p % 2 === 0 ? 10 : 5,
  maxGreenS: p % 2 === 0 ? 50 : 25,
  passageS: 2.5,
  yellowS: p % 2 === 0 ? 4 : 3,
  redClearS: p % 2 === 0 ? 2 : 1,
  detectorIds: [`d${p}`],
  ...extra,
});

/** NEMA 8-phase dual ring, lead lefts, pedestrians on 2/4/6/8, two plans (120 s and 90 s). */
export function nemaIntersection(overrides: Partial<Intersection> = {}): Intersection {
  return intersectionSchema.parse({
    id: 'x-nema',
    nodeId: 'n1',
    region: 'r1',
    control: {
      type: 'nema',
      phases: [1, 2, 3, 4, 5, 6, 7, 8].map((p) =>
        phase(p, {
          ...(p % 2 === 0 ? { walkS: 5, pedClearS: 8, permissiveMovements: [`m${p - 1}`] } : {}),
        }),
      ),
    },
    plans: [
      {
        id: 'p120',
        cycleS: 120,
        offsetS: 0,
        splitsS: { 1: 15, 2: 45, 3: 15, 4: 45, 5: 20, 6: 40, 7: 15, 8: 45 },
        coordinated: [2, 6],
      },
      {
        id: 'p90',
        cycleS: 90,
        offsetS: 37,
        splitsS: { 1: 12, 2: 33, 3: 12, 4: 33, 5: 12, 6: 33, 7: 12, 8: 33 },
        coordinated: [2, 6],
      },
    ],
    defaultPlanId: 'p120',
    mode: 'fixed',
    ...overrides,
  });
}

/** Three stages as from a SUMO tlLogic: N-S through (with a permissive left), N-S left, E-W. */
export function stageIntersection(overrides: Partial<Intersection> = {}): Intersection {
  const group = (g: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    group: g,
    movements: [`s${g}`],
    minGreenS: 5,
    maxGreenS: 40,
    passageS: 2,
    yellowS: 3,
    redClearS: 2,
    detectorIds: [`sd${g}`],
    ...extra,
  });
  return intersectionSchema.parse({
    id: 'x-stage',
    nodeId: 'n2',
    region: 'r1',
    control: {
      type: 'stages',
      groups: [group(1), group(2, { protection: 'permissive' }), group(3), group(4, { yellowS: 4 })],
      stages: [
        { id: 'ns', groups: [1, 2] },
        { id: 'nsl', groups: [1, 3] },
        { id: 'ew', groups: [4] },
      ],
    },
    plans: [
      { id: 'sumo', cycleS: 90, offsetS: 0, splitsS: { ns: 36, nsl: 15, ew: 39 }, coordinated: ['ns'] },
      { id: 'short', cycleS: 60, offsetS: 20, splitsS: { ns: 22, nsl: 12, ew: 26 }, coordinated: [] },
    ],
    defaultPlanId: 'sumo',
    mode: 'fixed',
    ...overrides,
  });
}
