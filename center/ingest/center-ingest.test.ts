/**
 * @module center/ingest/center-ingest.test
 */
import { expect, test } from 'vitest';
import { VirtualClock, topicForMessage } from '../../core/index.ts';
import { Metrics } from '../metrics/index.ts';
import { MemoryStateStore } from '../state/index.ts';
import { CenterIngest, sampleBatch } from './index.ts';

const T = Date.UTC(2026, 2, 2, 8, 0, 0);
function setup(): { ingest: CenterIngest; store: MemoryStateStore; metrics: Metrics; clock: VirtualClock } {
  const clock = new VirtualClock(T);
  const store = new MemoryStateStore({ clock });
  const metrics = new Metrics();
  return { ingest: new CenterIngest({ store, clock, metrics }), store, metrics, clock };
}
const topic = (b: { region: string; deviceId: string }): string =>
  topicForMessage(b.region, { kind: 'edge.batch', deviceId: b.deviceId });

test('stores the link state and bus progress of an accepted batch', async () => {
  const { ingest, store } = setup();
  const batch = sampleBatch({ ts: T });
  expect(await ingest.handle(topic(batch), JSON.stringify(batch))).toMatchObject({ status: 'accepted' });
  expect(await store.get('link', 'L1')).toMatchObject({ speedKmh: 42, region: 'r1', edgeId: 'edge-r1' });
  expect(await store.get('vehicle', 'bus-1')).toMatchObject({ routeId: 'R1', region: 'r1' });
});

test('drops a redelivered batch as a duplicate', async () => {
  const { ingest } = setup();
  const batch = sampleBatch({ ts: T });
  await ingest.handle(topic(batch), JSON.stringify(batch));
  expect(await ingest.handle(topic(batch), JSON.stringify(batch))).toEqual({
    status: 'duplicate',
    batch: { id: batch.id, seq: batch.seq, edgeId: 'edge-r1', region: 'r1' },
  });
  expect(ingest.stats()).toMatchObject({ accepted: 1, duplicates: 1 });
});

test('reports missing batches per edge from sequence gaps; a late arrival fills its gap', async () => {
  const { ingest, metrics } = setup();
  for (const seq of [1, 2, 5, 3]) {
    const b = sampleBatch({ ts: T, seq });
    await ingest.handle(topic(b), JSON.stringify(b));
  }
  expect(ingest.stats().edges).toEqual([
    { sourceId: 'edge-r1', received: 4, missing: 1, late: 1, highestSeq: 5 },
  ]);
  // The counter counts gaps as they open (4 is still missing, 3 came late).
  expect(metrics.value('its_center_ingest_missing_batches_total', { edge: 'edge-r1' })).toBe(2);
});

test('counts bad input by reason and keeps going', async () => {
  const { ingest, store } = setup();
  const good = sampleBatch({ ts: T });
  const bad = [
    ['its/v1/r1/edge/edge-r1/up', '{not json'],
    ['its/v1/r1/edge/edge-r1/up', JSON.stringify({ ...good, id: 'x', seq: -1 })],
    ['its/v1/r1/edge/edge-r1/up', JSON.stringify({ ...good, kind: 'nope' })],
    ['its/v1/r1/edge/other-edge/up', JSON.stringify(good)],
    ['its/v1/r2/edge/edge-r1/up', JSON.stringify(good)],
    ['weather/today', JSON.stringify(good)],
    ['its/v1/r1/edge/edge-r1/up', JSON.stringify({ ...good, ts: T + 3_600_000 })],
  ] as const;
  const outcomes = await Promise.all(bad.map(([t, p]) => ingest.handle(t, p)));
  expect(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual([
    'not-json',
    'schema',
    'unknown-kind',
    'topic-mismatch',
    'topic-mismatch',
    'topic-mismatch',
    'future-timestamp',
  ]);
  expect(outcomes[1]).toMatchObject({ detail: expect.stringContaining('seq') });
  expect(await ingest.handle(topic(good), JSON.stringify(good))).toMatchObject({ status: 'accepted' });
  expect(await store.list('link')).toHaveLength(1);
  expect(ingest.stats().rejected).toEqual({
    'not-json': 1,
    schema: 1,
    'unknown-kind': 1,
    'topic-mismatch': 3,
    'future-timestamp': 1,
  });
});

test('keeps retained device status and resets the sequence on a restart', async () => {
  const { ingest, store } = setup();
  const status = {
    kind: 'status',
    id: 'status-0001',
    deviceId: 'edge-r1',
    seq: 0,
    ts: T,
    deviceKind: 'edge',
    online: false,
    reason: 'last-will',
    seqReset: true,
    firmware: null,
  };
  const outcome = await ingest.handle('its/v1/r1/status/edge-r1', JSON.stringify(status));
  expect(outcome).toMatchObject({ status: 'accepted', kind: 'status' });
  expect(await store.get('device', 'edge-r1')).toMatchObject({ online: false, region: 'r1' });
});
