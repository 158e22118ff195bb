/**
 * @module center/state/memory-store.test
 * The in-process store passes the shared state-store contract.
 */
import { expect, test } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import { MemoryStateStore } from './index.ts';
import { runStateStoreContract } from './testing/index.ts';

runStateStoreContract({ create: async () => new MemoryStateStore({ clock: new VirtualClock(0) }) });

test('a message id may be handled again after its time to live', async () => {
  const clock = new VirtualClock(1_000);
  const store = new MemoryStateStore({ clock });
  expect(await store.markSeen('msg-0001', 1_000)).toBe(true);
  clock.advance(1_001);
  expect(await store.markSeen('msg-0001', 1_000)).toBe(true);
});

test('history is capped at the history limit', async () => {
  const store = new MemoryStateStore({ clock: new VirtualClock(0), historyLimit: 2 });
  const base = { routeId: 'R', fromStopId: 'a', toStopId: 'b', vehicleId: 'v', departedAt: 0, region: 'r' };
  await store.append(
    'segmentTime',
    [1, 2, 3].map((travelTimeS) => ({ ...base, travelTimeS })),
  );
  expect((await store.recent('segmentTime', 10)).map((r) => r.travelTimeS)).toEqual([2, 3]);
});
