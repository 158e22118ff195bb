/**
 * @module edge/uplink/forwarder-prompt.test
 * The forwarder's prompt lane on a virtual clock: a bus's progress leaves within the prompt window,
 * summaries alone keep the flush period, order and end-to-end acknowledgement hold across an outage,
 * and the items of one event-loop turn are written to the store together.
 */
import { describe, expect, test } from 'vitest';
import { ConfigError, VirtualClock } from '../../core/index.ts';
import type { EdgeBatch, UplinkItem } from '../../core/index.ts';
import type { UplinkAckNotice, UplinkTransport } from './index.ts';
import { MemoryUplinkStore, UplinkForwarder } from './index.ts';

const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);

function linkState(linkId: string): UplinkItem {
  return {
    type: 'link-state',
    linkId,
    intervalStart: T0 - 30_000,
    intervalS: 30,
    flowVph: 800,
    densityVpkm: 18,
    speedKmh: 40,
    occupancyPct: 10,
    source: 'detector',
  };
}

function busProgress(vehicleId: string, at: number): UplinkItem {
  return {
    type: 'bus-progress',
    vehicleId,
    routeId: 'R1',
    tripId: 'T1',
    at,
    lat: 37.5665,
    lon: 126.978,
    speedMps: 7,
    distanceM: 500,
    scheduleDeviationS: 0,
    lastStopId: 'S1',
    nextStopId: 'S2',
    onRoute: true,
    passengers: null,
  };
}

/** What an item is called in the assertions: its link or vehicle. */
const label = (item: UplinkItem): string =>
  item.type === 'link-state' ? item.linkId : item.type === 'bus-progress' ? item.vehicleId : item.type;

/** A connection to the center whose state the test sets; the center's `uplink.ack`s are sent by hand. */
class CenterLink implements UplinkTransport {
  connected = true;
  /** Batches in publish order, with the clock time they left. */
  readonly published: { batch: EdgeBatch; atMs: number }[] = [];
  #connection: (connected: boolean) => void = () => {};
  #ack: (ack: UplinkAckNotice) => void = () => {};

  constructor(readonly clock: VirtualClock) {}

  publish(_topic: string, payload: string): Promise<void> {
    this.published.push({ batch: JSON.parse(payload) as EdgeBatch, atMs: this.clock.now() });
    return Promise.resolve();
  }
  onConnectionChange(listener: (connected: boolean) => void): void {
    this.#connection = listener;
  }
  onAck(listener: (ack: UplinkAckNotice) => void): void {
    this.#ack = listener;
  }
  setConnected(connected: boolean): void {
    this.connected = connected;
    this.#connection(connected);
  }
  /** The center stored every batch published so far (again, for a repeat). */
  ackAll(): void {
    for (const { batch } of this.published.splice(0)) this.#ack({ batchSeq: batch.seq, batchId: batch.id });
  }
}

function setup(promptWindowMs?: number | null) {
  const clock = new VirtualClock(T0);
  const store = new MemoryUplinkStore();
  const link = new CenterLink(clock);
  const forwarder = new UplinkForwarder({
    store,
    transport: link,
    clock,
    edgeId: 'edge1',
    region: 'r1',
    flushIntervalMs: 1000,
    ...(promptWindowMs === undefined ? {} : { promptWindowMs }),
  });
  return { clock, store, link, forwarder };
}

