/**
 * @module center/adapters/uws/uws-web-server
 * The web server on uWebSockets.js (npm `@trufflesuite/uws-js-unofficial`; BRIEF: it fanned out 5x
 * what `ws` did). uWS rules followed here: a request's data is read before the handler returns, every
 * async response registers `onAborted` and writes inside `cork`, and body chunks are copied because
 * uWS reuses their memory.
 */
import { STATUS_CODES } from 'node:http';
import { createServer } from 'node:net';
import uws from '@trufflesuite/uws-js-unofficial';
import {
  jsonError,
  resolveWebServerOptions,
  type WebHandlers,
  type WebResponse,
  type WebServer,
  type WebServerOptions,
  type WsConnection,
  WsAddressSlots,
} from '../../http/index.ts';

type UwsResponse = uws.HttpResponse;
type UserData = { conn?: WsConnection; query: string; remoteAddress: string };

function write(res: UwsResponse, state: { aborted: boolean }, r: WebResponse): void {
  if (state.aborted) return;
  res.cork(() => {
    res.writeStatus(`${r.status} ${STATUS_CODES[r.status] ?? ''}`);
    for (const [k, v] of Object.entries(r.headers ?? {})) res.writeHeader(k, v);
    res.end(r.body);
  });
}

const text = (b: ArrayBuffer): string => Buffer.from(b).toString('utf8');

/** A port the kernel considers free now (bind to 0, read it back, release it). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Listen on `port`. uSockets sets SO_REUSEADDR only when given an explicit port, so a server bound to
 * port 0 leaves its closed connections in TIME_WAIT holding the port for a minute (a restart on the
 * same port fails with EADDRINUSE). For port 0 we therefore ask the kernel for a free port first and
 * listen on it explicitly, retrying if another process takes it in between.
 */
async function listen(app: uws.TemplatedApp, host: string, port: number): Promise<uws.us_listen_socket> {
  for (let attempt = 0; ; attempt++) {
    const target = port === 0 ? await freePort(host) : port;
    const socket = await new Promise<uws.us_listen_socket | false>((resolve) => {
      app.listen(host, target, (s) => resolve(s));
    });
    if (socket !== false) return socket;
    if (port !== 0 || attempt >= 5) throw new Error(`cannot listen on ${host}:${port}`);
  }
}

/** Texts whose bytes {@link frameCache} keeps: a live-feed turn's frames (a `vehicles` delta, boards). */
const FRAME_CACHE_SIZE = 64;

/**
 * Sending a string makes uWS encode it for every client; the channel hub sends one text to all of a
 * channel's subscribers, in a turn grouped per connection (so one connection's frames go in one
 * write), so the UTF-8 bytes of the last few texts are kept and reused. A text is found by identity
 * first: the hub hands every subscriber the same string.
 */
function frameCache(): (t: string) => Buffer {
  const texts: string[] = [];
  const bytes: Buffer[] = [];
  let next = 0;
  return (t) => {
    for (let i = 0; i < texts.length; i++) if (texts[i] === t) return bytes[i] ?? Buffer.from(t, 'utf8');
    const b = Buffer.from(t, 'utf8');
    texts[next] = t;
    bytes[next] = b;
    next = (next + 1) % FRAME_CACHE_SIZE;
    return b;
  };
}

