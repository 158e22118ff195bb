/**
 * @module core/scenario/checks.test
 * Signal control checks beyond the fixtures (stage control, NEMA plans and schedules), and that every
 * problem in a document is reported at once.
 */
import { describe, expect, test } from 'vitest';
import { editDoc, miniScenarioDoc, scenarioIssues, validateScenario } from './index.ts';
import type { DocEdit } from './index.ts';

const IX = 'intersections.0';
const TIMING = { minGreenS: 10, maxGreenS: 60, yellowS: 3, redClearS: 2 };

/** Mini with its NEMA control replaced by four stages (Korean practice: through, left, through, left). */
function withStages(): unknown {
  return editDoc(miniScenarioDoc(), [
    [
      `${IX}.control`,
      {
        type: 'stages',
        groups: [
          { group: 1, movements: ['m-s-th', 'm-s-rt', 'm-n-th', 'm-n-rt'], ...TIMING },
          { group: 2, movements: ['m-s-lt', 'm-n-lt'], ...TIMING, minGreenS: 5 },
          { group: 3, movements: ['m-w-th', 'm-w-rt', 'm-e-th', 'm-e-rt'], ...TIMING },
          { group: 4, movements: ['m-w-lt', 'm-e-lt'], ...TIMING, minGreenS: 5, detectorIds: ['det-w-sb-3'] },
        ],
        stages: [
          { id: 'ns-through', groups: [1] },
          { id: 'ns-left', groups: [2] },
          { id: 'ew-through', groups: [3] },
          { id: 'ew-left', groups: [4] },
        ],
      },
    ],
    [
      `${IX}.plans`,
      [
        {
          id: 'day',
          cycleS: 120,
          splitsS: { 'ns-through': 50, 'ns-left': 20, 'ew-through': 35, 'ew-left': 15 },
          coordinated: ['ns-through'],
        },
      ],
    ],
    [`${IX}.defaultPlanId`, 'day'],
    [`${IX}.schedule`, []],
  ]);
}

const FAR_MOVEMENT = { id: 'm-far', fromLink: 'L-s-out', toLink: 'L-s-in', turn: 'uturn', fromLanes: [0] };

type Case = readonly [what: string, edits: readonly DocEdit[], path: string, message: RegExp];

const STAGE_CASES: readonly Case[] = [
  [
    'crossing groups in one stage',
    [[`${IX}.control.stages.0.groups`, [1, 3]]],
    'intersections[0].control.stages[0]',
    /crosses movement .* both green in stage "ns-through"/,
  ],
  [
    'an unknown group in a stage',
    [[`${IX}.control.stages.1.groups`, [9]]],
    `intersections[0].control.stages[1].groups[0]`,
    /unknown signal group 9/,
  ],
  [
    'a group in no stage',
    [[`${IX}.control.stages.3.groups`, [3]]],
    'intersections[0].control.groups[3]',
    /signal group 4 is in no stage/,
  ],
  [
    'stage splits not summing to the cycle',
    [[`${IX}.plans.0.splitsS.ew-left`, 20]],
    'intersections[0].plans[0].splitsS',
    /stage splits sum to 125 s, not the cycle 120 s/,
  ],
  [
    'a split for an unknown stage',
    [[`${IX}.plans.0.splitsS.night`, 0]],
    'intersections[0].plans[0].splitsS.night',
    /unknown stage "night"/,
  ],
  [
    'a stage split below its clearances',
    [
      [`${IX}.plans.0.splitsS.ns-left`, 9],
      [`${IX}.plans.0.splitsS.ns-through`, 61],
    ],
    'intersections[0].plans[0].splitsS.ns-left',
    /split 9 s for stage "ns-left" is shorter than .* = 10 s/,
  ],
  [
    'min green above max green',
    [[`${IX}.control.groups.0.maxGreenS`, 8]],
    'intersections[0].control.groups[0].minGreenS',
    /min green 10 s exceeds max green 8 s/,
  ],
  [
    'a movement of another node',
    [
      ['network.movements.12', FAR_MOVEMENT],
      [`${IX}.control.groups.0.movements.4`, 'm-far'],
    ],
    'intersections[0].control.groups[0].movements[4]',
    /movement "m-far" does not end at node "n-gangnam"/,
  ],
  [
    'a detector on a departing link',
    [[`${IX}.control.groups.3.detectorIds`, ['det-w-cnt-out']]],
    'intersections[0].control.groups[3].detectorIds[0]',
    /does not lead to node "n-gangnam"/,
  ],
  [
    'a coordinated phase number under stage control',
    [[`${IX}.plans.0.coordinated`, [2]]],
    'intersections[0].plans[0].coordinated[0]',
    /not a stage here/,
  ],
];

