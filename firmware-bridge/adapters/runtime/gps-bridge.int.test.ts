/**
 * @module firmware-bridge/adapters/runtime/gps-bridge.int.test
 * A bridge publishing a real receiver log to an embedded aedes broker: positions with consecutive
 * sequence numbers, a retained status, and the last will when the bridge's connection dies.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SystemClock, newId, parseMessageValue } from '../../../core/index.ts';
import type { BusPosition, DeviceStatus } from '../../../core/index.ts';
import { NmeaReader, readNmeaLog } from '../../nmea/index.ts';
import { collect, startTestBroker } from '../mqtt/test-broker.ts';
import type { TestBroker } from '../mqtt/test-broker.ts';
import { fileSource, stdinSource } from '../stream/index.ts';
import { startGpsBridge } from './index.ts';
import { sharedDataPath } from '../../../core/shared-data/index.ts';

const LOG = sharedDataPath('nmea', 'gpsd-logs', 'ublox-8.log');
let broker: TestBroker;

beforeAll(async () => {
  broker = await startTestBroker();
});
afterAll(async () => {
  await broker.close();
});

function parsed<T>(payload: unknown): T {
  const r = parseMessageValue(payload);
  if (!r.ok) throw new Error(`invalid message: ${JSON.stringify(r.issues)}`);
  return r.message as T;
}

test('bridges a log file into bus.position messages and a retained status', async () => {
  const expected = readNmeaLog(readFileSync(LOG)).fixes;
  const sub = await collect(broker.url, 'its/v1/seoul/+/gps-b1');
  const run = await startGpsBridge({
    mqttUrl: broker.url,
    deviceId: 'gps-b1',
    vehicleId: 'b1',
    region: 'seoul',
    routeId: '7016',
    source: fileSource(LOG),
    decoder: new NmeaReader(),
    clock: new SystemClock(),
    newId,
  });
  await run.done;
  const positions = () => sub.messages.filter((m) => m.topic === 'its/v1/seoul/bus/gps-b1');
  await sub.waitFor(() => positions().length === expected.length);
  const msgs = positions().map((m) => parsed<BusPosition>(m.payload));
  expect(msgs.map((m) => m.seq)).toEqual(expected.map((_, i) => i));
  expect(msgs[0]?.lat).toBeCloseTo(expected[0]?.lat ?? 0, 9);
  expect(msgs.every((m) => m.vehicleId === 'b1' && m.routeId === '7016')).toBe(true);
  await sub.client.endAsync();

  // A newcomer learns presence from the retained status: offline after the clean end of input.
  const late = await collect(broker.url, 'its/v1/seoul/status/gps-b1');
  await late.waitFor(() => late.messages.length === 1);
  const status = parsed<DeviceStatus>(late.messages[0]?.payload);
  expect(late.messages[0]?.retain).toBe(true);
  expect(status.online).toBe(false);
  expect(status.reason).toBe('end-of-input');
  await late.client.endAsync();
});

test('the broker publishes the last will when the bridge connection dies', async () => {
  const input = new PassThrough();
  const run = await startGpsBridge({
    mqttUrl: broker.url,
    deviceId: 'gps-b2',
    vehicleId: 'b2',
    region: 'seoul',
    source: stdinSource(input),
    decoder: new NmeaReader(),
    clock: new SystemClock(),
    newId,
  });
  const sub = await collect(broker.url, 'its/v1/seoul/status/gps-b2');
  await sub.waitFor(() => sub.messages.length >= 1);
  const online = parsed<DeviceStatus>(sub.messages[0]?.payload);
  expect(online.online).toBe(true);
  expect(sub.messages[0]?.retain).toBe(true);

  // Kill the TCP connection without a DISCONNECT and without reconnecting.
  run.sink.client.options.reconnectPeriod = 0;
  run.sink.client.stream.destroy();
  await sub.waitFor(() => sub.messages.some((m) => parsed<DeviceStatus>(m.payload).reason === 'last-will'));
  const will = parsed<DeviceStatus>(
    sub.messages.find((m) => parsed<DeviceStatus>(m.payload).reason === 'last-will')?.payload,
  );
  expect(will.online).toBe(false);
  expect(will.deviceId).toBe('gps-b2');
  run.sink.client.end(true);
  input.destroy();
  await sub.client.endAsync();
});

test('reconnects after a broker restart and announces itself online again', async () => {
  const own = await startTestBroker();
  const input = new PassThrough();
  const events: string[] = [];
  const run = await startGpsBridge({
    mqttUrl: own.url,
    deviceId: 'gps-b3',
    vehicleId: 'b3',
    region: 'seoul',
    source: stdinSource(input),
    decoder: new NmeaReader(),
    clock: new SystemClock(),
    newId,
    onEvent: (e) => events.push(e),
  });
  await own.close();
  const again = await startTestBroker(own.port);
  try {
    const sub = await collect(again.url, 'its/v1/seoul/status/gps-b3');
    await sub.waitFor(() => sub.messages.some((m) => parsed<DeviceStatus>(m.payload).online));
    expect(events.filter((e) => e === 'mqtt-connect').length).toBeGreaterThanOrEqual(2);
    // Positions flow again after the reconnect.
    input.write(readFileSync(LOG).subarray(0, 4000));
    const positions = await collect(again.url, 'its/v1/seoul/bus/gps-b3');
    input.write(readFileSync(LOG).subarray(4000, 20_000));
    await positions.waitFor(() => positions.messages.length > 0);
    await positions.client.endAsync();
    await sub.client.endAsync();
  } finally {
    input.destroy();
    await run.stop();
    await again.close();
  }
});