describe('prompt lane', () => {
  test('a bus progress leaves within the 50 ms window; link states alone wait for the 1 s flush', () => {
    const { clock, link, forwarder } = setup();
    forwarder.start();
    clock.advance(10);
    forwarder.enqueue([linkState('L1')]);
    clock.advance(500);
    expect(link.published).toEqual([]);
    clock.advanceTo(T0 + 1000);
    expect(link.published.map((p) => [p.atMs - T0, p.batch.items.map(label)])).toEqual([[1000, ['L1']]]);
    clock.advanceTo(T0 + 1200);
    forwarder.enqueue([busProgress('bus-1', clock.now())]);
    clock.advance(49);
    expect(link.published).toHaveLength(1);
    clock.advance(1);
    expect(link.published.map((p) => [p.atMs - T0, p.batch.items.map(label)])).toEqual([
      [1000, ['L1']],
      [1250, ['bus-1']],
    ]);
    expect(forwarder.stats()).toMatchObject({ promptSeals: 1, pendingItems: 0 });
  });

  test('reports inside one window share a batch, with what was pending before them, in order', () => {
    const { clock, link, forwarder } = setup();
    forwarder.start();
    clock.advance(100);
    forwarder.enqueue([linkState('L1')]);
    forwarder.enqueue([busProgress('bus-1', clock.now())]);
    clock.advance(20);
    forwarder.enqueue([busProgress('bus-2', clock.now()), linkState('L2')]);
    clock.advance(30);
    expect(link.published.map((p) => [p.atMs - T0, p.batch.seq, p.batch.items.map(label)])).toEqual([
      [150, 1, ['L1', 'bus-1', 'bus-2', 'L2']],
    ]);
    // The flush period goes on: nothing is pending at 1 s, so no empty batch.
    clock.advanceTo(T0 + 1000);
    expect(link.published).toHaveLength(1);
  });

  test('order and end-to-end acknowledgement hold across an outage; no prompt batches while away', () => {
    const { clock, store, link, forwarder } = setup();
    forwarder.start();
    clock.advance(100);
    forwarder.enqueue([busProgress('bus-1', clock.now())]);
    clock.advance(50);
    expect(link.published.map((p) => p.batch.seq)).toEqual([1]);
    // The center's broker goes away before the center answers batch 1.
    link.setConnected(false);
    const sentBeforeOutage = link.published.splice(0);
    for (let s = 0; s < 3; s++) {
      for (let k = 0; k < 10; k++) {
        clock.advance(100);
        forwarder.enqueue([busProgress(`bus-${s}-${k}`, clock.now())]);
      }
    }
    forwarder.enqueue([linkState('L9')]);
    // While away, only the flush period seals: one batch per second, as without the lane.
    expect(store.batchCount()).toBe(1 + 3);
    expect(forwarder.stats()).toMatchObject({ promptSeals: 1, sent: 1 });
    expect(forwarder.stats().promptDeferred).toBeGreaterThanOrEqual(3);
    link.setConnected(true);
    const replay = link.published.map((p) => p.batch);
    expect(replay.map((b) => b.seq)).toEqual([1, 2, 3, 4]);
    expect(replay[0]?.id).toBe(sentBeforeOutage[0]?.batch.id);
    const replayed = replay.slice(1).flatMap((b) => b.items.map(label));
    const made = [0, 1, 2].flatMap((s) => Array.from({ length: 10 }, (_, k) => `bus-${s}-${k}`));
    expect(replayed).toEqual(made.slice(0, replayed.length));
    // Deleted only on the center's answer.
    expect(store.batchCount()).toBe(4);
    link.ackAll();
    expect(store.batchCount()).toBe(0);
    // Back to prompt batches; what was left pending goes with the next one, still in order.
    forwarder.enqueue([busProgress('bus-after', clock.now())]);
    clock.advance(50);
    const next = link.published.map((p) => p.batch);
    expect(next.map((b) => b.seq)).toEqual([5]);
    expect(next[0]?.items.map(label)).toEqual([...made.slice(replayed.length), 'L9', 'bus-after']);
  });

  test('no prompt batches before start (a harness that flushes by hand), or with the lane off', () => {
    const unstarted = setup();
    unstarted.forwarder.enqueue([busProgress('bus-1', T0)]);
    unstarted.clock.advance(2000);
    expect(unstarted.link.published).toEqual([]);
    const off = setup(null);
    off.forwarder.start();
    off.clock.advance(100);
    off.forwarder.enqueue([busProgress('bus-1', off.clock.now())]);
    off.clock.advance(500);
    expect(off.link.published).toEqual([]);
    off.clock.advanceTo(T0 + 1000);
    expect(off.link.published).toHaveLength(1);
  });

  test('items queued in one turn are written in one transaction, and before any seal', () => {
    const { clock, store, link, forwarder } = setup();
    const writes: number[] = [];
    const append = store.appendItems.bind(store);
    store.appendItems = (items) => {
      writes.push(items.length);
      append(items);
    };
    forwarder.start();
    clock.advance(10);
    forwarder.enqueue([linkState('L1')]);
    forwarder.enqueue([busProgress('bus-1', clock.now()), linkState('L2')]);
    forwarder.enqueue([linkState('L3')]);
    expect(writes).toEqual([]);
    expect(forwarder.stats().pendingItems).toBe(4);
    clock.advance(1);
    expect(writes).toEqual([4]);
    forwarder.enqueue([linkState('L4')]);
    forwarder.flush();
    expect(writes).toEqual([4, 1]);
    expect(link.published.flatMap((p) => p.batch.items.map(label))).toEqual([
      'L1',
      'bus-1',
      'L2',
      'L3',
      'L4',
    ]);
    forwarder.enqueue([linkState('L5')]);
    forwarder.stop();
    expect(writes).toEqual([4, 1, 1]);
    expect(store.pendingItemCount()).toBe(1);
  });

  test('a durable enqueue is written before it returns, after what the turn queued before it', () => {
    const { clock, store, forwarder } = setup();
    const writes: number[] = [];
    const append = store.appendItems.bind(store);
    store.appendItems = (items) => {
      writes.push(items.length);
      append(items);
    };
    forwarder.start();
    clock.advance(10);
    forwarder.enqueue([linkState('L1')]);
    forwarder.enqueue([linkState('L2')], { durable: true });
    expect(writes).toEqual([2]);
    expect(store.pendingItemCount()).toBe(2);
    clock.advance(1);
    expect(writes).toEqual([2]);
    forwarder.stop();
  });

  test('a negative or non-finite window is refused, naming the option', () => {
    expect(() => setup(-1)).toThrow(ConfigError);
    expect(() => setup(Number.NaN)).toThrow(/promptWindowMs/);
  });
});
