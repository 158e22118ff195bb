/**
 * @module bench/evaluation/cases
 * The evaluation's scenarios (issue 6): a 4x4 grid at four demand levels from light to congested, the
 * demo city, and the two resco scenarios (cologne1, ingolstadt1) with their published SUMO figures.
 */
import { fileURLToPath } from 'node:url';
import { loadScenario, scenarioSchema, sharedDataPath, type Scenario } from '../../core/index.ts';
import { gridScenario } from '../../simulator/index.ts';
import { withApproachLoops } from './grid-loops.ts';
import type { EvaluationSource } from './sources.ts';

/** One scenario of the evaluation. */
export type EvaluationCase = {
  readonly id: string;
  readonly label: string;
  /** Grid demand level index (0 light .. 3 congested), or null. */
  readonly level: number | null;
  readonly source: () => EvaluationSource;
  readonly endS?: number;
  /** Published average delay per vehicle, s (resco: Ault & Sharon 2021, SUMO). */
  readonly reference?: {
    readonly fixedTimeS: number;
    readonly maxPressureS: number;
    readonly bestLearnedS: number;
  };
};

const DEMO_CITY = fileURLToPath(new URL('../../scenarios/demo-city', import.meta.url));

/** Grid demand levels, vehicles per hour entering the 4x4 grid. */
export const GRID_LEVELS_VPH = [2500, 5000, 7500, 10000] as const;
const LEVEL_NAMES = ['light', 'medium', 'heavy', 'congested'] as const;

/** Grid with demand for `demandS` then `drainS` without new entries, so trips can finish. */
export function gridCase(vehPerHour: number, demandS: number, drainS: number): Scenario {
  const sc = withApproachLoops(gridScenario({ rows: 4, cols: 4, vehPerHour, durationS: demandS + drainS }));
  const flows = sc.demand.flows.map((f) => ({ ...f, endS: demandS }));
  return scenarioSchema.parse({ ...sc, demand: { ...sc.demand, flows } });
}

/** Every case; `quick` shortens the runs. */
export function evaluationCases(quick: boolean): EvaluationCase[] {
  const demandS = quick ? 600 : 1800;
  const drainS = quick ? 300 : 600;
  const grid: EvaluationCase[] = GRID_LEVELS_VPH.map((vph, level) => ({
    id: `grid-${LEVEL_NAMES[level]}`,
    label: `4x4 grid, ${vph} veh/h (${LEVEL_NAMES[level]})`,
    level,
    source: () => ({ kind: 'scenario', scenario: gridCase(vph, demandS, drainS) }),
  }));
  const resco = (name: string, reference: NonNullable<EvaluationCase['reference']>): EvaluationCase => ({
    id: name,
    label: `resco ${name} (SUMO import)`,
    level: null,
    reference,
    source: () => ({
      kind: 'sumo',
      netFile: sharedDataPath('sumo', 'resco', name, `${name}.net.xml`),
      routesFile: sharedDataPath('sumo', 'resco', name, `${name}.rou.xml`),
    }),
    ...(quick ? { endS: 1200 } : {}),
  });
  return [
    ...grid,
    {
      id: 'demo-city',
      label: 'demo city (Gangnam/Seocho)',
      level: null,
      source: () => ({ kind: 'scenario', scenario: loadScenario(DEMO_CITY) }),
      endS: quick ? 1200 : 3600,
    },
    resco('cologne1', { fixedTimeS: 57, maxPressureS: 28, bestLearnedS: 25 }),
    resco('ingolstadt1', { fixedTimeS: 39.5, maxPressureS: 28.3, bestLearnedS: 20 }),
  ];
}