const NEMA_CASES: readonly Case[] = [
  [
    'a movement no phase serves',
    [[`${IX}.control.phases.1.movements`, ['m-s-th']]],
    'network.movements[2]',
    /movement "m-s-rt" at signalized node "n-gangnam" is served by no phase or signal group/,
  ],
  [
    'crossing throughs in concurrent phases',
    [[`${IX}.control.phases.1.movements`, ['m-s-th', 'm-s-rt', 'm-w-th']]],
    'intersections[0].control.phases[1]',
    /movement "m-w-th" \(phase 2\) crosses movement "m-n-th" \(phase 6\), and the two phases can be green together/,
  ],
  [
    'a protected left against the opposing through in one phase',
    [[`${IX}.control.phases.5.movements`, ['m-e-th', 'm-e-rt', 'm-w-lt']]],
    'intersections[0].control.phases[5]',
    /movement "m-e-th" \(phase 8\) crosses movement "m-w-lt" \(phase 8\), in the same phase/,
  ],
  [
    'a left and an opposing right merging into one link',
    [[`${IX}.control.phases.0.movements`, ['m-n-lt', 'm-s-rt']]],
    'intersections[0].control.phases[0]',
    /movement "m-n-lt" \(phase 1\) merges with movement "m-s-rt" \(phase 1\), in the same phase/,
  ],
  [
    'rings that reach the barrier at different times',
    [[`${IX}.plans.0.splitsS`, { 1: 25, 2: 65, 4: 50, 5: 20, 6: 75, 8: 45 }]],
    'intersections[0].plans[0].splitsS',
    /phases 5\+6 total 95 s/,
  ],
  [
    'a phase without a split',
    [[`${IX}.plans.1.splitsS.4`, undefined]],
    'intersections[0].plans[1].splitsS',
    /phase 4 has no split/,
  ],
  [
    'a split shorter than the pedestrian crossing',
    [[`${IX}.plans.1.splitsS`, { 1: 50, 2: 25, 4: 45, 5: 50, 6: 25, 8: 45 }]],
    'intersections[0].plans[1].splitsS.2',
    /walk \+ pedestrian clearance \+ yellow \+ red clearance = 28 s/,
  ],
  [
    'an offset not less than the cycle',
    [[`${IX}.plans.0.offsetS`, 140]],
    'intersections[0].plans[0].offsetS',
    /offset 140 s is not less than the cycle 140 s/,
  ],
  [
    'a schedule naming an unknown plan',
    [[`${IX}.schedule.0.planId`, 'pm-peak']],
    'intersections[0].schedule[0].planId',
    /unknown plan "pm-peak"/,
  ],
  [
    'two schedule entries at one time',
    [[`${IX}.schedule.1.from`, '07:00']],
    'intersections[0].schedule[1].from',
    /two schedule entries start at 07:00/,
  ],
  [
    'a coordinated phase that does not exist',
    [[`${IX}.plans.0.coordinated`, [3]]],
    'intersections[0].plans[0].coordinated[0]',
    /coordinated phase 3 is not a phase here/,
  ],
  [
    'a duplicated phase number',
    [[`${IX}.control.phases.2.phase`, 2]],
    'intersections[0].control.phases[2].phase',
    /duplicate phase "2"/,
  ],
  [
    'an unknown permissive movement',
    [[`${IX}.control.phases.2.permissiveMovements.0`, 'm-q']],
    'intersections[0].control.phases[2].permissiveMovements[0]',
    /unknown movement "m-q"/,
  ],
  ['an unknown region', [[`${IX}.region`, 'mapo']], 'intersections[0].region', /unknown region "mapo"/],
  [
    'an unknown detector',
    [[`${IX}.control.phases.0.detectorIds.0`, 'det-zz']],
    'intersections[0].control.phases[0].detectorIds[0]',
    /unknown detector "det-zz"/,
  ],
  [
    'a signalized node without an intersection',
    [['network.nodes.1.type', 'signalized']],
    'network.nodes[1].type',
    /signalized node "n-north" has no intersection/,
  ],
];

describe('validateScenario', () => {
  test('returns the scenario with defaults applied', () => {
    const scenario = validateScenario(miniScenarioDoc(), 'mini');
    expect(scenario.network.links[0]?.roadClass).toBe('arterial');
    expect(scenario.tollGantries).toEqual([]);
  });

  test('reports every problem of a document at once, in one error', () => {
    const doc = editDoc(miniScenarioDoc(), [
      ['network.links.0.to', 'n-void'],
      ['events.0.beginS', 9000],
      ['fareReaders.0.region', 'busan'],
    ]);
    const paths = scenarioIssues(doc).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['network.links[0].to', 'events[0].beginS', 'fareReaders[0].region']),
    );
    expect(() => validateScenario(doc, 'scenarios/x')).toThrow(/^scenarios\/x: /);
  });

  test('reports several schema problems with bracketed array paths', () => {
    const doc = editDoc(miniScenarioDoc(), [
      ['network.links.2.lanes', 0],
      [`${IX}.control.phases.1.yellowS`, 'four'],
    ]);
    const paths = scenarioIssues(doc).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['network.links[2].lanes', 'intersections[0].control.phases[1].yellowS']),
    );
  });

  test('rejects a document that is not an object', () => {
    expect(scenarioIssues([])[0]?.path).toBe('');
  });
});

describe('stage control', () => {
  test('a four-stage plan over existing groups is valid', () => {
    expect(scenarioIssues(withStages())).toEqual([]);
  });

  test.each(STAGE_CASES)('rejects %s', (_what, edits, path, message) => {
    const issues = scenarioIssues(editDoc(withStages(), edits));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe('NEMA control, plans and schedules', () => {
  test.each(NEMA_CASES)('rejects %s', (_what, edits, path, message) => {
    const issues = scenarioIssues(editDoc(miniScenarioDoc(), edits));
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});
