/**
 * @module displays/serve/display-routes
 * Mounts the display pages on the center's router (its `extraRoutes` hook): the static pages and
 * assets, plus two read routes the pages need and `/api/v1` lacks — `GET /displays/v1/catalogue`
 * (routes with colour, headsign and low-floor; intersections with phases and plans; the coordinated
 * corridor) and `GET /displays/v1/devices` (edge and device presence, for the edge status panel).
 */
import type { RouteRegistrar } from '../../center/http/index.ts';
import { displayCatalogue } from './catalogue.ts';
import { displaysStaticHandler } from './static-handler.ts';

const PAGE_PATTERNS = ['/', '/stop/:id', '/sign/:id', '/drive', '/assets/:file'] as const;

const jsonResponse = (value: unknown): { status: number; headers: Record<string, string>; body: string } => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(value),
});

/** A center route registrar serving the pages built into `distDir` and the displays' read routes. */
export function displaysRoutes(distDir: string): RouteRegistrar {
  const serve = displaysStaticHandler(distDir);
  return (router, ctx) => {
    for (const pattern of PAGE_PATTERNS) {
      router.on('GET', pattern, async (req) => {
        const res = await serve('GET', req.path);
        return res ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
      });
    }
    const catalogue = displayCatalogue(ctx.network.scenario);
    router.on('GET', '/displays/v1/catalogue', async () => jsonResponse(catalogue));
    router.on('GET', '/displays/v1/devices', async () => jsonResponse(await ctx.store.list('device')));
  };
}
