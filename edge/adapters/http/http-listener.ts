/**
 * @module edge/adapters/http/http-listener
 * The edge's small HTTP listener (node:http, as the center's fallback server center/adapters/ws:
 * no dependency). It only moves bytes: the answer to each request line comes from a plain function
 * (edge/metrics `answerEndpointRequest`). Request bodies are never read (nothing the edge serves
 * takes one; node discards them), slow clients are cut off (headers in 5 s, the request in 10 s),
 * and headers over node's limit get its 431.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The request line a listener hands on. */
export type HttpRequestLine = { readonly method: string; readonly path: string };

/** An answer to send back. */
export type HttpAnswer = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
};

/** Options of {@link startHttpListener}. */
export type HttpListenerOptions = {
  /** Interface to bind. */
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  readonly answer: (request: HttpRequestLine) => HttpAnswer;
};

/** A listening server. */
export type HttpListener = {
  /** The port bound (the one picked when asked for 0). */
  readonly port: number;
  close(): Promise<void>;
};

function send(res: ServerResponse, answer: HttpAnswer): void {
  res.statusCode = answer.status;
  for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
  // node sends no body to a HEAD request, but the length of the GET answer.
  res.setHeader('content-length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}

/**
 * Listen on `host:port`; rejects with the listen error (EADDRINUSE, EACCES) so a bad port fails the
 * edge's start with its cause.
 */
export async function startHttpListener(options: HttpListenerOptions): Promise<HttpListener> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    let path = '/';
    try {
      path = new URL(req.url ?? '/', 'http://edge').pathname;
    } catch {
      // An unparsable target is answered like an unknown path.
      path = req.url ?? '/';
    }
    try {
      send(res, options.answer({ method: (req.method ?? 'GET').toUpperCase(), path }));
    } catch {
      send(res, {
        status: 500,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{"error":"internal"}\n',
      });
    }
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
