/**
 * @module center/adapters/redis/redis-state-store.int.test
 * The Redis store passes the shared state-store contract against the real Redis (REDIS_URL or
 * 127.0.0.1:6379). Each store gets its own key prefix so parallel runs never collide.
 */
import { afterAll, expect, test } from 'vitest';
import type { StateUpdate } from '../../state/index.ts';
import { runStateStoreContract, sampleSegmentTime, sampleVehicle } from '../../state/testing/index.ts';
import { RedisStateStore } from './index.ts';
import { TestPrefixes } from './testing.ts';

const prefixes = new TestPrefixes();
const freshPrefix = (): string => prefixes.fresh();
afterAll(() => prefixes.purge());

runStateStoreContract({
  create: () => RedisStateStore.connect({ prefix: freshPrefix() }),
  createPeers: async () => {
    const prefix = freshPrefix();
    return [await RedisStateStore.connect({ prefix }), await RedisStateStore.connect({ prefix })] as const;
  },
});

test("the writer's listeners get each committed update with its JSON, as the announcement carries it", async () => {
  const store = await RedisStateStore.connect({ prefix: freshPrefix() });
  try {
    const seen: { updates: readonly StateUpdate[]; texts: readonly string[] | undefined }[] = [];
    store.subscribe((updates, texts) => seen.push({ updates, texts }));
    const vehicle = sampleVehicle({ vehicleId: 'bus-"7"', routeId: '한국 R1' });
    expect(
      await store.commit({
        dedup: { id: 'json-1', ttlMs: 60_000 },
        puts: [{ collection: 'vehicle', records: [vehicle] }],
      }),
    ).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.texts).toEqual([
      JSON.stringify({ op: 'put', collection: 'vehicle', id: 'bus-"7"', value: vehicle }),
    ]);
  } finally {
    await store.close();
  }
});

test('one script call of several changes skips a seen one and applies the rest, multi-byte text intact', async () => {
  const store = await RedisStateStore.connect({ prefix: freshPrefix() });
  try {
    const v = (n: number) =>
      sampleVehicle({ vehicleId: `bus-${n}`, routeId: `노선-${n}`, lon: 127 + n / 100 });
    expect(await store.commit({ dedup: { id: 'seen-2', ttlMs: 60_000 }, puts: [] })).toBe(true);
    const segment = { ...sampleSegmentTime(), routeId: '강남 01' };
    const results = await Promise.all([
      store.commit({
        dedup: { id: 'seen-1', ttlMs: 60_000 },
        puts: [{ collection: 'vehicle', records: [v(1)] }],
      }),
      store.commit({
        dedup: { id: 'seen-2', ttlMs: 60_000 },
        puts: [{ collection: 'vehicle', records: [v(2)] }],
        appends: [{ stream: 'segmentTime', records: [segment] }],
      }),
      store.commit({
        dedup: { id: 'seen-3', ttlMs: 60_000 },
        puts: [{ collection: 'vehicle', records: [v(3)] }],
        appends: [{ stream: 'segmentTime', records: [segment] }],
      }),
    ]);
    expect(results).toEqual([true, false, true]);
    expect(await store.get('vehicle', 'bus-1')).toEqual(v(1));
    expect(await store.get('vehicle', 'bus-2')).toBeNull();
    expect(await store.get('vehicle', 'bus-3')).toEqual(v(3));
    expect(await store.recent('segmentTime', 5)).toEqual([segment]);
    expect((await store.nearby('vehicle', 127.03, v(3).lat, 10)).map((h) => h.id)).toEqual(['bus-3']);
  } finally {
    await store.close();
  }
});
