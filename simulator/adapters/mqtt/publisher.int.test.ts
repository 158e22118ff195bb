import mqtt from 'mqtt';
import { expect, test } from 'vitest';
import { startEmbeddedBroker } from '../../../broker/index.ts';
import { parseMessage, parseTopic, SystemClock } from '../../../core/index.ts';
import { loadScenario } from '../../../core/scenario/index.ts';
import { SpatEmitter } from '../../devices/index.ts';
import { runPaced } from '../../live/index.ts';
import { prepareRun } from '../../run/index.ts';
import { connectFieldPublisher } from './index.ts';

const MINI = new URL('../../../core/scenario/fixtures/mini.json', import.meta.url).pathname;

test('live mode publishes every device message on its contract topic', async () => {
  const broker = await startEmbeddedBroker({ port: 0 });
  const sub = await mqtt.connectAsync(broker.url, { clientId: 'sim-int-sub' });
  const received: { topic: string; payload: Buffer }[] = [];
  sub.on('message', (topic, payload) => received.push({ topic, payload }));
  await sub.subscribeAsync('its/v1/#', { qos: 1 });
  const pub = await connectFieldPublisher(broker.url, 'sim-int-pub');
  try {
    const run = prepareRun({ kind: 'scenario', scenario: loadScenario(MINI) }, { endS: 240, sink: pub.sink });
    new SpatEmitter(run.intersections, run.controllers, [], pub.sink, run.envelopes, 1).attach(run.sim);
    await runPaced(run, new SystemClock(), { speed: 2400, tickMs: 10 });
    const sent = pub.published();
    for (let i = 0; i < 200 && received.length < sent; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received.length).toBe(sent);
    const kinds = new Set<string>();
    for (const { topic, payload } of received) {
      const parsed = parseMessage(payload);
      expect(parsed.ok, topic).toBe(true);
      if (!parsed.ok) continue;
      kinds.add(parsed.message.kind);
      const t = parseTopic(topic);
      expect(t?.deviceId).toBe(parsed.message.deviceId);
      if (parsed.message.kind === 'det.actuation') expect(t?.detail).toEqual(['act']);
    }
    for (const k of ['spat', 'det.actuation', 'det.report', 'bus.position']) expect(kinds).toContain(k);
  } finally {
    await pub.close();
    await sub.endAsync();
    await broker.close();
  }
});
