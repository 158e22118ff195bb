/**
 * @module edge/runtime/sequence-gaps.int.test
 * Lost field messages are reported upward by the running edge (issue 6: "gaps (sequence numbers) are
 * detected and reported"): over a real broker (aedes, port 0) a detector skips three sequence
 * numbers, and a `sequence-gap` alarm naming it and the count goes out on the uplink.
 */
import mqtt from 'mqtt';
import { afterAll, expect, test } from 'vitest';
import {
  buildTopic,
  loadScenario,
  MINI_SCENARIO_PATH,
  parseMessage,
  SystemClock,
  type UplinkItem,
} from '../../core/index.ts';
import { startTestBroker, type TestBroker } from '../adapters/mqtt/test-broker.ts';
import { startEdgeRuntime, type EdgeRuntime } from './index.ts';
import { detReport } from './testing/det-report.ts';
import { testRuntimeOptions } from './testing/runtime-options.ts';

const scenario = loadScenario(MINI_SCENARIO_PATH);
const DETECTOR = 'det-s-sb-1';
let broker: TestBroker | undefined;
let edge: EdgeRuntime | undefined;
let observer: mqtt.MqttClient | undefined;

afterAll(async () => {
  await observer?.endAsync();
  await edge?.stop();
  await broker?.stop();
});

test('a detector that skips sequence numbers is reported on the uplink as a sequence-gap alarm', async () => {
  broker = await startTestBroker();
  const clock = new SystemClock();
  edge = await startEdgeRuntime(
    testRuntimeOptions({ scenario, region: 'gangnam', clock, brokerUrl: broker.url, name: 'gaps' }),
  );
  observer = await mqtt.connectAsync(broker.url, { clientId: `observer-${process.pid}` });
  const alarms: Extract<UplinkItem, { type: 'alarm' }>[] = [];
  observer.on('message', (_topic, payload) => {
    const r = parseMessage(payload);
    if (!r.ok || r.message.kind !== 'edge.batch') return;
    for (const item of r.message.items) if (item.type === 'alarm') alarms.push(item);
  });
  await observer.subscribeAsync('its/v1/gangnam/edge/+/up', { qos: 1 });

  const device = await mqtt.connectAsync(broker.url, { clientId: `device-${process.pid}` });
  try {
    // Sequence numbers 0, 1, then 5: 2, 3 and 4 never arrive.
    for (const seq of [0, 1, 5]) {
      const ts = clock.now();
      const report = detReport({
        id: `gap-test-${process.pid}-${seq}`,
        deviceId: DETECTOR,
        seq,
        ts,
        intervalStart: ts - 30_000,
      });
      await device.publishAsync(buildTopic('gangnam', 'det', DETECTOR), JSON.stringify(report), { qos: 1 });
    }
    // Settled after 10 s, polled every 5 s, then sealed into the next batch.
    await expect
      .poll(() => alarms.find((a) => a.code === 'sequence-gap' && a.sourceId === DETECTOR), {
        timeout: 60_000,
        interval: 250,
      })
      .toMatchObject({ alarmId: `sequence-gap-${DETECTOR}`, state: 'raised', severity: 'warning' });
    expect(alarms.find((a) => a.code === 'sequence-gap')?.message).toMatch(/^3 message\(s\) from det-s-sb-1/);
    expect(edge.stats().node.ingest.missing).toBe(3);
  } finally {
    await device.endAsync();
  }
}, 120_000);
