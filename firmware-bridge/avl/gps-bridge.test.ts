/**
 * @module firmware-bridge/avl/gps-bridge.test
 */
import { expect, test } from 'vitest';
import { VirtualClock, parseMessage, seededIdFactory } from '../../core/index.ts';
import { readNmeaLog } from '../nmea/index.ts';
import { sampleCycle } from '../nmea/test-sentences.ts';
import { GpsBridge, fixEpochMs } from './index.ts';

function setup() {
  const sent: { topic: string; payload: string; qos: number; retain: boolean }[] = [];
  const bridge = new GpsBridge(
    { publish: (topic, payload, o) => sent.push({ topic, payload, ...o }) },
    {
      deviceId: 'gps-7',
      vehicleId: 'bus-7',
      region: 'seoul',
      routeId: '143',
      clock: new VirtualClock(Date.UTC(2017, 0, 10, 0, 10)),
      newId: seededIdFactory(1),
    },
  );
  return { sent, bridge };
}

test('publishes fixes as valid bus.position messages with consecutive sequence numbers', () => {
  const { sent, bridge } = setup();
  for (const fix of readNmeaLog(sampleCycle('000941') + sampleCycle('000942')).fixes) bridge.publishFix(fix);
  expect(sent.map((s) => s.topic)).toEqual(['its/v1/seoul/bus/gps-7', 'its/v1/seoul/bus/gps-7']);
  const messages = sent.map((s) => parseMessage(s.payload));
  expect(messages.every((m) => m.ok)).toBe(true);
  const first = messages[0];
  if (!first?.ok || first.message.kind !== 'bus.position') throw new Error('not a position');
  expect(first.message.seq).toBe(0);
  expect(first.message.ts).toBe(Date.UTC(2017, 0, 10, 0, 9, 41));
  expect(first.message.routeId).toBe('143');
  expect(sent[0]?.qos).toBe(0);
});

test('publishes a retained status and builds the last will with online false', () => {
  const { sent, bridge } = setup();
  bridge.publishStatus(true, 'startup');
  expect(sent[0]?.topic).toBe('its/v1/seoul/status/gps-7');
  expect(sent[0]?.retain).toBe(true);
  const will = parseMessage(bridge.statusMessage(false, 'last-will').payload);
  expect(will.ok && will.message.kind === 'status' && will.message.online).toBe(false);
});

test('drops a fix outside the schema and counts it', () => {
  const { sent, bridge } = setup();
  const [fix] = readNmeaLog(sampleCycle('000941')).fixes;
  if (fix === undefined) throw new Error('no fix');
  expect(bridge.publishFix({ ...fix, speedMps: 500 })).toBeNull();
  expect(bridge.counters.dropped.schema).toBe(1);
  expect(sent).toEqual([]);
});

test('places a dateless fix on the host day nearest to now', () => {
  const now = Date.UTC(2024, 5, 2, 0, 0, 5);
  const fix = { timeMs: null, timeOfDayMs: 86_399_000 } as Parameters<typeof fixEpochMs>[0];
  expect(fixEpochMs(fix, now)).toBe(Date.UTC(2024, 5, 1, 23, 59, 59));
});
