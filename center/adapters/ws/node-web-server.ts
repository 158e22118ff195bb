/**
 * @module center/adapters/ws/node-web-server
 * The fallback web server: node:http for requests and `ws` for WebSockets, used where the
 * uWebSockets.js binary does not load. Same behaviour as the uWS server (one contract suite).
 */
import { readFileSync } from 'node:fs';
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
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

function send(res: ServerResponse, r: WebResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(r.status, { ...r.headers });
  res.end(r.body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.removeAllListeners('data');
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answer an upgrade request over plain HTTP (the socket is ours: no ServerResponse) and close it. */
function refuseUpgrade(socket: Duplex, r: WebResponse): void {
  const body = Buffer.from(r.body);
  const head = [
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ''}`,
    ...Object.entries({ ...r.headers, 'content-length': String(body.length), connection: 'close' }).map(
      ([k, v]) => `${k}: ${v}`,
    ),
  ];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
  return h;
}

/** Start node:http + ws. */
export async function startNodeWebServer(
  handlers: WebHandlers,
  options: WebServerOptions,
): Promise<WebServer> {
  const o = resolveWebServerOptions(options);
  const clientOf = (req: IncomingMessage): string => {
    const forwarded = req.headers['x-forwarded-for'];
    return o.trustProxy.clientAddress(
      req.socket.remoteAddress ?? '',
      Array.isArray(forwarded) ? forwarded.join(', ') : forwarded,
    );
  };
  const sockets = new Set<Socket>();
  // HTTPS when certificate files are given (WSS then rides on the same listener).
  const serve = (listener: RequestListener) =>
    o.tls === null
      ? createServer(listener)
      : createHttpsServer({ cert: readFileSync(o.tls.certFile), key: readFileSync(o.tls.keyFile) }, listener);
  const server = serve((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const declared = Number(req.headers['content-length'] ?? '0');
      if (declared > o.maxBodyBytes) {
        res.setHeader('connection', 'close');
        handlers.refused?.(413, 'too-large');
        return send(res, jsonError(413, 'too-large', `body over ${o.maxBodyBytes} bytes`));
      }
      const body = await readBody(req, o.maxBodyBytes);
      if (body === null) {
        res.setHeader('connection', 'close');
        handlers.refused?.(413, 'too-large');
        return send(res, jsonError(413, 'too-large', `body over ${o.maxBodyBytes} bytes`));
      }
      const r = await handlers.request({
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers: headersOf(req),
        body,
        remoteAddress: clientOf(req),
      });
      send(res, r);
    })().catch(() => {
      handlers.refused?.(500, 'internal');
      send(res, jsonError(500, 'internal', 'internal error'));
    });
  });
  server.on('connection', (s: Socket) => {
    s.setNoDelay(true);
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Upgrades are taken here rather than by `ws` on the server, to refuse one over the per-address cap
  // with a JSON 429 (ws's own refusal writes HTML); ws still checks the path and the handshake.
  const wss = new WebSocketServer({ noServer: true, path: o.wsPath, maxPayload: o.maxWsMessageBytes });
  const slots = new WsAddressSlots(o.wsMaxPerAddress);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const address = clientOf(req);
    if (wss.shouldHandle(req) === true && !slots.fits(address)) {
      handlers.wsRefused?.('per-address');
      refuseUpgrade(socket, slots.refusal());
      return;
    }
    // Without verifyClient or compression ws completes the handshake synchronously, so a slot is
    // taken (on `connection`) before the next upgrade is looked at.
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  let nextId = 1;
  // The channel hub sends one text to every subscriber of a channel in a row: encode it once.
  let lastText = '';
  let lastBytes = Buffer.alloc(0);
  const bytesOf = (text: string): Buffer => {
    if (text !== lastText) {
      lastText = text;
      lastBytes = Buffer.from(text, 'utf8');
    }
    return lastBytes;
  };
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const remoteAddress = clientOf(req);
    slots.take(remoteAddress);
    const conn: WsConnection = {
      id: nextId++,
      remoteAddress,
      query: new URL(req.url ?? '/', 'http://x').searchParams,
      send: (text) => {
        if (ws.readyState !== ws.OPEN) return false;
        ws.send(bytesOf(text), { binary: false });
        return true;
      },
      bufferedBytes: () => ws.bufferedAmount,
      close: (code, reason) => ws.close(code ?? 1000, reason),
    };
    ws.on('message', (data, isBinary) => {
      if (!isBinary) handlers.wsMessage(conn, data.toString());
    });
    ws.on('close', () => {
      slots.free(remoteAddress);
      handlers.wsClose(conn);
    });
    ws.on('error', () => ws.terminate());
    handlers.wsOpen(conn);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    engine: 'node',
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
