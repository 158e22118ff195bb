/**
 * @module bench/evaluation/table.test
 * The evaluation table: one row per case and strategy, the best strategy against both baselines with
 * the targets judged, published resco figures beside ours, and transit priority on every
 * timed host.
 */
import { expect, test } from 'vitest';
import type { RunKpis } from '../../simulator/index.ts';
import { compare, evaluationTable, type CaseResult, type StrategyRun } from './index.ts';
import { tspResult } from './suite.ts';
import { poolTsp } from './tsp-seeds.ts';

function run(strategy: string, meanTimeLossS: number): StrategyRun {
  const kpis: RunKpis = {
    vehiclesInserted: 10,
    vehiclesArrived: 10,
    vehiclesRunning: 0,
    vehiclesWaitingToInsert: 0,
    meanTravelTimeS: meanTimeLossS + 60,
    meanTimeLossS,
    meanWaitingTimeS: 0,
    meanStops: 1,
    vehicleUpdatesPerSecond: 0,
    simulatedS: 60,
    wallS: 1,
    intersections: [],
  };
  return {
    source: 'x',
    strategy,
    tsp: false,
    faults: [],
    commands: 0,
    departed: 10,
    inserted: 10,
    arrived: 10,
    running: 0,
    waitingToInsert: 0,
    throughputVph: 600,
    meanTimeLossS,
    meanTravelTimeS: meanTimeLossS + 60,
    meanStops: 1,
    meanTimeLossAllS: meanTimeLossS,
    busTrips: 0,
    busMeanTimeLossS: null,
    generalMeanTimeLossS: meanTimeLossS,
    simulatedS: 60,
    wallS: 1,
    kpis,
  };
}

const heavy: CaseResult = {
  id: 'grid-heavy',
  label: 'grid',
  level: 2,
  reference: null,
  runs: [run('webster', 100), run('actuated', 50), run('max-pressure', 45)],
};

test('the best strategy is compared with Webster and actuated', () => {
  expect(compare(heavy)).toEqual({
    caseId: 'grid-heavy',
    level: 2,
    best: 'max-pressure',
    bestTimeLossS: 45,
    vsWebsterPct: 55,
    vsActuatedPct: 10,
  });
});

test('the table judges each target and puts published resco figures beside ours', () => {
  const resco: CaseResult = {
    id: 'cologne1',
    label: 'resco',
    level: null,
    reference: { fixedTimeS: 57, maxPressureS: 28, bestLearnedS: 25 },
    runs: [run('static', 40), run('webster', 41), run('actuated', 80)],
  };
  const text = evaluationTable({
    quick: true,
    seed: 2,
    strategies: ['static', 'webster', 'actuated', 'max-pressure'],
    cases: [heavy, resco],
    comparisons: [heavy, resco].map(compare).filter((c) => c !== null),
    tsp: null,
    faults: [],
  });
  expect(text).toMatch(/grid-heavy\s+max-pressure\s+45\.0/);
  expect(text).toContain('mean time loss of arrived trips, seed 2');
  expect(text).toMatch(/vs webster \+55\.0% \(target >= 30% met\)/);
  expect(text).toMatch(/vs actuated \+10\.0% \(target >= 15% MISSED\)/);
  expect(text).toMatch(/cologne1\s+static\s+40\.0.*fixed 57/);
  expect(text).toContain('conflict-monitor faults: none');
});

test('the table explains its columns and the sign of the comparison; no empty published column for grid cases', () => {
  const text = evaluationTable({
    quick: true,
    seed: 1,
    strategies: ['static', 'webster', 'actuated', 'max-pressure'],
    cases: [heavy],
    comparisons: [heavy].map(compare).filter((c) => c !== null),
    tsp: null,
    faults: [],
  });
  const header = text.split('\n')[0] ?? '';
  expect(header).toMatch(/unfinished$/);
  expect(text).not.toContain('published SUMO delay');
  expect(text).toMatch(/time loss: mean over arrived trips, s/);
  expect(text).toMatch(/throughput: arrived vehicles per hour/);
  expect(text).toContain('+x% = x% less time loss than the baseline');
  const withResco = evaluationTable({
    quick: true,
    seed: 1,
    strategies: ['static'],
    cases: [
      heavy,
      {
        ...heavy,
        id: 'cologne1',
        level: null,
        reference: { fixedTimeS: 57, maxPressureS: 28, bestLearnedS: 25 },
      },
    ],
    comparisons: [],
    tsp: null,
    faults: [],
  });
  expect(withResco.split('\n')[0]).toMatch(/published SUMO delay s$/);
  expect(withResco).toMatch(/published SUMO delay: the resco benchmark figure/);
});

