/**
 * @module center/http/router
 * A small method + path router with `:param` segments (Hono's trie router in spirit, a linear scan in
 * size: the center has a few dozen routes).
 */
import type { WebRequest, WebResponse } from './web-server.ts';

/** A matched request with its path parameters. */
export type RouteRequest = WebRequest & { readonly params: Readonly<Record<string, string>> };
export type RouteHandler = (req: RouteRequest) => Promise<WebResponse>;

type Route = { method: string; parts: string[]; handler: RouteHandler };

/** The result of matching: a handler, a known path with the wrong method, or nothing. */
export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: RouteHandler; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: string[] }
  | { readonly kind: 'not-found' };

/** Routes by method and path pattern. */
export class Router {
  readonly #routes: Route[] = [];

  /** Add a route, e.g. `on('GET', '/api/v1/stops/:id/arrivals', h)`. */
  on(method: string, pattern: string, handler: RouteHandler): this {
    this.#routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /**
   * The registered routes in registration order, read-only: lets a test enumerate every write route
   * so a new one cannot be forgotten by the security checks (issue 11).
   */
  routes(): { readonly method: string; readonly pattern: string }[] {
    return this.#routes.map((r) => ({ method: r.method, pattern: `/${r.parts.join('/')}` }));
  }

  match(method: string, path: string): RouteMatch {
    const segs = path.split('/').filter(Boolean);
    const allow: string[] = [];
    for (const r of this.#routes) {
      const params = matchParts(r.parts, segs);
      if (params === null) continue;
      if (r.method === method || (method === 'HEAD' && r.method === 'GET')) {
        return { kind: 'found', handler: r.handler, params };
      }
      allow.push(r.method);
    }
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }
}

function matchParts(parts: string[], segs: string[]): Record<string, string> | null {
  if (parts.length !== segs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    const s = segs[i] ?? '';
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(s);
      } catch {
        return null;
      }
    } else if (p !== s) return null;
  }
  return params;
}
