/**
 * @module center/incidents/lane-detection.test
 * The lane test of the incident detector: a lane that loses its usual share of the flow while its
 * neighbours keep flowing is a blockage of that lane, named in the incident.
 */
import { expect, test } from 'vitest';
import { sampleLink } from '../state/testing/index.ts';
import { IncidentDetector, type DetectionEvent } from './index.ts';

const T = Date.UTC(2026, 2, 2, 8, 0, 0);
const at = (i: number) => T + i * 30_000;
// `a` (advance loops on three lanes, at signal X1) feeds `b`.
const links = [
  { id: 'a', speedLimitKmh: 50, downstream: ['b'], station: 'advance' as const, signalId: 'X1' },
  { id: 'b', speedLimitKmh: 50, downstream: [], station: 'advance' as const, signalId: 'X2' },
];
/** A 150 s cycle of 30 s intervals: flow (veh/h per lane at a share of 1) and occupancy at red and green. */
const FLOW = [0, 0, 240, 1800, 1500] as const;
const OCC = [60, 70, 40, 25, 15] as const;
/** Usual shares of lanes 0, 1, 2 (lane 0 the rightmost). */
const SHARES = [0.3, 0.4, 0.3] as const;

type LaneRule = (lane: number, flowVph: number, occupancyPct: number) => [number, number];
const usual: LaneRule = (_lane, f, o) => [f, o];

function interval(linkId: string, i: number, rule: LaneRule = usual, scale = 1) {
  const k = i % FLOW.length;
  const lanes = SHARES.map((share, lane) => {
    const [flowVph, occupancyPct] = rule(lane, (FLOW[k] ?? 0) * share * 3 * scale, OCC[k] ?? 0);
    return { lane, flowVph, occupancyPct };
  });
  const flowVph = lanes.reduce((s, l) => s + l.flowVph, 0);
  const occupancyPct = lanes.reduce((s, l) => s + l.occupancyPct, 0) / lanes.length;
  return sampleLink({ linkId, intervalStart: at(i), flowVph, occupancyPct, speedKmh: 30, lanes });
}

function detector(): IncidentDetector {
  const d = new IncidentDetector(links);
  d.observeSignal('X1');
  d.observeSignal('X2');
  return d;
}

function run(
  d: IncidentDetector,
  from: number,
  to: number,
  ruleA: LaneRule = usual,
  ruleB: LaneRule = usual,
  events: DetectionEvent[] = [],
): DetectionEvent[] {
  for (let i = from; i < to; i++)
    events.push(...d.observe(interval('a', i, ruleA)), ...d.observe(interval('b', i, ruleB)));
  return events;
}

const blocked =
  (...lanes: number[]): LaneRule =>
  (lane, f, o) =>
    lanes.includes(lane) ? [0, 0] : [f * 1.2, o];

test('a lane emptied while the others keep flowing is detected with that lane, after spanning cycles, then clears', () => {
  const d = detector();
  const events = run(d, 0, 60);
  expect(events).toEqual([]);
  run(d, 60, 72, blocked(1), usual, events);
  expect(events).toEqual([
    expect.objectContaining({
      type: 'detected',
      linkId: 'a',
      reason: 'lane-flow-drop',
      lanes: [1],
      detail: expect.stringMatching(
        /^lane 1 0 veh\/h vs \d+ veh\/h by its usual share \(usual \d+ veh\/h, chance [\d.e-]+\)$/,
      ) as unknown,
    }),
  ]);
  const detected = events[0];
  // Not from the first blocked interval: the window must lose the lane's share and the alarm persist.
  expect(detected?.type === 'detected' && detected.startedAt).toBeGreaterThan(at(60));
  expect(detected?.type === 'detected' && detected.startedAt).toBeLessThanOrEqual(at(66));
  run(d, 72, 90, usual, usual, events);
  expect(events.at(-1)).toMatchObject({ type: 'cleared', linkId: 'a' });
});

