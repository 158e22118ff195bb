/**
 * @module edge/uplink/forwarder.test
 * The forwarder holds batches while disconnected and resends them oldest first.
 */
import { test, expect } from 'vitest';
import { VirtualClock } from '../../core/index.ts';
import type { EdgeBatch } from '../../core/index.ts';
import type { UplinkAckNotice, UplinkTransport } from './index.ts';
import { MemoryUplinkStore, UplinkForwarder } from './index.ts';
import { sampleItem } from './uplink-store.contract.ts';

/** A transport whose PUBACKs and connection the test controls. */
class FakeTransport implements UplinkTransport {
  connected = false;
  readonly published: EdgeBatch[] = [];
  readonly #pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  #listener: (connected: boolean) => void = () => {};

  publish(_topic: string, payload: string): Promise<void> {
    this.published.push(JSON.parse(payload) as EdgeBatch);
    return new Promise((resolve, reject) => this.#pending.push({ resolve, reject }));
  }
  onConnectionChange(listener: (connected: boolean) => void): void {
    this.#listener = listener;
  }
  setConnected(connected: boolean): void {
    this.connected = connected;
    if (!connected) for (const p of this.#pending.splice(0)) p.reject(new Error('connection lost'));
    this.#listener(connected);
  }
  ackAll(): void {
    for (const p of this.#pending.splice(0)) p.resolve();
  }
}

function setup(): { forwarder: UplinkForwarder; transport: FakeTransport; store: MemoryUplinkStore } {
  const transport = new FakeTransport();
  const store = new MemoryUplinkStore();
  const forwarder = new UplinkForwarder({
    store,
    transport,
    clock: new VirtualClock(Date.UTC(2026, 10, 26)),
    edgeId: 'edge1',
    region: 'r1',
    maxItemsPerBatch: 2,
    maxInflight: 2,
  });
  return { forwarder, transport, store };
}

const seqs = (batches: readonly EdgeBatch[]): number[] => batches.map((b) => b.seq);
const flushTicks = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

test('holds batches while the center is unreachable and sends them in order on connect', async () => {
  const { forwarder, transport, store } = setup();
  forwarder.enqueue([1, 2, 3, 4, 5, 6, 7].map(sampleItem));
  forwarder.flush();
  expect(transport.published).toEqual([]);
  transport.setConnected(true);
  for (let i = 0; i < 4; i++) {
    transport.ackAll();
    await flushTicks();
  }
  expect(seqs(transport.published)).toEqual([1, 2, 3, 4]);
  expect(transport.published.flatMap((b) => b.items).map((i) => i.type === 'alarm' && i.alarmId)).toEqual([
    'a1',
    'a2',
    'a3',
    'a4',
    'a5',
    'a6',
    'a7',
  ]);
  expect(store.batchCount()).toBe(0);
  expect(transport.published[0]).toMatchObject({ kind: 'edge.batch', deviceId: 'edge1', region: 'r1' });
});

test('resends everything unacknowledged, oldest first, after a connection loss', async () => {
  const { forwarder, transport, store } = setup();
  transport.setConnected(true);
  forwarder.enqueue([1, 2, 3, 4, 5, 6].map(sampleItem));
  forwarder.flush();
  expect(seqs(transport.published)).toEqual([1, 2]);
  transport.setConnected(false);
  await flushTicks();
  expect(store.batchCount()).toBe(3);
  transport.setConnected(true);
  for (let i = 0; i < 3; i++) {
    transport.ackAll();
    await flushTicks();
  }
  expect(seqs(transport.published)).toEqual([1, 2, 1, 2, 3]);
  expect(new Set(transport.published.map((b) => b.id)).size).toBe(3);
  expect(forwarder.stats()).toMatchObject({ acknowledged: 3, resent: 2, queuedBatches: 0 });
});

/** A transport that also carries the center's `uplink.ack`s (end-to-end acknowledgement). */
class AckingTransport extends FakeTransport {
  #ack: (ack: UplinkAckNotice) => void = () => {};
  onAck(listener: (ack: UplinkAckNotice) => void): void {
    this.#ack = listener;
  }
  centerAck(batch: EdgeBatch): void {
    this.#ack({ batchSeq: batch.seq, batchId: batch.id });
  }
}

function setupEndToEnd(): {
  forwarder: UplinkForwarder;
  transport: AckingTransport;
  store: MemoryUplinkStore;
  clock: VirtualClock;
} {
  const transport = new AckingTransport();
  const store = new MemoryUplinkStore();
  const clock = new VirtualClock(Date.UTC(2026, 10, 26));
  const forwarder = new UplinkForwarder({
    store,
    transport,
    clock,
    edgeId: 'edge1',
    region: 'r1',
    maxItemsPerBatch: 2,
    maxInflight: 2,
    ackTimeoutMs: 10_000,
  });
  return { forwarder, transport, store, clock };
}

test('end to end: a batch the broker took stays queued until the center acknowledges storing it', async () => {
  const { forwarder, transport, store } = setupEndToEnd();
  transport.setConnected(true);
  forwarder.enqueue([1, 2, 3, 4, 5, 6].map(sampleItem));
  forwarder.flush();
  transport.ackAll(); // PUBACKs from the broker
  await flushTicks();
  expect(seqs(transport.published)).toEqual([1, 2]);
  expect(store.batchCount()).toBe(3);

  const [first, second] = transport.published;
  if (first === undefined || second === undefined) throw new Error('nothing published');
  transport.centerAck(first);
  transport.centerAck(first); // a repeated acknowledgement changes nothing
  expect(seqs(transport.published)).toEqual([1, 2, 3]);
  transport.centerAck(second);
  const third = transport.published[2];
  if (third === undefined) throw new Error('third batch not sent');
  transport.centerAck(third);
  expect(store.batchCount()).toBe(0);
  expect(forwarder.stats()).toMatchObject({ acknowledged: 3, unknownAcks: 1, ackTimeouts: 0 });
});

test('end to end: when the center does not answer in time, everything unacknowledged goes again in order', async () => {
  const { forwarder, transport, store, clock } = setupEndToEnd();
  transport.setConnected(true);
  forwarder.enqueue([1, 2, 3, 4].map(sampleItem));
  forwarder.flush();
  transport.ackAll();
  await flushTicks();
  expect(seqs(transport.published)).toEqual([1, 2]);

  // The broker took both, then lost them (restarted in memory): no acknowledgement from the center.
  clock.advance(9_000);
  forwarder.flush();
  expect(seqs(transport.published)).toEqual([1, 2]);
  clock.advance(2_000);
  forwarder.flush();
  expect(seqs(transport.published)).toEqual([1, 2, 1, 2]);
  expect(forwarder.stats().ackTimeouts).toBe(1);
  for (const b of transport.published.slice(2)) transport.centerAck(b);
  expect(store.batchCount()).toBe(0);
  expect(forwarder.stats()).toMatchObject({ acknowledged: 2, resent: 2, queuedBatches: 0 });
});
