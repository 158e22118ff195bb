import mqtt from 'mqtt';
import { test, expect } from 'vitest';
import type { EdgeBatch } from '../../../core/index.ts';
import { startEmbeddedBroker, type MessageBroker } from '../../../broker/index.ts';
import { startTestDemo, simulatedDelay } from '../testing/in-process-demo.ts';

const SPEED = 10;

test('broker restarted mid-run: devices, controllers and edges reconnect and traffic resumes end to end', async () => {
  const { demo } = await startTestDemo(SPEED, { regions: ['gangnam'] });
  const edge = demo.edges[0];
  if (edge === undefined) throw new Error('no edge');
  const seqs: number[] = [];
  let spatAfterRestart = 0;
  let restarted = false;
  const observer = mqtt.connect(demo.broker.url, {
    clientId: `observer-${process.pid}`,
    protocolVersion: 4,
    reconnectPeriod: 100,
  });
  observer.on('error', () => {});
  observer.on('message', (topic, payload) => {
    if (topic.endsWith('/up')) seqs.push((JSON.parse(payload.toString()) as EdgeBatch).seq);
    else if (restarted) spatAfterRestart++;
  });
  let second: MessageBroker | null = null;
  try {
    await new Promise<void>((resolve) => observer.once('connect', () => resolve()));
    await observer.subscribeAsync({ 'its/v1/+/edge/+/up': { qos: 1 }, 'its/v1/gangnam/spat/#': { qos: 0 } });
    await expect.poll(() => seqs.length, { timeout: 60_000 }).toBeGreaterThan(2);
    const acceptedBefore = edge.stats().node.ingest.accepted;

    const port = demo.broker.port;
    await demo.broker.close();
    await simulatedDelay(demo, 20_000);
    second = await startEmbeddedBroker({ port, whenPortTaken: 'fail' });
    restarted = true;

    // Field messages flow again into the edge, SPaT again out of the controllers.
    await expect
      .poll(() => edge.stats().node.ingest.accepted, { timeout: 60_000 })
      .toBeGreaterThan(acceptedBefore + 10);
    await expect.poll(() => spatAfterRestart, { timeout: 60_000 }).toBeGreaterThan(0);
    // Uplink batches flow to the center again. Batches the new broker acknowledges before the
    // center has re-subscribed reach no subscriber: the uplink deletes on PUBACK, and an in-memory
    // broker forgets the center's session on restart, so the center's sequence tracker may count a
    // gap here. That gap is reported, not asserted, until acknowledgement is end to end.
    const atCenter = () => demo.center.ingest.stats().edges.find((s) => s.sourceId === edge.edgeId);
    const lastBefore = Math.max(...seqs);
    await expect
      .poll(() => atCenter()?.highestSeq ?? -1, { timeout: 60_000 })
      .toBeGreaterThan(lastBefore + 3);
    console.log(`broker restart: uplink batches missing at the center: ${atCenter()?.missing ?? 'n/a'}`);
  } finally {
    await observer.endAsync(true);
    await demo.close();
    await second?.close();
  }
}, 300_000);
