/**
 * @module center/http/live-feed.test
 * What one turn of store updates sends to a client listening to `vehicles` and to stop boards, and
 * how the live feed paces a stop's board frames.
 */
import { expect, test, vi } from 'vitest';
import { VirtualClock, loadScenario } from '../../core/index.ts';
import { Metrics } from '../metrics/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { ArrivalService } from '../prediction/index.ts';
import { MemoryStateStore } from '../state/index.ts';
import { sampleVehicle } from '../state/testing/index.ts';
import type { ApiContext } from './api-context.ts';
import { ChannelHub } from './channel-hub.ts';
import { connectLiveFeed, publishUpdates } from './live-feed.ts';
import type { WsConnection } from './web-server.ts';

type Frame = { type: string; channel: string; data: unknown };

/** A WebSocket connection that keeps every frame sent to it, parsed. */
function recordingConnection(): { conn: WsConnection; frames: Frame[] } {
  const frames: Frame[] = [];
  const conn: WsConnection = {
    id: 1,
    remoteAddress: '127.0.0.1',
    query: new URLSearchParams(),
    send: (text) => frames.push(JSON.parse(text) as Frame) > 0,
    bufferedBytes: () => 0,
    close: () => undefined,
  };
  return { conn, frames };
}

const T = Date.UTC(2026, 10, 25, 22, 10, 0); // 07:10 in Seoul

test('a turn sends the vehicle delta before the stop boards it recomputes, each board once', async () => {
  const clock = new VirtualClock(T);
  const arrivals = new ArrivalService({
    network: buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json')),
    clock,
  });
  const hub = new ChannelHub({ snapshot: async () => null, now: () => clock.now(), metrics: new Metrics() });
  const { conn, frames } = recordingConnection();
  hub.open(conn);
  for (const channel of ['stop:22-202', 'vehicles', 'stop:22-201']) {
    await hub.message(conn, JSON.stringify({ op: 'subscribe', channel }));
  }
  frames.length = 0;
  const bus = (at: number) =>
    sampleVehicle({
      routeId: '140',
      tripId: '140-0-0700',
      at,
      lon: 127.0276,
      lat: 37.4978,
      lastStopId: '22-201',
      nextStopId: '22-202',
    });
  publishUpdates({ arrivals } as unknown as ApiContext, hub, [
    { op: 'put', collection: 'vehicle', id: 'bus-1', value: bus(T - 2000) },
    { op: 'put', collection: 'vehicle', id: 'bus-1', value: bus(T - 1000) },
  ]);
  // 22-201 is behind the bus (its last stop): its board cannot show it, so it is not recomputed.
  expect(frames.map((f) => f.channel)).toEqual(['vehicles', 'stop:22-202']);
  const board = frames[1]?.data as { routes: { arrivals: { vehicleId: string; asOf: number }[] }[] };
  expect(board.routes[0]?.arrivals[0]).toMatchObject({ vehicleId: 'bus-1', asOf: T - 1000 });
});

test('the live feed paces a stop board: reports inside its interval go out together at its end, the latest shown', async () => {
  vi.useFakeTimers({
    now: T,
    toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'Date', 'performance'],
  });
  try {
    const clock = new VirtualClock(T);
    const network = buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json'));
    const arrivals = new ArrivalService({ network, clock });
    const store = new MemoryStateStore({ clock });
    const hub = new ChannelHub({
      snapshot: async () => null,
      now: () => clock.now(),
      metrics: new Metrics(),
    });
    const { conn, frames } = recordingConnection();
    hub.open(conn);
    await hub.message(conn, JSON.stringify({ op: 'subscribe', channel: 'stop:22-202' }));
    frames.length = 0;
    const stop = connectLiveFeed({ arrivals, store } as unknown as ApiContext, hub, 0.25, {
      intervalMs: 100,
      refreshMs: 1000,
    });
    const report = async (at: number): Promise<void> => {
      await store.put('vehicle', [
        sampleVehicle({
          routeId: '140',
          tripId: '140-0-0700',
          at,
          lon: 127.0276,
          lat: 37.4978,
          lastStopId: '22-201',
          nextStopId: '22-202',
        }),
      ]);
      await vi.advanceTimersByTimeAsync(0);
    };
    const shownAsOf = (): (number | null)[] =>
      frames.map(
        (f) =>
          (f.data as { routes: { arrivals: { asOf: number | null }[] }[] }).routes[0]?.arrivals[0]?.asOf ??
          null,
      );
    await report(T - 3000);
    expect(shownAsOf()).toEqual([T - 3000]);
    // Two more reports within the board's interval: no frame until it ends, then one with the last.
    await vi.advanceTimersByTimeAsync(20);
    await report(T - 2000);
    await vi.advanceTimersByTimeAsync(20);
    await report(T - 1000);
    expect(shownAsOf()).toEqual([T - 3000]);
    await vi.advanceTimersByTimeAsync(60);
    expect(shownAsOf()).toEqual([T - 3000, T - 1000]);
    // Nothing new to show: no frame, however long.
    await vi.advanceTimersByTimeAsync(5000);
    expect(frames).toHaveLength(2);
    stop();
  } finally {
    vi.useRealTimers();
  }
});
