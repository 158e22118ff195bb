/**
 * @module center/ingest/uplink-acks.test
 * A stored batch (first time or again) is answered with a valid `uplink.ack` on the edge's command
 * topic; the batches of one edge stored in one turn share one acknowledgement, other edges get their
 * own; status messages and rejected input get no answer; a failed publish is counted, not thrown.
 */
import { expect, test } from 'vitest';
import { ackedBatches, parseMessageValue, VirtualClock, type UplinkAck } from '../../core/index.ts';
import { MemoryStateStore } from '../state/index.ts';
import { Metrics } from '../metrics/index.ts';
import { CenterIngest } from './center-ingest.ts';
import { sampleBatch } from './sample-batch.ts';
import { UplinkAcks } from './uplink-acks.ts';

const T = Date.UTC(2026, 10, 27, 3, 0, 0);

/** An in-memory center's ingest and its acknowledgements, every ack published kept. */
function centerWithAcks() {
  const clock = new VirtualClock(T);
  const ingest = new CenterIngest({ store: new MemoryStateStore({ clock }), clock, metrics: new Metrics() });
  const published: { topic: string; payload: string }[] = [];
  const acks = new UplinkAcks({
    centerId: 'center-a',
    clock,
    publish: async (topic, payload) => {
      published.push({ topic, payload });
    },
  });
  return { ingest, acks, published };
}

test('answers an accepted and a duplicate batch, and nothing else', async () => {
  const { ingest, acks, published } = centerWithAcks();
  const batch = sampleBatch({ ts: T, seq: 9 });
  const topic = `its/v1/${batch.region}/edge/${batch.deviceId}/up`;
  await acks.answer(await ingest.handle(topic, JSON.stringify(batch)));
  await acks.answer(await ingest.handle(topic, JSON.stringify(batch)));
  await acks.answer(await ingest.handle(topic, '{"kind":"edge.batch"'));
  await acks.answer(await ingest.handle('its/v1/r1/up', JSON.stringify(batch)));

  expect(published.map((p) => p.topic)).toEqual([
    `its/v1/${batch.region}/cmd/${batch.deviceId}/up`,
    `its/v1/${batch.region}/cmd/${batch.deviceId}/up`,
  ]);
  const parsed = published.map((p) => parseMessageValue(JSON.parse(p.payload)));
  expect(parsed.map((r) => r.ok && r.message)).toMatchObject([
    { kind: 'uplink.ack', deviceId: 'center-a', batchId: batch.id, batchSeq: 9, status: 'accepted' },
    { kind: 'uplink.ack', deviceId: 'center-a', batchId: batch.id, batchSeq: 9, status: 'duplicate' },
  ]);
  expect(acks.stats()).toEqual({ sent: 2, failed: 0, batches: 2 });
});

test('a publish that fails is counted and reported, never thrown', async () => {
  const clock = new VirtualClock(T);
  const errors: unknown[] = [];
  const acks = new UplinkAcks({
    centerId: 'center-a',
    clock,
    publish: () => Promise.reject(new Error('not connected')),
    onError: (e) => errors.push(e),
  });
  const b = sampleBatch({ ts: T });
  const ref = { id: b.id, seq: b.seq, edgeId: b.deviceId, region: b.region };
  await acks.answer({ status: 'accepted', kind: 'edge.batch', missing: 0, batch: ref });
  expect(acks.stats()).toEqual({ sent: 0, failed: 1, batches: 0 });
  expect(errors).toHaveLength(1);
});

test('batches of one edge stored in the same turn share one acknowledgement; another edge gets its own', async () => {
  const { ingest, acks, published } = centerWithAcks();
  const mine = [3, 4, 5].map((seq) => sampleBatch({ ts: T, seq, edgeId: 'edge-a' }));
  const other = sampleBatch({ ts: T, seq: 1, edgeId: 'edge-b' });
  const topicOf = (b: typeof other): string => `its/v1/${b.region}/edge/${b.deviceId}/up`;
  // Stored once before: its resend in the turn is acknowledged as a duplicate with the others.
  await ingest.handle(topicOf(mine[0]!), JSON.stringify(mine[0]));
  const outcomes = await Promise.all(
    [...mine, other].map((b) => ingest.handle(topicOf(b), JSON.stringify(b))),
  );
  await Promise.all(outcomes.map((o) => acks.answer(o)));

  expect(published.map((p) => p.topic)).toEqual([
    `its/v1/${other.region}/cmd/edge-a/up`,
    `its/v1/${other.region}/cmd/edge-b/up`,
  ]);
  const messages = published.map((p) => {
    const r = parseMessageValue(JSON.parse(p.payload));
    if (!r.ok || r.message.kind !== 'uplink.ack') throw new Error(`not an ack: ${p.payload}`);
    return r.message satisfies UplinkAck;
  });
  expect(ackedBatches(messages[0]!)).toEqual([
    { batchId: mine[0]!.id, batchSeq: 3, status: 'duplicate' },
    { batchId: mine[1]!.id, batchSeq: 4, status: 'accepted' },
    { batchId: mine[2]!.id, batchSeq: 5, status: 'accepted' },
  ]);
  expect(messages[1]).not.toHaveProperty('more');
  expect(ackedBatches(messages[1]!)).toEqual([{ batchId: other.id, batchSeq: 1, status: 'accepted' }]);
  expect(acks.stats()).toEqual({ sent: 2, failed: 0, batches: 4 });
});
