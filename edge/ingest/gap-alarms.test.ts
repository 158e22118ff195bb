/**
 * @module edge/ingest/gap-alarms.test
 * Settled sequence gaps become one `sequence-gap` alarm per device: raised, updated at most once per
 * period with the new total, cleared after quiet; a gap filled by late (reordered) messages is not loss.
 */
import { test, expect } from 'vitest';
import { GapAlarms } from './index.ts';

const T = 1_800_000_000_000;
const gap = (missing: number, fromSeq = 1) =>
  ({ kind: 'gap', missing, fromSeq, toSeq: fromSeq + missing - 1 }) as const;

test('a settled gap raises one alarm naming the device and the messages lost', () => {
  const alarms = new GapAlarms();
  alarms.observe('det-1', gap(3), T);
  expect(alarms.due(T + 5_000)).toEqual([]);
  const [raised, ...rest] = alarms.due(T + 10_000);
  expect(rest).toEqual([]);
  expect(raised).toMatchObject({
    type: 'alarm',
    alarmId: 'sequence-gap-det-1',
    state: 'raised',
    severity: 'warning',
    sourceId: 'det-1',
    code: 'sequence-gap',
    at: T + 10_000,
  });
  expect(raised?.message).toMatch(/^3 message\(s\) from det-1 never reached the edge/);
  expect(alarms.due(T + 11_000)).toEqual([]);
});

test('a gap filled by late (reordered) messages is not loss', () => {
  const alarms = new GapAlarms();
  alarms.observe('det-1', gap(2), T);
  alarms.observe('det-1', { kind: 'late' }, T + 5);
  alarms.observe('det-1', { kind: 'late' }, T + 6);
  expect(alarms.due(T + 20_000)).toEqual([]);
  // Forgotten after the quiet period, with nothing to clear.
  expect(alarms.due(T + 700_000)).toEqual([]);
  expect(alarms.size).toBe(0);
});

test('further loss updates the alarm at most once a minute; ten quiet minutes clear it', () => {
  const alarms = new GapAlarms();
  alarms.observe('det-1', gap(1), T);
  expect(alarms.due(T + 10_000).map((a) => a.state)).toEqual(['raised']);
  alarms.observe('det-1', gap(4, 10), T + 20_000);
  expect(alarms.due(T + 40_000)).toEqual([]);
  const update = alarms.due(T + 70_000);
  expect(update.map((a) => [a.state, a.message.split(' ')[0]])).toEqual([['raised', '5']]);
  expect(alarms.due(T + 20_000 + 599_000)).toEqual([]);
  const cleared = alarms.due(T + 20_000 + 600_000);
  expect(cleared.map((a) => [a.alarmId, a.state])).toEqual([['sequence-gap-det-1', 'cleared']]);
  expect(alarms.size).toBe(0);
});

test('devices are accounted separately; repeats, resets and in-order messages are not loss', () => {
  const alarms = new GapAlarms({ settleMs: 0 });
  alarms.observe('det-1', { kind: 'repeat' }, T);
  alarms.observe('det-1', { kind: 'reset' }, T);
  alarms.observe('det-1', { kind: 'in-order' }, T);
  alarms.observe('det-2', gap(2), T);
  expect(alarms.due(T).map((a) => a.sourceId)).toEqual(['det-2']);
});
