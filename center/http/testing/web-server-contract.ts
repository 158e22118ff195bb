/**
 * @module center/http/testing/web-server-contract
 * The contract every {@link WebServer} implementation passes (uWS and node:http + ws).
 */
import { afterEach, expect, test } from 'vitest';
import type {
  WebHandlers,
  WebRequest,
  WebServer,
  WebServerFactory,
  WebServerOptions,
  WsConnection,
} from '../index.ts';
import { connectWsClient, refusedUpgrade } from './ws-client.ts';

/** Define the contract tests for one server factory. */
export function runWebServerContract(options: { readonly start: WebServerFactory }): void {
  const servers: WebServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function start(overrides: Partial<WebHandlers> = {}, serverOptions: Partial<WebServerOptions> = {}) {
    const requests: WebRequest[] = [];
    const events: string[] = [];
    const conns: WsConnection[] = [];
    const handlers: WebHandlers = {
      request: async (req) => {
        requests.push(req);
        return {
          status: 201,
          headers: { 'content-type': 'application/json', 'x-test': 'yes' },
          body: '{"ok":true}',
        };
      },
      wsOpen: (c) => {
        conns.push(c);
        events.push(`open ${c.query.get('token') ?? ''}`);
      },
      wsMessage: (c, t) => {
        events.push(`message ${t}`);
        c.send(JSON.stringify({ echo: t }));
      },
      wsClose: () => events.push('close'),
      ...overrides,
    };
    const server = await options.start(handlers, { port: 0, maxBodyBytes: 1024, ...serverOptions });
    servers.push(server);
    return { server, requests, events, conns, base: `http://127.0.0.1:${server.port}` };
  }

  test('passes method, path, query, headers and body to the handler and returns its response', async () => {
    const { requests, base } = await start();
    const r = await fetch(`${base}/api/v1/x?from=1,2&a=b`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer t1', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-test')).toBe('yes');
    expect(await r.json()).toEqual({ ok: true });
    const req = requests[0];
    expect(req?.method).toBe('PATCH');
    expect(req?.path).toBe('/api/v1/x');
    expect(req?.query.get('from')).toBe('1,2');
    expect(req?.headers['authorization']).toBe('Bearer t1');
    expect(req?.body.toString()).toBe('{"a":1}');
  });

  test('refuses an oversized body with 413 and a JSON error, without calling the handler, and says so', async () => {
    const refused: string[] = [];
    const { requests, base } = await start({ refused: (status, code) => refused.push(`${status} ${code}`) });
    const r = await fetch(`${base}/api/v1/x`, { method: 'POST', body: 'x'.repeat(5000) });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ error: { code: 'too-large' } });
    expect(requests).toHaveLength(0);
    expect(refused).toEqual(['413 too-large']);
  });

  test('a failing handler gives 500 with a JSON error, and says so', async () => {
    const refused: string[] = [];
    const { base } = await start({
      request: () => Promise.reject(new Error('boom')),
      refused: (status, code) => refused.push(`${status} ${code}`),
    });
    const r = await fetch(`${base}/x`);
    expect(r.status).toBe(500);
    expect(await r.json()).toMatchObject({ error: { code: 'internal' } });
    expect(refused).toEqual(['500 internal']);
  });

  test('WebSocket connections open with their query, exchange text and report closing', async () => {
    const { server, events, conns } = await start();
    const client = await connectWsClient(server.port, '/ws?token=abc');
    client.send('hello');
    expect(await client.next((f) => f['echo'] === 'hello')).toEqual({ echo: 'hello' });
    expect(conns[0]?.send(JSON.stringify({ push: 1 }))).toBe(true);
    expect(await client.next((f) => f['push'] === 1)).toEqual({ push: 1 });
    await client.close();
    for (let i = 0; i < 100 && !events.includes('close'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual(['open abc', 'message hello', 'close']);
  });

  test('frames sent inside a cork (where the engine corks) arrive, in order, with the same bytes', async () => {
    const { server, conns } = await start();
    const client = await connectWsClient(server.port);
    for (let i = 0; i < 100 && conns.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const conn = conns[0];
    if (conn === undefined) throw new Error('no connection');
    const frames = [{ n: 1, text: '강남' }, { n: 2 }, { n: 1, text: '강남' }].map((f) => JSON.stringify(f));
    const sends: boolean[] = [];
    const sendAll = (): void => {
      for (const f of frames) sends.push(conn.send(f));
    };
    if (conn.cork === undefined) sendAll();
    else conn.cork(sendAll);
    expect(sends).toEqual([true, true, true]);
    for (let i = 0; i < 200 && client.frames.length < frames.length; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(client.frames).toEqual(frames.map((f) => JSON.parse(f) as unknown));
    await client.close();
  });

  test('caps WebSocket connections per address: over it a 429 JSON error, said once; a close frees a slot', async () => {
    const refusals: string[] = [];
    const { server, events, base } = await start(
      { wsRefused: (reason) => refusals.push(reason) },
      { wsMaxPerAddress: 3 },
    );
    const clients = [];
    for (let i = 0; i < 3; i++) clients.push(await connectWsClient(server.port));
    const refused = await refusedUpgrade(server.port);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'too-many-connections' } });
    expect(refusals).toEqual(['per-address']);
    // The open ones keep working, and so does plain HTTP from the same address.
    clients[0]?.send('still here');
    expect(await clients[0]?.next((f) => f['echo'] === 'still here')).toEqual({ echo: 'still here' });
    expect((await fetch(`${base}/x`)).status).toBe(201);
    await clients.pop()?.close();
    for (let i = 0; i < 100 && !events.includes('close'); i++) await new Promise((r) => setTimeout(r, 10));
    clients.push(await connectWsClient(server.port));
    expect(refusals).toEqual(['per-address']);
    await Promise.all(clients.map((c) => c.close()));
  });

  test('closing the server closes its WebSocket connections', async () => {
    const { server } = await start();
    const client = await connectWsClient(server.port);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    expect(typeof (await client.closed)).toBe('number');
  });
}
