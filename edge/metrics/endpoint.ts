/**
 * @module edge/metrics/endpoint
 * What the edge's HTTP endpoint answers, as plain data (the server in edge/adapters/http only moves
 * bytes): `/metrics` (Prometheus text 0.0.4), `/healthz` (the process answers: 200 whenever it can),
 * `/readyz` (200 when ready, 503 with what is missing otherwise). Anything else is answered, never
 * dropped: 404 naming the paths there are, 405 with `Allow` for a method other than GET or HEAD
 * (RFC 9110 §15.5.6), 500 if reading the stats failed. Bodies other than the exposition are JSON.
 */
import { EXPOSITION_CONTENT_TYPE } from './exposition.ts';

/** The request line the endpoint looks at. */
export type EndpointRequest = {
  /** Upper-case method. */
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
};

/** The answer to send. */
export type EndpointAnswer = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
};

/** The readiness verdict and what it was made of (sent as the body of `/readyz`). */
export type Readiness = { readonly ready: boolean } & Readonly<Record<string, unknown>>;

/** Where the answers come from. */
export type EndpointSources = {
  /** The text exposition of every metric family. */
  readonly metrics: () => string;
  readonly readiness: () => Readiness;
};

/** The paths the endpoint serves. */
export const ENDPOINT_PATHS: readonly string[] = Object.freeze(['/metrics', '/healthz', '/readyz']);

const ALLOWED_METHODS = 'GET, HEAD';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): EndpointAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: `${JSON.stringify(body)}\n`,
});

/** Answer one request. HEAD is answered as GET (the server sends no body). */
export function answerEndpointRequest(request: EndpointRequest, sources: EndpointSources): EndpointAnswer {
  if (!ENDPOINT_PATHS.includes(request.path)) {
    return json(404, { error: 'not-found', path: request.path.slice(0, 200), paths: ENDPOINT_PATHS });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return json(
      405,
      { error: 'method-not-allowed', method: request.method.slice(0, 20), allow: ALLOWED_METHODS },
      { allow: ALLOWED_METHODS },
    );
  }
  try {
    switch (request.path) {
      case '/healthz':
        return json(200, { status: 'ok' });
      case '/readyz': {
        const r = sources.readiness();
        return json(r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not-ready', ...r });
      }
      default:
        return {
          status: 200,
          headers: { 'content-type': EXPOSITION_CONTENT_TYPE, 'cache-control': 'no-store' },
          body: sources.metrics(),
        };
    }
  } catch (err) {
    return json(500, { error: 'internal', message: (err as Error).message.slice(0, 200) });
  }
}
