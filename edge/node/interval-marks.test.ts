/**
 * @module edge/node/interval-marks.test
 * The node tells the runtime which detector intervals it has closed only once their link states are
 * durable in the uplink (and, started without a mark, marks the interval before its first open one at
 * once), and after a restart it takes back the mark: reports for later intervals count, and journaled
 * reports it had dealt with before are not counted again.
 */
import { expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, VirtualClock } from '../../core/index.ts';
import { EdgeNode } from './index.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);
const INTERVAL_MS = 30_000;
const START = Math.floor(Date.parse(scenario.startTime) / INTERVAL_MS) * INTERVAL_MS;
const LOOP = scenario.detectors.find((d) => d.region === 'gangnam');
if (LOOP === undefined) throw new Error('no loop in gangnam');

let seq = 0;
const report = (intervalStart: number, volume: number): [string, string] => [
  `its/v1/gangnam/det/${LOOP.id}`,
  JSON.stringify({
    kind: 'det.report',
    id: `mark-${seq}-abcdef`,
    deviceId: LOOP.id,
    seq: seq++,
    ts: intervalStart + INTERVAL_MS,
    intervalStart,
    intervalS: 30,
    volume,
    occupancyPct: 8,
    speedKmh: 40,
  }),
];

function node(
  clock: VirtualClock,
  events: string[],
  lastClosedIntervalMs?: number,
  detectorGraceMs?: number,
): EdgeNode {
  return new EdgeNode({
    scenario,
    region: 'gangnam',
    clock,
    strategy: 'static',
    controllers: new Map(),
    uplink: {
      enqueue: (items, options) =>
        events.push(
          `enqueue ${items.filter((i) => i.type === 'link-state').length} ${options?.durable === true}`,
        ),
    },
    ...(lastClosedIntervalMs === undefined ? {} : { lastClosedIntervalMs }),
    ...(detectorGraceMs === undefined ? {} : { detectorGraceMs }),
    onIntervalsClosed: (start) => events.push(`closed ${(start - START) / 1000}`),
  });
}

test('a step that closes intervals hands its link states over durable, then reports the newest closed', () => {
  const clock = new VirtualClock(START + 5_000);
  const events: string[] = [];
  const edge = node(clock, events);
  const marked = (): string[] => events.filter((e) => e.startsWith('closed') || e.endsWith('true'));
  // With no mark given, the node marks the interval before the first it opens at once.
  expect(marked()).toEqual(['closed -30']);
  events.length = 0;
  edge.handle(...report(START, 10));
  clock.advanceTo(START + 31_000);
  edge.tick();
  expect(marked()).toEqual([]);
  clock.advanceTo(START + 32_500);
  edge.tick();
  expect(marked()).toEqual(['enqueue 1 true', 'closed 0']);
  // The next step closes nothing: nothing durable asked for, nothing reported.
  events.length = 0;
  clock.advance(1_000);
  edge.tick();
  expect(marked()).toEqual([]);
});

test('restarted with its mark, the node counts held reports for later intervals, not replayed ones for earlier', () => {
  const clock = new VirtualClock(START + 300_000);
  const events: string[] = [];
  const edge = node(clock, events, START);
  // From the journal: dealt with before the restart.
  edge.replay(...report(START - INTERVAL_MS, 3));
  // From the broker: held while the edge was away.
  for (let k = 1; k <= 8; k++) edge.handle(...report(START + k * INTERVAL_MS, k));
  clock.advance(1_000);
  edge.tick();
  expect(edge.stats().detectors).toEqual({ reports: 8, lateFolded: 0, droppedByReason: {} });
  expect(events.filter((e) => e.startsWith('closed'))).toEqual(['closed 240']);
});

test('with a longer detector grace (the demo at --speed 4), a report that far after its interval still counts on time', () => {
  const clock = new VirtualClock(START + 5_000);
  const events: string[] = [];
  const edge = node(clock, events, undefined, 8_000);
  events.length = 0;
  clock.advanceTo(START + 32_500);
  edge.tick();
  expect(events.filter((e) => e.startsWith('closed'))).toEqual([]);
  // 7 s after the interval ended: within the grace, counted in the interval's first (and only) state.
  clock.advanceTo(START + 37_000);
  edge.handle(...report(START, 10));
  clock.advanceTo(START + 38_500);
  edge.tick();
  expect(events.filter((e) => e.startsWith('closed') || e.endsWith('true'))).toEqual([
    'enqueue 1 true',
    'closed 0',
  ]);
  expect(edge.stats().detectors.lateFolded).toBe(0);
});
