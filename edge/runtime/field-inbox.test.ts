/**
 * @module edge/runtime/field-inbox.test
 * Validate before journaling: an invalid field message is counted by reason and never written to the
 * SQLite inbox journal; a valid QoS 1 one is journaled once and applied; an actuation (QoS 0) is
 * applied without a journal write. Sequence verdicts of valid messages feed the gap alarms, and their
 * device times the session backlog (so a backlog of garbage holds no interval open). A valid report too
 * late for any interval is counted by the node as `late-report`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { loadScenario, MINI_SCENARIO_PATH, VirtualClock } from '../../core/index.ts';
import { SqliteUplinkStore } from '../adapters/sqlite/index.ts';
import { GapAlarms, SessionBacklog } from '../ingest/index.ts';
import { EdgeNode } from '../node/index.ts';
import { FieldInbox } from './field-inbox.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);
const START = Date.parse(scenario.startTime);
const stores: SqliteUplinkStore[] = [];

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function setup() {
  const clock = new VirtualClock(START);
  const store = new SqliteUplinkStore(join(mkdtempSync(join(tmpdir(), 'its-inbox-')), 'uplink.db'));
  stores.push(store);
  const node = new EdgeNode({
    scenario,
    region: 'gangnam',
    clock,
    strategy: 'actuated',
    controllers: new Map(),
    uplink: { enqueue: () => {} },
  });
  return { clock, store, node, inbox: new FieldInbox(node, store, clock) };
}

const report = (id: string, seq: number, ts: number, patch: Record<string, unknown> = {}): Buffer =>
  Buffer.from(
    JSON.stringify({
      kind: 'det.report',
      id,
      deviceId: 'det-s-sb-1',
      seq,
      ts,
      intervalStart: ts - 30_000,
      intervalS: 30,
      volume: 7,
      occupancyPct: 12,
      speedKmh: 40,
      ...patch,
    }),
  );

test('invalid messages are counted by reason and never journaled; a valid one is journaled once', () => {
  const { clock, store, node, inbox } = setup();
  const topic = 'its/v1/gangnam/det/det-s-sb-1';
  const t = clock.now();
  expect(inbox.receive(topic, Buffer.from('{not json'))).toBe(false);
  expect(inbox.receive(topic, report('rep-aaaaaaaa', 1, t, { volume: -1 }))).toBe(false);
  expect(inbox.receive(topic, report('rep-bbbbbbbb', 2, t + 3_600_000))).toBe(false);
  expect(inbox.receive('its/v1/gangnam/det/det-n-sb-1', report('rep-cccccccc', 3, t))).toBe(false);
  expect(inbox.receive('its/v1/jongno/det/det-s-sb-1', report('rep-dddddddd', 4, t))).toBe(false);
  expect(inbox.receive('not/a/topic', report('rep-eeeeeeee', 5, t))).toBe(false);
  expect(store.journalEntries()).toEqual([]);
  expect(inbox.journaledCount).toBe(0);
  expect(node.stats().ingest.droppedByReason).toEqual({
    'not-json': 1,
    schema: 1,
    'future-timestamp': 1,
    'topic-mismatch': 1,
    'wrong-region': 1,
    'bad-topic': 1,
  });

  expect(inbox.receive(topic, report('rep-ffffffff', 6, t))).toBe(true);
  // The same message again is a duplicate: counted, not journaled a second time.
  expect(inbox.receive(topic, report('rep-ffffffff', 6, t))).toBe(false);
  expect(store.journalEntries().map((e) => e.topic)).toEqual([topic]);
  expect(node.stats().ingest.accepted).toBe(1);
  expect(node.stats().ingest.droppedByReason.duplicate).toBe(1);
});

test('an actuation (QoS 0) is applied without a journal write', () => {
  const { clock, store, node, inbox } = setup();
  const actuation = JSON.stringify({
    kind: 'det.actuation',
    id: 'act-aaaaaaaa',
    deviceId: 'det-s-sb-1',
    seq: 1,
    ts: clock.now(),
    state: 'on',
  });
  expect(inbox.receive('its/v1/gangnam/det/det-s-sb-1/act', Buffer.from(actuation))).toBe(true);
  expect(node.stats().ingest.acceptedByKind['det.actuation']).toBe(1);
  expect(store.journalEntries()).toEqual([]);
});

test('a gap in a device’s sequence numbers reaches the gap alarms; an invalid message does not count', () => {
  const { clock, store, node } = setup();
  const gaps = new GapAlarms();
  const inbox = new FieldInbox(node, store, clock, gaps);
  const topic = 'its/v1/gangnam/det/det-s-sb-1';
  const t = clock.now();
  expect(inbox.receive(topic, report('rep-gap-00001', 1, t))).toBe(true);
  expect(inbox.receive(topic, report('rep-gap-00002', 2, t))).toBe(true);
  expect(inbox.receive(topic, report('rep-gap-00009', 9, t, { volume: -1 }))).toBe(false);
  expect(inbox.receive(topic, report('rep-gap-00006', 6, t))).toBe(true);
  clock.advance(10_000);
  expect(gaps.due(clock.now()).map((a) => [a.sourceId, a.state, a.message.split(' ')[0]])).toEqual([
    ['det-s-sb-1', 'raised', '3'],
  ]);
});

test('valid messages published before the reconnect hold the session backlog; invalid ones do not', () => {
  const { clock, store, node } = setup();
  const wall = new VirtualClock(0);
  const backlog = new SessionBacklog({ clock: wall, quietMs: 2000 });
  const inbox = new FieldInbox(node, store, clock, null, backlog);
  const topic = 'its/v1/gangnam/det/det-s-sb-1';
  const t = clock.now();
  backlog.resumed(t);
  wall.advance(1500);
  expect(inbox.receive(topic, report('rep-bkl-00001', 1, t - 40_000, { volume: -1 }))).toBe(false);
  wall.advance(1000);
  // Only the invalid message came in the last 2 s: drained.
  expect(backlog.holding()).toBe(false);
  expect(backlog.stats().backlogMessages).toBe(0);
  backlog.resumed(t);
  wall.advance(1500);
  expect(inbox.receive(topic, report('rep-bkl-00002', 2, t - 40_000))).toBe(true);
  wall.advance(1000);
  expect(backlog.holding()).toBe(true);
  expect(backlog.stats().backlogMessages).toBe(1);
});

test('a report too late for its interval is journaled and applied, then counted as late-report by the node', () => {
  const { clock, store, node, inbox } = setup();
  const topic = 'its/v1/gangnam/det/det-s-sb-1';
  const t = clock.now();
  // Its interval ended two minutes before the edge started: valid, but no interval takes it.
  expect(inbox.receive(topic, report('rep-late-0001', 1, t, { intervalStart: t - 150_000 }))).toBe(true);
  expect(store.journalEntries()).toHaveLength(1);
  expect(node.stats().ingest.dropped).toBe(0);
  expect(node.stats().detectors.droppedByReason).toEqual({ 'late-report': 1 });
});