test('a run without Webster still judges the best strategy against actuated', () => {
  const noWebster: CaseResult = { ...heavy, runs: [run('actuated', 50), run('schedule-driven', 40)] };
  expect(compare(noWebster)).toMatchObject({
    best: 'schedule-driven',
    vsWebsterPct: null,
    vsActuatedPct: 20,
  });
  expect(compare({ ...heavy, runs: [run('max-pressure', 40)] })).toBeNull();
  const text = evaluationTable({
    quick: true,
    seed: 1,
    strategies: ['actuated', 'schedule-driven'],
    cases: [noWebster],
    comparisons: [noWebster].map(compare).filter((c) => c !== null),
    tsp: null,
    faults: [],
  });
  expect(text).toMatch(/vs webster not run\s+vs actuated \+20\.0% \(target >= 15% met\)/);
});

test('transit priority is reported on every timed host, the best one as the headline', () => {
  const withBuses = (strategy: string, all: number, bus: number, general: number, tsp = false) => ({
    ...run(strategy, all),
    tsp,
    busTrips: 40,
    busMeanTimeLossS: bus,
    generalMeanTimeLossS: general,
  });
  const scats = tspResult(
    'demo-city',
    withBuses('scats', 95, 500, 100),
    withBuses('scats', 96, 380, 101, true),
  );
  const schedule = tspResult(
    'demo-city',
    withBuses('schedule-driven', 93, 500, 96),
    withBuses('schedule-driven', 95, 420, 102, true),
  );
  expect(scats).toMatchObject({ busDelayCutPct: 24, generalDelayRisePct: 1 });
  expect(schedule).toMatchObject({ busDelayCutPct: 16, generalDelayRisePct: 6.2 });
  const report = {
    quick: true,
    seed: 1,
    strategies: ['scats', 'schedule-driven'],
    cases: [],
    comparisons: [],
    tsp: schedule,
    tspHosts: [scats, schedule],
    faults: [],
  };
  const text = evaluationTable(report);
  expect(text).toContain('transit priority (every approaching bus) on demo-city with schedule-driven');
  // The rule the runs were made under, as recorded in the report.
  expect(evaluationTable({ ...report, tspMinLateS: 0 })).toContain(
    'transit priority (buses at least 0 s late) on demo-city with schedule-driven',
  );
  expect(evaluationTable({ ...report, tspMinLateS: { tiered: true, minLateS: 0 } })).toContain(
    'transit priority (extension for every approaching bus, early green for buses at least 0 s late) on demo-city',
  );
  expect(text).toMatch(
    /scats\s+bus\s+500\.0 ->\s+380\.0 s\s+24\.0% \(met\)\s+general\s+100\.0 ->\s+101\.0 s\s+\+1\.0% \(met\)/,
  );
  expect(text).toMatch(/schedule-driven\s+bus.*16\.0% \(MISSED\).*\+6\.2% \(MISSED\).*\(best host\)/);
  // A report written before `tspHosts` (only the headline) still renders.
  const { tspHosts: _dropped, ...older } = report;
  expect(evaluationTable(older)).not.toContain('on every strategy that times its own greens');
});

test('transit priority over several seeds is pooled per host: mean delays off and on, each seed shown', () => {
  const withBuses = (strategy: string, bus: number, general: number, tsp = false) => ({
    ...run(strategy, 95),
    tsp,
    busTrips: 40,
    busMeanTimeLossS: bus,
    generalMeanTimeLossS: general,
  });
  const at = (off: [number, number], on: [number, number]) =>
    tspResult('demo-city', withBuses('scats', ...off), withBuses('scats', ...on, true));
  // Seed 1 alone misses the general target (+6%), seed 2 alone the bus one (10%); pooled:
  // bus (500 + 400) / 2 = 450 -> (400 + 360) / 2 = 380, -15.6%; general 100 -> (106 + 100) / 2 = 103, +3%.
  const pooled = poolTsp([
    { seed: 1, hosts: [at([500, 100], [400, 106])] },
    { seed: 2, hosts: [at([400, 100], [360, 100])] },
  ]);
  expect(pooled).toEqual([
    {
      strategy: 'scats',
      seeds: [1, 2],
      busOffS: 450,
      busOnS: 380,
      busDelayCutPct: 15.6,
      generalOffS: 100,
      generalOnS: 103,
      generalDelayRisePct: 3,
      perSeed: [
        { seed: 1, busDelayCutPct: 20, generalDelayRisePct: 6 },
        { seed: 2, busDelayCutPct: 10, generalDelayRisePct: 0 },
      ],
    },
  ]);
  const text = evaluationTable({
    quick: true,
    seed: 1,
    strategies: ['scats'],
    cases: [],
    comparisons: [],
    tsp: null,
    tspPooled: pooled,
    faults: [],
  });
  expect(text).toContain('transit priority pooled over seeds 1, 2');
  expect(text).toMatch(/scats\s+bus\s+450\.0 ->\s+380\.0 s\s+15\.6% \(MISSED\)\s+general.*\+3\.0% \(met\)/);
  expect(text).toContain('per seed cut/rise 1: 20.0/+6.0%, 2: 10.0/+0.0%');
});
