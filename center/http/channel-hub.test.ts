/**
 * @module center/http/channel-hub.test
 * Delta frames: data already encoded as JSON makes the same frame as the value itself; inside a turn
 * a connection that can cork gets its frames in publish order in one corked write, one that cannot
 * gets each as it is published.
 */
import { expect, test } from 'vitest';
import { Metrics } from '../metrics/index.ts';
import { ChannelHub } from './channel-hub.ts';
import type { WsConnection } from './web-server.ts';

/** A connection that records what it sends, and in which cork (0: outside any). */
function recorder(id: number, canCork: boolean) {
  const sent: { cork: number; text: string }[] = [];
  let cork = 0;
  let corks = 0;
  const conn: WsConnection = {
    id,
    remoteAddress: '127.0.0.1',
    query: new URLSearchParams(),
    send: (text) => sent.push({ cork, text }) > 0,
    bufferedBytes: () => 0,
    close: () => undefined,
    ...(canCork
      ? {
          cork: (fn: () => void) => {
            cork = ++corks;
            fn();
            cork = 0;
          },
        }
      : {}),
  };
  return { conn, sent, corks: () => corks };
}

async function hubWith(...conns: { conn: WsConnection; channels: string[] }[]): Promise<ChannelHub> {
  const hub = new ChannelHub({ snapshot: async () => null, now: () => 1_000, metrics: new Metrics() });
  for (const { conn, channels } of conns) {
    hub.open(conn);
    for (const channel of channels) await hub.message(conn, JSON.stringify({ op: 'subscribe', channel }));
  }
  return hub;
}

test('a delta of data given as JSON is the same frame as of the data itself', async () => {
  const a = recorder(1, false);
  const hub = await hubWith({ conn: a.conn, channels: ['vehicles'] });
  a.sent.length = 0;
  const data = [{ op: 'put', collection: 'vehicle', id: 'bus-"1"', value: { speedMps: 7.5, name: '강남' } }];
  expect(hub.publish('vehicles', data)).toBe(1);
  expect(hub.publishJson('vehicles', JSON.stringify(data))).toBe(1);
  expect(hub.publishJson('nobody', '[]')).toBe(0);
  expect(a.sent[1]?.text).toBe(a.sent[0]?.text);
  expect(JSON.parse(a.sent[0]?.text ?? '')).toEqual({ type: 'delta', channel: 'vehicles', at: 1_000, data });
});

test("a turn's frames go to a corking connection in one cork, in publish order; others as published", async () => {
  const corking = recorder(1, true);
  const plain = recorder(2, false);
  const hub = await hubWith(
    { conn: corking.conn, channels: ['vehicles', 'stop:S1', 'stop:S2'] },
    { conn: plain.conn, channels: ['vehicles', 'stop:S2'] },
  );
  corking.sent.length = 0;
  plain.sent.length = 0;
  let plainDuringTurn = 0;
  hub.turn(() => {
    hub.publishJson('vehicles', '[1]');
    hub.publish('stop:S1', { board: 1 });
    hub.publish('stop:S2', { board: 2 });
    expect(corking.sent).toHaveLength(0);
    plainDuringTurn = plain.sent.length;
  });
  const channels = (s: { text: string }[]) =>
    s.map((f) => (JSON.parse(f.text) as { channel: string }).channel);
  expect(channels(corking.sent)).toEqual(['vehicles', 'stop:S1', 'stop:S2']);
  expect(corking.sent.map((f) => f.cork)).toEqual([1, 1, 1]);
  expect(corking.corks()).toBe(1);
  expect(plainDuringTurn).toBe(2);
  expect(channels(plain.sent)).toEqual(['vehicles', 'stop:S2']);
  // Outside a turn nothing is held.
  hub.publish('stop:S1', { board: 3 });
  expect(corking.sent).toHaveLength(4);
  expect(corking.sent[3]?.cork).toBe(0);
});
