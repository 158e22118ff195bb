/**
 * @module controllers/adapters/mqtt/spat-publisher.int.test
 * Integration: SPaT published over a real MQTT broker matches the controllers state tick by tick.
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { VirtualClock, parseMessage, type Spat } from '../../../core/index.ts';
import { createController } from '../../index.ts';
import { ControllerRuntime, movementPhaseStateOf } from '../../runtime/index.ts';
import { nemaIntersection, stageIntersection } from '../../testing/index.ts';
import { connectSpatPublisher, type SpatPublisher } from './index.ts';
import { startBroker, type Broker } from './test-broker.ts';

let broker: Broker;
let publisher: SpatPublisher;

beforeAll(async () => {
  broker = await startBroker();
});

afterAll(async () => {
  await publisher?.close();
  await broker?.stop();
});

test('SPaT received over a real MQTT broker matches the controllers state at each 10 Hz tick', async () => {
  const controllers = [createController(nemaIntersection()), createController(stageIntersection())];
  publisher = connectSpatPublisher({
    url: broker.url,
    clientId: 'ctl-spat-test',
    regions: new Map(controllers.map((c) => [c.intersectionId, 'r1'])),
  });
  await publisher.connected;
  const sub = mqtt.connect(broker.url, { protocolVersion: 4 });
  await new Promise<void>((r) => sub.on('connect', () => r()));
  await sub.subscribeAsync('its/v1/r1/spat/#');
  const received: Spat[] = [];
  sub.on('message', (_topic, payload) => {
    const r = parseMessage(payload);
    if (r.ok && r.message.kind === 'spat') received.push(r.message);
  });
  const clock = new VirtualClock(1_780_000_000_000);
  const runtime = new ControllerRuntime(controllers, clock, { publish: (m) => publisher.publish(m) });
  runtime.start();
  for (let tick = 0; tick < 300; tick++) {
    clock.advance(100);
    // The clock stands still until this tick's messages arrive, so the controllers' state is the one sent.
    while (received.length < 2 * (tick + 2)) await new Promise((r) => setTimeout(r, 1));
    for (const c of controllers) {
      const spat = received.filter((s) => s.intersectionId === c.intersectionId).at(-1);
      expect(spat?.ts).toBe(clock.now());
      expect(spat?.mode).toBe(c.mode);
      expect(spat?.planId).toBe(c.planId);
      expect(spat?.groups.map((g) => g.state)).toEqual(c.signalGroupStates().map(movementPhaseStateOf));
      expect(spat?.groups.map((g) => g.minEndTime)).toEqual(c.signalGroupStates().map((g) => g.minEndMs));
    }
  }
  runtime.stop();
  const seqs = received.filter((s) => s.intersectionId === 'x-nema').map((s) => s.seq);
  expect(seqs).toEqual(seqs.map((_, i) => i));
  await sub.endAsync();
}, 30_000);