test('two blocked lanes of three are both named', () => {
  const d = detector();
  const events = run(d, 0, 60);
  run(d, 60, 75, blocked(0, 1), usual, events);
  expect(events).toEqual([expect.objectContaining({ type: 'detected', linkId: 'a', lanes: [0, 1] })]);
});

test('less traffic in every lane alike (a quiet hour, a blockage further upstream) is not a lane blockage', () => {
  const d = detector();
  const events = run(d, 0, 60);
  for (let i = 60; i < 100; i++)
    events.push(...d.observe(interval('a', i, usual, 0.3)), ...d.observe(interval('b', i)));
  expect(events.filter((e) => e.type === 'detected' && e.reason === 'lane-flow-drop')).toEqual([]);
});

test('a lane loop stuck on (full, no count) is not a blockage of its lane', () => {
  const d = detector();
  const events = run(d, 0, 60);
  run(d, 60, 80, (lane, f, o) => (lane === 1 ? [0, 100] : [f, o]), usual, events);
  expect(events).toEqual([]);
});

test('nothing is judged before the lanes usual shares are learnt', () => {
  const d = detector();
  expect(run(d, 0, 20, blocked(1))).toEqual([]);
});

test('a lane emptied after a blocked feeder is that incident, not a second one', () => {
  const d = detector();
  const events = run(d, 0, 60);
  // `a` loses its flow altogether (a closure before its loops); `b` after it finds lane 2 empty.
  run(d, 60, 75, () => [0, 0], blocked(2), events);
  expect(events.filter((e) => e.type === 'detected').map((e) => e.linkId)).toEqual(['a']);
});

test('link states without lanes (an older edge) are judged on the link totals alone', () => {
  const d = detector();
  const events: DetectionEvent[] = [];
  for (let i = 0; i < 80; i++) {
    const { lanes: _l, ...a } = interval('a', i, i >= 60 ? blocked(1) : usual);
    const { lanes: _m, ...b } = interval('b', i);
    events.push(...d.observe(a), ...d.observe(b));
  }
  expect(events).toEqual([]);
});

/**
 * Quiet and busy two-lane stop-line stations (signal heard), 30 s intervals of steady counts: `usualVph`
 * per lane for 30 min, then lane 1 at `otherVph` (a left-turn surge, or traffic moved over) while lane
 * 0 counts nothing.
 */
function emptiedLane(usualVph: number, otherVph: number): DetectionEvent[] {
  const d = new IncidentDetector([
    { id: 'c', speedLimitKmh: 50, downstream: [], station: 'stop-line', signalId: 'X3' },
  ]);
  d.observeSignal('X3');
  const events: DetectionEvent[] = [];
  for (let i = 0; i < 90; i++) {
    const lanes = [
      { lane: 0, flowVph: i < 60 ? usualVph : 0, occupancyPct: i < 60 ? 10 : 0 },
      { lane: 1, flowVph: i < 60 ? usualVph : otherVph, occupancyPct: 10 },
    ];
    const flowVph = lanes.reduce((s, l) => s + l.flowVph, 0);
    events.push(
      ...d.observe(
        sampleLink({ linkId: 'c', intervalStart: at(i), flowVph, occupancyPct: 10, speedKmh: 30, lanes }),
      ),
    );
  }
  return events;
}

test('a quiet lane counting nothing over the window is chance, not a blockage', () => {
  // 60 veh/h a lane is 3 vehicles a 180 s window: none at all happens 1 window in 20. The other lane
  // at 240 veh/h predicts 240 veh/h for it (over the 160 veh/h minimum): before, this alarmed.
  expect(emptiedLane(60, 240)).toEqual([]);
});

test('a busy lane that drops to nothing is still a blockage', () => {
  expect(emptiedLane(400, 480)).toEqual([
    expect.objectContaining({ type: 'detected', linkId: 'c', reason: 'lane-flow-drop', lanes: [0] }),
  ]);
});
