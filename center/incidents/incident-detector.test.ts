/**
 * @module center/incidents/incident-detector.test
 */
import { expect, test } from 'vitest';
import { sampleLink } from '../state/testing/index.ts';
import { IncidentDetector, downstreamLinks, type DetectionEvent } from './index.ts';

const T = Date.UTC(2026, 2, 2, 8, 0, 0);
const links = [
  { id: 'up', speedLimitKmh: 60, downstream: ['down'] },
  { id: 'down', speedLimitKmh: 60, downstream: [] },
];
const at = (i: number) => T + i * 30_000;
const state = (linkId: string, i: number, occupancyPct: number, speedKmh: number, flowVph = 900) =>
  sampleLink({ linkId, intervalStart: at(i), occupancyPct, speedKmh, flowVph });

// Two approaches in a row at signals: `a` (stop-bar loops) feeds `b` through intersection X1.
const signalLinks = [
  { id: 'a', speedLimitKmh: 50, downstream: ['b'], station: 'stop-line' as const, signalId: 'X1' },
  { id: 'b', speedLimitKmh: 50, downstream: [], station: 'advance' as const, signalId: 'X2' },
];
/** A 150 s cycle of 30 s intervals: the loop is full at red and drains at green. */
const RED_GREEN = [100, 100, 95, 40, 20] as const;
const FLOW = [0, 0, 120, 1800, 1500] as const;

function signalDetector(): IncidentDetector {
  const d = new IncidentDetector(signalLinks);
  d.observeSignal('X1');
  d.observeSignal('X2');
  return d;
}

/** Intervals `from`..`to` of normal signal operation on both links. */
function operate(
  d: IncidentDetector,
  from: number,
  to: number,
  events: DetectionEvent[] = [],
): DetectionEvent[] {
  for (let i = from; i < to; i++) {
    const k = i % RED_GREEN.length;
    events.push(
      ...d.observe(state('a', i, RED_GREEN[k] ?? 0, k < 2 ? 0.5 : 20, FLOW[k])),
      ...d.observe(state('b', i, RED_GREEN[(k + 2) % 5] ?? 0, 25, FLOW[(k + 2) % 5])),
    );
  }
  return events;
}

test('a blockage (full upstream, empty downstream) is detected after it persists, then cleared', () => {
  const d = new IncidentDetector(links);
  const events = [];
  for (let i = 0; i < 3; i++)
    events.push(...d.observe(state('down', i, 10, 50)), ...d.observe(state('up', i, 12, 50)));
  expect(events).toEqual([]);
  for (let i = 3; i < 6; i++)
    events.push(...d.observe(state('down', i, 4, 55)), ...d.observe(state('up', i, 45, 40)));
  expect(events).toEqual([
    expect.objectContaining({
      type: 'detected',
      linkId: 'up',
      startedAt: at(3),
      reason: 'occupancy-difference',
      detail: 'occupancy 45% here vs 4% on down',
    }),
  ]);
  for (let i = 6; i < 10; i++)
    events.push(...d.observe(state('down', i, 10, 50)), ...d.observe(state('up', i, 12, 50)));
  expect(events.at(-1)).toMatchObject({ type: 'cleared', linkId: 'up' });
});

test('the upstream interval is compared with the same downstream interval, whichever arrives first', () => {
  const d = new IncidentDetector(links);
  const events = [];
  for (let i = 0; i < 2; i++)
    events.push(...d.observe(state('up', i, 48, 8)), ...d.observe(state('down', i, 3, 50)));
  expect(events).toEqual([expect.objectContaining({ type: 'detected', linkId: 'up', startedAt: at(0) })]);
});

test('no speed-drop alarm before the usual speed is learnt; then a sharp drop is one, a single slow interval not', () => {
  const d = new IncidentDetector(links);
  // Start-up: slow at first (the speed limit is not the usual speed), no alarm.
  for (let i = 0; i < 4; i++) expect(d.observe(state('down', i, 10, 10))).toEqual([]);
  for (let i = 4; i < 40; i++) expect(d.observe(state('down', i, 10, 55))).toEqual([]);
  expect(d.observe(state('down', 40, 10, 10))).toEqual([]);
  expect(d.observe(state('down', 41, 12, 50))).toEqual([]);
  expect(d.observe(state('down', 42, 10, 12))).toEqual([]);
  expect(d.observe(state('down', 43, 10, 11))).toEqual([
    expect.objectContaining({
      type: 'detected',
      reason: 'speed-drop',
      detail: expect.stringMatching(/^speed 11\.0 km\/h vs usual 5\d\.\d km\/h$/) as unknown,
    }),
  ]);
});

test('steady heavy but uniform traffic is not an incident', () => {
  const d = new IncidentDetector(links);
  const events = [];
  for (let i = 0; i < 40; i++)
    events.push(...d.observe(state('down', i, 35, 35)), ...d.observe(state('up', i, 38, 33)));
  expect(events).toEqual([]);
});

test('a signal queue (stop bar full at every red, next link empty) is not an incident', () => {
  expect(operate(signalDetector(), 0, 200)).toEqual([]);
});

test('start-up at a signal (empty network filling) raises no alarm', () => {
  const d = signalDetector();
  const events: DetectionEvent[] = [];
  for (let i = 0; i < 10; i++)
    events.push(...d.observe(state('a', i, 0, 50, 0)), ...d.observe(state('b', i, 0, 50, 0)));
  for (let i = 10; i < 20; i++)
    events.push(...d.observe(state('a', i, 100, 0.5, 0)), ...d.observe(state('b', i, 2, 50, 60)));
  expect(operate(d, 20, 120, events)).toEqual([]);
});

test('at a signal a blockage after the stop line (queue stuck, next link starved) is detected and clears', () => {
  const d = signalDetector();
  const events = operate(d, 0, 100);
  expect(events).toEqual([]);
  for (let i = 100; i < 110; i++)
    events.push(...d.observe(state('a', i, 100, 0.3, 0)), ...d.observe(state('b', i, 1, 40, 0)));
  // Within 10 intervals (5 min) of the blockage: the window and persistence span the cycle. The
  // starved link after it is explained by the alarm on its feeder: one incident, one alarm.
  expect(events).toEqual([
    expect.objectContaining({
      type: 'detected',
      linkId: 'a',
      reason: 'queue-over-usual',
    }),
  ]);
  operate(d, 110, 130, events);
  expect(events.at(-1)).toMatchObject({ type: 'cleared', linkId: 'a' });
  expect(events).toHaveLength(2);
});

test('at a signal a blockage upstream of the loops (flow gone, no queue over them) is detected', () => {
  const d = signalDetector();
  const events = operate(d, 0, 100);
  for (let i = 100; i < 110; i++)
    events.push(...d.observe(state('a', i, 0, 50, 0)), ...d.observe(state('b', i, 40, 25, 800)));
  expect(events).toEqual([expect.objectContaining({ type: 'detected', linkId: 'a', reason: 'flow-drop' })]);
});

test('downstream links prefer the through movement', () => {
  const movements = [
    { fromLink: 'a', toLink: 'b', turn: 'left' },
    { fromLink: 'a', toLink: 'c', turn: 'through' },
  ];
  expect(downstreamLinks(movements, 'a')).toEqual(['c']);
  expect(downstreamLinks(movements, 'z')).toEqual([]);
});
