/**
 * @module center/http/routes-read
 * Public read API under `/api/v1/`: regions, links as GeoJSON with live speeds, signals, detectors
 * with health, vehicles, stops and their arrivals, incidents, signs.
 */
import {
  NotFoundError,
  type DetectorView,
  type IncidentView,
  type RegionSnapshot,
  type SignalStateView,
  type SignView,
  type StopBoard,
  type VehicleView,
} from '../../core/index.ts';
import { displayedMessage } from '../signs/index.ts';
import { linksGeoJson } from '../traffic/index.ts';
import { trafficByLink, type ApiContext } from './api-context.ts';
import { json, lonLatParam, numberParam } from './responses.ts';
import type { Router } from './router.ts';

/** Snapshot of a region: what the control-room map draws. */
export async function regionSnapshot(ctx: ApiContext, regionId: string): Promise<unknown> {
  if (!ctx.network.regionIds.includes(regionId)) throw new NotFoundError('region', regionId);
  const f = { region: regionId };
  const [links, signals, detectors, vehicles, incidents, alarms] = await Promise.all([
    ctx.store.list('link', f),
    ctx.store.list('signal', f),
    ctx.store.list('detector', f),
    ctx.store.list('vehicle', f),
    ctx.store.list('incident', f),
    ctx.store.list('alarm', f),
  ]);
  return {
    regionId,
    links,
    signals,
    detectors,
    vehicles,
    incidents,
    alarms: alarms.filter((a) => a.state === 'raised'),
  } satisfies RegionSnapshot;
}

/** Detectors of the scenario with their latest health. */
export async function detectorsWithHealth(ctx: ApiContext): Promise<unknown[]> {
  const health = new Map((await ctx.store.list('detector')).map((d) => [d.detectorId, d]));
  return ctx.network.scenario.detectors.map((d) => ({
    id: d.id,
    region: d.region,
    linkId: d.linkId,
    lane: d.lane,
    role: d.role,
    health: health.get(d.id)?.health ?? 'unknown',
    since: health.get(d.id)?.since ?? null,
  })) satisfies DetectorView[];
}

/** A sign with the message it shows and its queue. */
export async function signView(ctx: ApiContext, signId: string): Promise<unknown> {
  const sign = ctx.network.signs.get(signId);
  if (sign === undefined) throw new NotFoundError('sign', signId);
  const now = ctx.clock.now();
  const messages = (await ctx.store.list('sign')).filter((m) => m.signId === signId);
  const active = messages.filter((m) => m.expiresAt === null || m.expiresAt > now);
  return { ...sign, displayed: displayedMessage(active, now), messages: active } satisfies SignView;
}

/** Register the read routes. */
export function registerReadRoutes(router: Router, ctx: ApiContext): void {
  router.on('GET', '/api/v1/regions', async () =>
    json(
      200,
      ctx.network.scenario.regions.map((r) => ({
        ...r,
        links: [...ctx.network.links.values()].filter((l) => l.region === r.id).length,
      })),
    ),
  );
  router.on('GET', '/api/v1/regions/:id', async (req) =>
    json(200, await regionSnapshot(ctx, req.params['id'] ?? '')),
  );
  router.on('GET', '/api/v1/links', async (req) => {
    const traffic = await trafficByLink(ctx);
    const region = req.query.get('region');
    const links = [...ctx.network.links.values()].filter((l) => region === null || l.region === region);
    return json(
      200,
      linksGeoJson(links, (id) => traffic.get(id) as NonNullable<ReturnType<typeof traffic.get>>),
      {
        'content-type': 'application/geo+json',
      },
    );
  });
  router.on('GET', '/api/v1/links/:id', async (req) => {
    const id = req.params['id'] ?? '';
    const link = ctx.network.links.get(id);
    if (link === undefined) throw new NotFoundError('link', id);
    return json(200, { ...link, traffic: (await trafficByLink(ctx)).get(id) });
  });
  router.on('GET', '/api/v1/signals', async () =>
    json(200, (await ctx.store.list('signal')) satisfies readonly SignalStateView[]),
  );
  router.on('GET', '/api/v1/signals/:id', async (req) => {
    const id = req.params['id'] ?? '';
    const s = await ctx.store.get('signal', id);
    if (s === null) {
      if (!ctx.network.scenario.intersections.some((i) => i.id === id))
        throw new NotFoundError('intersection', id);
      return json(200, { intersectionId: id, online: false, state: null });
    }
    return json(200, s);
  });
  router.on('GET', '/api/v1/detectors', async () => json(200, await detectorsWithHealth(ctx)));
  router.on('GET', '/api/v1/vehicles', async (req) => {
    const route = req.query.get('route');
    let vehicles = await ctx.store.list('vehicle');
    if (route !== null) vehicles = vehicles.filter((v) => v.routeId === route);
    if (req.query.has('near')) {
      const [lon, lat] = lonLatParam(req.query, 'near');
      const hits = await ctx.store.nearby(
        'vehicle',
        lon,
        lat,
        numberParam(req.query, 'radiusM', 500, 50_000),
      );
      const byId = new Map(vehicles.map((v) => [v.vehicleId, v]));
      vehicles = hits.flatMap((h) => (byId.has(h.id) ? [byId.get(h.id) as (typeof vehicles)[number]] : []));
    }
    return json(200, vehicles satisfies readonly VehicleView[]);
  });
  router.on('GET', '/api/v1/vehicles/:id', async (req) => {
    const v = await ctx.store.get('vehicle', req.params['id'] ?? '');
    if (v === null) throw new NotFoundError('vehicle', req.params['id'] ?? '');
    return json(200, v);
  });
  router.on('GET', '/api/v1/stops', async (req) => {
    let stops = [...ctx.network.stops.values()];
    if (req.query.has('near')) {
      const [lon, lat] = lonLatParam(req.query, 'near');
      const hits = await ctx.store.nearby('stop', lon, lat, numberParam(req.query, 'radiusM', 500, 50_000));
      stops = hits.flatMap((h) => {
        const s = ctx.network.stops.get(h.id);
        return s === undefined ? [] : [{ ...s, distanceM: Math.round(h.distanceM) }];
      });
    }
    return json(200, stops);
  });
  router.on('GET', '/api/v1/stops/:id', async (req) => {
    const s = ctx.network.stops.get(req.params['id'] ?? '');
    if (s === undefined) throw new NotFoundError('stop', req.params['id'] ?? '');
    return json(200, s);
  });
  router.on('GET', '/api/v1/stops/:id/arrivals', async (req) => {
    const board = ctx.arrivals.board(req.params['id'] ?? '');
    if (board === null) throw new NotFoundError('stop', req.params['id'] ?? '');
    return json(200, board satisfies StopBoard);
  });
  router.on('GET', '/api/v1/incidents', async (req) => {
    const status = req.query.get('status') ?? 'active';
    const all = await ctx.store.list('incident');
    return json(
      200,
      (status === 'all' ? all : all.filter((i) => i.status === status)) satisfies readonly IncidentView[],
    );
  });
  router.on('GET', '/api/v1/incidents/:id', async (req) => {
    const i = await ctx.store.get('incident', req.params['id'] ?? '');
    if (i === null) throw new NotFoundError('incident', req.params['id'] ?? '');
    return json(200, i);
  });
  router.on('GET', '/api/v1/signs', async () =>
    json(200, await Promise.all([...ctx.network.signs.keys()].map((id) => signView(ctx, id)))),
  );
  router.on('GET', '/api/v1/signs/:id', async (req) =>
    json(200, await signView(ctx, req.params['id'] ?? '')),
  );
}
