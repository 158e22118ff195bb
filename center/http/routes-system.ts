/**
 * @module center/http/routes-system
 * `/healthz` (the process answers), `/readyz` (ingest connected and store reachable), `/metrics`
 * (Prometheus text format 0.0.4), `/api/v1/openapi.json`, and the API's index at its root, `/api/v1`
 * (also `/api/v1/`: the router ignores a trailing slash).
 */
import type { ApiContext } from './api-context.ts';
import { apiIndex, openApiDocument } from './openapi.ts';
import { json } from './responses.ts';
import type { Router } from './router.ts';

/** Register the system routes. */
export function registerSystemRoutes(router: Router, ctx: ApiContext): void {
  router.on('GET', '/healthz', async () => json(200, { status: 'ok' }));
  router.on('GET', '/readyz', async () => {
    let storeOk = true;
    try {
      await ctx.store.get('link', '__readyz__');
    } catch {
      storeOk = false;
    }
    const ready = storeOk && ctx.ready();
    return json(ready ? 200 : 503, {
      status: ready ? 'ready' : 'not-ready',
      store: storeOk,
      ingest: ctx.ready(),
    });
  });
  router.on('GET', '/metrics', async () => ({
    status: 200,
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
    body: ctx.metrics.render(),
  }));
  router.on('GET', '/api/v1/openapi.json', async () => json(200, openApiDocument()));
  router.on('GET', '/api/v1', async () => json(200, apiIndex()));
}
