/**
 * @module center/http/live-feed.test
 * What one turn of store updates sends to a client listening to `vehicles` and to stop boards.
 */
import { expect, test } from 'vitest';
import { VirtualClock, loadScenario } from '../../core/index.ts';
import { Metrics } from '../metrics/index.ts';
import { buildCenterNetwork } from '../network/index.ts';
import { ArrivalService } from '../prediction/index.ts';
import { sampleVehicle } from '../state/testing/index.ts';
import type { ApiContext } from './api-context.ts';
import { ChannelHub } from './channel-hub.ts';
import { publishUpdates } from './live-feed.ts';
import type { WsConnection } from './web-server.ts';

const T = Date.UTC(2026, 10, 25, 22, 10, 0); // 07:10 in Seoul

test('a turn sends the vehicle delta before the stop boards it recomputes, each board once', async () => {
  const clock = new VirtualClock(T);
  const arrivals = new ArrivalService({
    network: buildCenterNetwork(loadScenario('core/scenario/fixtures/mini.json')),
    clock,
  });
  const hub = new ChannelHub({ snapshot: async () => null, now: () => clock.now(), metrics: new Metrics() });
  const frames: { type: string; channel: string; data: unknown }[] = [];
  const conn: WsConnection = {
    id: 1,
    remoteAddress: '127.0.0.1',
    query: new URLSearchParams(),
    send: (text) => frames.push(JSON.parse(text) as (typeof frames)[number]) > 0,
    bufferedBytes: () => 0,
    close: () => undefined,
  };
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
  expect(frames.map((f) => f.channel)).toEqual(['vehicles', 'stop:22-201', 'stop:22-202']);
  const board = frames[2]?.data as { routes: { arrivals: { vehicleId: string; asOf: number }[] }[] };
  expect(board.routes[0]?.arrivals[0]).toMatchObject({ vehicleId: 'bus-1', asOf: T - 1000 });
});
