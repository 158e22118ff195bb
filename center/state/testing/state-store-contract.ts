/**
 * @module center/state/testing/state-store-contract
 * The shared contract every {@link StateStore} must pass (STYLE.md §5; Hono `common.case.test.ts`).
 * Call `runStateStoreContract({ create })` from an implementation's test file.
 */
import { afterEach, expect, test } from 'vitest';
import type { StateStore, StateUpdate } from '../index.ts';
import {
  sampleIncident,
  sampleLink,
  sampleSegmentTime,
  sampleSignMessage,
  sampleStop,
  sampleVehicle,
} from './sample-records.ts';

/** How the contract obtains stores. */
export type StateStoreContractOptions = {
  /** A new, empty store. */
  readonly create: () => Promise<StateStore>;
  /** Two instances sharing one backing state, when the implementation supports sharing. */
  readonly createPeers?: () => Promise<readonly [StateStore, StateStore]>;
};

/** Poll until `check` passes or 5 s elapse. */
export async function eventually(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Define the contract tests in the calling test file. */
export function runStateStoreContract(options: StateStoreContractOptions): void {
  const open: StateStore[] = [];
  const make = async (): Promise<StateStore> => {
    const s = await options.create();
    open.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  test('keeps the latest record per id and lists a collection', async () => {
    const store = await make();
    await store.put('link', [sampleLink({ speedKmh: 40 }), sampleLink({ linkId: 'L2', region: 'r2' })]);
    await store.put('link', [sampleLink({ speedKmh: 12 })]);
    expect((await store.get('link', 'L1'))?.speedKmh).toBe(12);
    expect((await store.list('link')).map((l) => l.linkId).sort()).toEqual(['L1', 'L2']);
    expect((await store.list('link', { region: 'r2' })).map((l) => l.linkId)).toEqual(['L2']);
    expect(await store.get('link', 'nope')).toBeNull();
  });

  test('collections are separate and records round-trip unchanged', async () => {
    const store = await make();
    const incident = sampleIncident({ lanes: [0, 1] });
    await store.put('incident', [incident]);
    await store.put('sign', [sampleSignMessage()]);
    expect(await store.get('incident', 'inc-1')).toEqual(incident);
    expect(await store.list('link')).toEqual([]);
    expect(await store.list('sign')).toEqual([sampleSignMessage()]);
  });

  test('deletes a record and reports whether it existed', async () => {
    const store = await make();
    await store.put('incident', [sampleIncident()]);
    expect(await store.delete('incident', 'inc-1')).toBe(true);
    expect(await store.delete('incident', 'inc-1')).toBe(false);
    expect(await store.get('incident', 'inc-1')).toBeNull();
  });

  test('finds vehicles and stops near a point, nearest first', async () => {
    const store = await make();
    await store.put('vehicle', [
      sampleVehicle({ vehicleId: 'far', lon: 127.1, lat: 37.5 }),
      sampleVehicle({ vehicleId: 'near', lon: 126.9785, lat: 37.5665 }),
      sampleVehicle({ vehicleId: 'here', lon: 126.978, lat: 37.5665 }),
    ]);
    const hits = await store.nearby('vehicle', 126.978, 37.5665, 500);
    expect(hits.map((h) => h.id)).toEqual(['here', 'near']);
    expect(hits[1]?.distanceM).toBeGreaterThan(30);
    expect(hits[1]?.distanceM).toBeLessThan(60);
    await store.put('stop', [sampleStop()]);
    expect((await store.nearby('stop', 126.978, 37.5666, 100)).map((h) => h.id)).toEqual(['S1']);
    await store.delete('vehicle', 'here');
    expect((await store.nearby('vehicle', 126.978, 37.5665, 500)).map((h) => h.id)).toEqual(['near']);
  });

  test('a moved vehicle is found at its new position only', async () => {
    const store = await make();
    await store.put('vehicle', [sampleVehicle({ lon: 126.978, lat: 37.5665 })]);
    await store.put('vehicle', [sampleVehicle({ lon: 127.05, lat: 37.5 })]);
    expect(await store.nearby('vehicle', 126.978, 37.5665, 1000)).toEqual([]);
    expect((await store.nearby('vehicle', 127.05, 37.5, 10)).map((h) => h.id)).toEqual(['bus-1']);
  });

  test('returns the most recent history, oldest first', async () => {
    const store = await make();
    const records = Array.from({ length: 5 }, (_, i) => sampleSegmentTime({ travelTimeS: 60 + i }));
    await store.append('segmentTime', records.slice(0, 2));
    await store.append('segmentTime', records.slice(2));
    expect((await store.recent('segmentTime', 3)).map((r) => r.travelTimeS)).toEqual([62, 63, 64]);
    expect(await store.recent('segmentTime', 10)).toHaveLength(5);
    expect(await store.recent('stopEvent', 10)).toEqual([]);
  });

  test('a message id is new once and a duplicate after', async () => {
    const store = await make();
    expect(await store.markSeen('msg-0001', 60_000)).toBe(true);
    expect(await store.markSeen('msg-0001', 60_000)).toBe(false);
    expect(await store.markSeen('msg-0002', 60_000)).toBe(true);
  });

  test('announces puts, deletes and appends to subscribers in order', async () => {
    const store = await make();
    const seen: StateUpdate[] = [];
    const off = store.subscribe((u) => seen.push(...u));
    await store.put('link', [sampleLink()]);
    await store.delete('link', 'L1');
    await store.delete('link', 'L1');
    await store.append('segmentTime', [sampleSegmentTime()]);
    await eventually(() => seen.length >= 3, 'three updates');
    expect(seen.map((u) => u.op)).toEqual(['put', 'delete', 'append']);
    expect(seen[0]).toMatchObject({ collection: 'link', id: 'L1', value: { speedKmh: 45 } });
    off();
    await store.put('link', [sampleLink()]);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(3);
  });

  test('a committed change is applied once per dedup id and announced as one batch', async () => {
    const store = await make();
    const batches: (readonly StateUpdate[])[] = [];
    const texts: (readonly string[] | undefined)[] = [];
    store.subscribe((u, t) => {
      batches.push(u);
      texts.push(t);
    });
    const change = {
      dedup: { id: 'batch-0001', ttlMs: 60_000 },
      puts: [
        { collection: 'link' as const, records: [sampleLink()] },
        { collection: 'vehicle' as const, records: [sampleVehicle()] },
      ],
      appends: [{ stream: 'segmentTime' as const, records: [sampleSegmentTime()] }],
    };
    expect(await store.commit(change)).toBe(true);
    expect(await store.commit(change)).toBe(false);
    await eventually(() => batches.length >= 1, 'one batch');
    await new Promise((r) => setTimeout(r, 30));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((u) => u.op)).toEqual(['put', 'put', 'append']);
    // The store's own JSON of the updates, where it gives it, is each update as JSON.
    if (texts[0] !== undefined) expect(texts[0].map((t) => JSON.parse(t) as unknown)).toEqual(batches[0]);
    expect((await store.get('vehicle', 'bus-1'))?.routeId).toBe('R1');
    expect((await store.nearby('vehicle', 126.978, 37.5665, 10)).map((h) => h.id)).toEqual(['bus-1']);
    expect(await store.recent('segmentTime', 5)).toHaveLength(1);
    expect(await store.markSeen('batch-0001', 60_000)).toBe(false);
  });

  test('changes committed together keep their order: the later write of an id wins', async () => {
    const store = await make();
    const at = (lon: number, n: number) => ({
      dedup: { id: `order-${n}`, ttlMs: 60_000 },
      puts: [{ collection: 'vehicle' as const, records: [sampleVehicle({ lon, lat: 37.5, speedMps: n })] }],
    });
    const changes = [at(127.0, 1), at(127.1, 2), at(127.2, 3), at(127.1, 2)];
    const results = await Promise.all(changes.map((c) => store.commit(c)));
    expect(results).toEqual([true, true, true, false]);
    expect((await store.get('vehicle', 'bus-1'))?.speedMps).toBe(3);
    expect((await store.nearby('vehicle', 127.2, 37.5, 100)).map((h) => h.id)).toEqual(['bus-1']);
    expect(await store.nearby('vehicle', 127.1, 37.5, 100)).toEqual([]);
  });

  if (options.createPeers !== undefined) {
    const createPeers = options.createPeers;
    test('two instances share state and each sees the other’s updates', async () => {
      const [a, b] = await createPeers();
      open.push(a, b);
      const seenByB: StateUpdate[] = [];
      b.subscribe((u) => seenByB.push(...u));
      await a.put('vehicle', [sampleVehicle()]);
      await eventually(() => seenByB.length === 1, 'update at B');
      expect(seenByB[0]).toMatchObject({ op: 'put', collection: 'vehicle', id: 'bus-1' });
      expect((await b.get('vehicle', 'bus-1'))?.routeId).toBe('R1');
      expect(await a.markSeen('shared-id-1', 60_000)).toBe(true);
      expect(await b.markSeen('shared-id-1', 60_000)).toBe(false);
    });

    test('a change committed by one instance reaches both instances’ listeners once, in one batch', async () => {
      const [a, b] = await createPeers();
      open.push(a, b);
      const atA: (readonly StateUpdate[])[] = [];
      const atB: (readonly StateUpdate[])[] = [];
      a.subscribe((u) => atA.push(u));
      b.subscribe((u) => atB.push(u));
      const change = {
        dedup: { id: 'peer-batch-1', ttlMs: 60_000 },
        puts: [{ collection: 'vehicle' as const, records: [sampleVehicle({ vehicleId: 'bus-9' })] }],
        appends: [{ stream: 'segmentTime' as const, records: [sampleSegmentTime()] }],
      };
      expect(await a.commit(change)).toBe(true);
      expect(await b.commit(change)).toBe(false);
      await eventually(() => atA.length >= 1 && atB.length >= 1, 'the batch at A and at B');
      await new Promise((r) => setTimeout(r, 50));
      for (const seen of [atA, atB]) {
        expect(seen).toHaveLength(1);
        expect(seen[0]?.map((u) => u.op)).toEqual(['put', 'append']);
        expect(seen[0]?.[0]).toMatchObject({ collection: 'vehicle', id: 'bus-9', value: { routeId: 'R1' } });
      }
    });
  }
}
