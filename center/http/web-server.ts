/**
 * @module center/http/web-server
 * The HTTP + WebSocket server behind one interface (STYLE.md §5), so uWebSockets.js and the `ws` +
 * node:http fallback are interchangeable. The server only moves bytes: routing, auth and channels are
 * plain code in `center/http` that sees {@link WebRequest} and {@link WsConnection}.
 */
import { ProxyTrust } from './client-address.ts';

/** An HTTP request with its whole body read (bodies are small JSON documents). */
export type WebRequest = {
  /** Upper-case method. */
  readonly method: string;
  /** Path without the query string, e.g. `/api/v1/stops/S1/arrivals`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The client's address: the peer's, or the one a trusted proxy forwards for ({@link ProxyTrust}). */
  readonly remoteAddress: string;
};

/** What to send back. */
export type WebResponse = {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
};

/** One open WebSocket. */
export type WsConnection = {
  /** Unique per server. */
  readonly id: number;
  readonly remoteAddress: string;
  /** The query string of the upgrade request (e.g. `token=...`). */
  readonly query: URLSearchParams;
  /** Send a text frame; false when the connection is closed or too backed up to accept it. */
  send(text: string): boolean;
  /** Bytes queued but not yet written (backpressure). */
  bufferedBytes(): number;
  /**
   * Run `send`s inside `fn` with the connection's writes held, then write them together (one system
   * call for a live-feed turn's frames instead of one per frame). Optional: an engine without it
   * writes each frame as it is sent.
   */
  cork?(fn: () => void): void;
  close(code?: number, reason?: string): void;
};

/** What the server calls. */
export type WebHandlers = {
  readonly request: (req: WebRequest) => Promise<WebResponse>;
  readonly wsOpen: (conn: WsConnection) => void;
  readonly wsMessage: (conn: WsConnection, text: string) => void;
  readonly wsClose: (conn: WsConnection) => void;
  /**
   * Told of every request the server answers itself without calling `request` (413 for an oversized
   * body, 500 when `request` failed), so those are counted like the rest.
   */
  readonly refused?: (status: number, code: string) => void;
  /**
   * Told of every WebSocket upgrade the server refuses itself: `per-address` when the remote address
   * already holds `wsMaxPerAddress` open connections (answered 429 `too-many-connections`).
   */
  readonly wsRefused?: (reason: 'per-address') => void;
};

/** Certificate and key files (PEM) of an HTTPS listener, e.g. from `its pki issue`. */
export type WebTlsFiles = { readonly certFile: string; readonly keyFile: string };

/** Options every implementation honours. */
export type WebServerOptions = {
  /** Interface to bind. Default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** Largest request body; larger ones get 413 without being buffered. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /** Path of the WebSocket endpoint. Default `/ws`. */
  readonly wsPath?: string;
  /** Largest WebSocket message accepted from a client. Default 16 KiB. */
  readonly maxWsMessageBytes?: number;
  /**
   * Most WebSocket connections open at once from one remote address; an upgrade over it gets 429
   * `too-many-connections` (a closed connection frees its slot). Default {@link DEFAULT_WS_MAX_PER_ADDRESS}.
   */
  readonly wsMaxPerAddress?: number;
  /** Serve HTTPS (and WSS) with these files instead of plain HTTP. Default none. */
  readonly tls?: WebTlsFiles;
  /**
   * Proxies whose `X-Forwarded-For` names the client (for rate limits and the per-address cap).
   * Default none: every request is its peer's.
   */
  readonly trustProxy?: ProxyTrust;
};

/** {@link WebServerOptions} with every default applied; `tls` null for plain HTTP. */
export type ResolvedWebServerOptions = Required<Omit<WebServerOptions, 'tls'>> & {
  readonly tls: WebTlsFiles | null;
};

/** A listening server. */
export interface WebServer {
  /** The bound port. */
  readonly port: number;
  /** Which implementation serves. */
  readonly engine: 'uws' | 'node';
  /** Stop listening and close every connection. */
  close(): Promise<void>;
}

/** Starts a server implementation. */
export type WebServerFactory = (handlers: WebHandlers, options: WebServerOptions) => Promise<WebServer>;

/**
 * Default of {@link WebServerOptions.wsMaxPerAddress}: far above what one browser, sign controller or
 * depot behind NAT opens (a display page holds one connection), far below what exhausts the process
 * (each connection is a file descriptor and its buffers; one script opened 1,000 before the cap).
 */
export const DEFAULT_WS_MAX_PER_ADDRESS = 256;

/**
 * Open WebSocket connections per remote address, held against the cap: both engines `take` a slot
 * when a connection opens, `free` it when it closes, and refuse an upgrade that does not `fit`.
 */
export class WsAddressSlots {
  readonly #open = new Map<string, number>();
  constructor(readonly max: number) {}
  /** Whether one more connection from `address` is within the cap. */
  fits(address: string): boolean {
    return (this.#open.get(address) ?? 0) < this.max;
  }
  take(address: string): void {
    this.#open.set(address, (this.#open.get(address) ?? 0) + 1);
  }
  free(address: string): void {
    const n = (this.#open.get(address) ?? 0) - 1;
    if (n > 0) this.#open.set(address, n);
    else this.#open.delete(address);
  }
  /** The 429 an upgrade over the cap gets (a JSON error like the API's rate limit). */
  refusal(): WebResponse {
    return jsonError(
      429,
      'too-many-connections',
      `more than ${this.max} WebSocket connections open from this address`,
    );
  }
}

/** The JSON error body every error status carries. */
export function jsonError(status: number, code: string, message: string): WebResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: { code, message } }),
  };
}

/** Resolved defaults of {@link WebServerOptions}. */
export function resolveWebServerOptions(options: WebServerOptions): ResolvedWebServerOptions {
  return {
    tls: options.tls ?? null,
    host: options.host ?? '127.0.0.1',
    port: options.port,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    wsPath: options.wsPath ?? '/ws',
    maxWsMessageBytes: options.maxWsMessageBytes ?? 16 * 1024,
    wsMaxPerAddress: options.wsMaxPerAddress ?? DEFAULT_WS_MAX_PER_ADDRESS,
    trustProxy: options.trustProxy ?? new ProxyTrust(),
  };
}
