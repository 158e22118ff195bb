/**
 * @module bench/center-fanout.bench
 * WebSocket fan-out (5,000 clients; 10,000 in-process clients did not finish on the shared 2-core
 * machine): N clients subscribed to the `vehicles` channel of one center; deltas published
 * through the channel hub; client frames received per second in total, uWebSockets.js against the
 * node:http + ws fallback in the same run. The clients run in this process too (the `ws` client), so
 * the figure is a floor for the server.
 */
import WebSocket from 'ws';
import { loadScenario } from '../core/index.ts';
import { startCenterNode, type WebEngine } from '../center/node/index.ts';
import type { BenchFigure, Benchmark } from './types.ts';

async function fanout(
  engine: WebEngine,
  clients: number,
  deltas: number,
): Promise<{ perS: number; engine: string }> {
  const node = await startCenterNode({
    scenario: loadScenario('core/scenario/fixtures/mini.json'),
    httpPort: 0,
    engine,
    tokens: [],
    log: () => undefined,
  });
  const sockets: WebSocket[] = [];
  let received = 0;
  try {
    for (let i = 0; i < clients; i += 200) {
      await Promise.all(
        Array.from({ length: Math.min(200, clients - i) }, async () => {
          const ws = new WebSocket(`ws://127.0.0.1:${node.port}/ws`);
          sockets.push(ws);
          await new Promise<void>((resolve, reject) => {
            ws.once('error', reject);
            ws.once('open', () => {
              ws.send(JSON.stringify({ op: 'subscribe', channel: 'vehicles' }));
              ws.once('message', () => resolve());
            });
          });
          ws.on('message', () => {
            received++;
          });
        }),
      );
    }
    const payload = [
      { collection: 'vehicle', op: 'put', id: 'bus-1', value: { vehicleId: 'bus-1', lat: 37.5, lon: 127.0 } },
    ];
    received = 0;
    const t0 = performance.now();
    const want = clients * deltas;
    for (let d = 0; d < deltas; d++) {
      node.api.hub.publish('vehicles', payload);
      if (d % 10 === 9) await new Promise((r) => setImmediate(r));
    }
    while (received < want && performance.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 5));
    return { perS: received / ((performance.now() - t0) / 1000), engine: node.engine };
  } finally {
    for (const s of sockets) s.terminate();
    await node.close();
  }
}

export const benchmark: Benchmark = {
  name: 'center fan-out',
  run: async ({ quick }) => {
    const clients = quick ? 1000 : 5000;
    const deltas = 20;
    const uws = await fanout('uws', clients, deltas);
    const node = await fanout('node', clients, deltas);
    return [
      {
        name: `WebSocket deltas delivered/s to ${clients.toLocaleString('en')} clients (${uws.engine})`,
        value: Math.round(uws.perS),
        unit: 'msg/s',
        reference: { name: `node:http + ws (${node.engine})`, value: Math.round(node.perS) },
        ratio: Number((uws.perS / node.perS).toFixed(2)),
        note: `${deltas} deltas each; clients in the same process`,
      },
    ] satisfies BenchFigure[];
  },
};
