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
    // Uplink batches flow to the center again, and none is missing: batches the new broker took
    // before the center re-subscribed reached no one, but the edge deletes a batch only on the
    // center's uplink.ack, so it sends them again after its acknowledgement timeout.
    const atCenter = () => demo.center.ingest.stats().edges.find((s) => s.sourceId === edge.edgeId);
    const lastBefore = Math.max(...seqs);
    await expect
      .poll(() => atCenter()?.highestSeq ?? -1, { timeout: 60_000 })
      .toBeGreaterThan(lastBefore + 3);
    await expect.poll(() => edge.stats().uplink.queuedBatches, { timeout: 120_000 }).toBeLessThan(3);
    // A batch lost with the old broker may still be among those queued, waiting for its resend
    // after the acknowledgement timeout: its gap at the center closes when it arrives.
    await expect.poll(() => atCenter()?.missing, { timeout: 120_000 }).toBe(0);
  } finally {
    await observer.endAsync(true);
    await demo.close();
    await second?.close();
  }
}, 300_000);