/** Start a uWebSockets.js app. */
export async function startUwsWebServer(
  handlers: WebHandlers,
  options: WebServerOptions,
): Promise<WebServer> {
  const o = resolveWebServerOptions(options);
  const app =
    o.tls === null ? uws.App() : uws.SSLApp({ cert_file_name: o.tls.certFile, key_file_name: o.tls.keyFile });
  const open = new Set<uws.WebSocket<UserData>>();
  const bytesOf = frameCache();
  let nextId = 1;
  const slots = new WsAddressSlots(o.wsMaxPerAddress);
  app.ws<UserData>(o.wsPath, {
    maxPayloadLength: o.maxWsMessageBytes,
    maxBackpressure: 4 * 1024 * 1024,
    idleTimeout: 120,
    upgrade: (res, req, context) => {
      const remoteAddress = o.trustProxy.clientAddress(
        text(res.getRemoteAddressAsText()),
        req.getHeader('x-forwarded-for') || undefined,
      );
      // The slot is taken in `open`, which uWS runs within this `upgrade` call, before any other.
      if (!slots.fits(remoteAddress)) {
        handlers.wsRefused?.('per-address');
        write(res, { aborted: false }, slots.refusal());
        return;
      }
      res.upgrade<UserData>(
        { query: req.getQuery() ?? '', remoteAddress },
        req.getHeader('sec-websocket-key'),
        req.getHeader('sec-websocket-protocol'),
        req.getHeader('sec-websocket-extensions'),
        context,
      );
    },
    open: (ws) => {
      open.add(ws);
      const data = ws.getUserData();
      slots.take(data.remoteAddress);
      let closed = false;
      const conn: WsConnection = {
        id: nextId++,
        remoteAddress: data.remoteAddress,
        query: new URLSearchParams(data.query),
        send: (t) => !closed && ws.send(bytesOf(t), false) !== 2,
        bufferedBytes: () => (closed ? 0 : ws.getBufferedAmount()),
        cork: (fn) => {
          if (closed) fn();
          else ws.cork(fn);
        },
        close: (code, reason) => {
          if (!closed) ws.end(code ?? 1000, reason);
        },
      };
      data.conn = conn;
      (conn as { markClosed?: () => void }).markClosed = () => {
        closed = true;
      };
      handlers.wsOpen(conn);
    },
    message: (ws, message, isBinary) => {
      const conn = ws.getUserData().conn;
      if (!isBinary && conn !== undefined) handlers.wsMessage(conn, text(message));
    },
    close: (ws) => {
      open.delete(ws);
      slots.free(ws.getUserData().remoteAddress);
      const conn = ws.getUserData().conn as (WsConnection & { markClosed?: () => void }) | undefined;
      if (conn === undefined) return;
      conn.markClosed?.();
      handlers.wsClose(conn);
    },
  });
  app.any('/*', (res, req) => {
    const state = { aborted: false };
    res.onAborted(() => {
      state.aborted = true;
    });
    const headers: Record<string, string> = {};
    req.forEach((k, v) => {
      headers[k] = v;
    });
    const method = req.getCaseSensitiveMethod().toUpperCase();
    const path = req.getUrl();
    const query = new URLSearchParams(req.getQuery() ?? '');
    const remoteAddress = o.trustProxy.clientAddress(
      text(res.getRemoteAddressAsText()),
      headers['x-forwarded-for'],
    );
    if (Number(headers['content-length'] ?? '0') > o.maxBodyBytes) {
      handlers.refused?.(413, 'too-large');
      return write(res, state, { ...jsonError(413, 'too-large', `body over ${o.maxBodyBytes} bytes`) });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > o.maxBodyBytes) {
        done = true;
        handlers.refused?.(413, 'too-large');
        write(res, state, jsonError(413, 'too-large', `body over ${o.maxBodyBytes} bytes`));
        return;
      }
      chunks.push(Buffer.from(chunk.slice(0)));
      if (!isLast) return;
      done = true;
      const body = Buffer.concat(chunks);
      handlers
        .request({ method, path, query, headers, body, remoteAddress })
        .then((r) => write(res, state, r))
        .catch(() => {
          handlers.refused?.(500, 'internal');
          write(res, state, jsonError(500, 'internal', 'internal error'));
        });
    });
  });
  const listenSocket = await listen(app, o.host, o.port);
  return {
    port: uws.us_socket_local_port(listenSocket as unknown as uws.us_socket),
    engine: 'uws',
    close: async () => {
      uws.us_listen_socket_close(listenSocket);
      for (const ws of [...open]) ws.close();
      (app as unknown as { close?: () => void }).close?.();
    },
  };
}
