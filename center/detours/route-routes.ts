/**
 * @module center/detours/route-routes
 * `GET /api/v1/route?from=lon,lat&to=lon,lat`: the fastest route with live travel times as GeoJSON
 * (RFC 7946; route totals as foreign members), with the usual route and the time saved against it.
 */
import { NotFoundError } from '../../core/index.ts';
import { json, lonLatParam, type RouteRegistrar } from '../http/index.ts';
import type { PlannedRoute } from '../routing/index.ts';
import type { IncidentWatch } from './incident-watch.ts';

const round1 = (x: number): number => Math.round(x * 10) / 10;

function feature(role: 'fastest' | 'usual', r: PlannedRoute): Record<string, unknown> {
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: r.coordinates },
    properties: { role, travelTimeS: round1(r.travelTimeS), lengthM: round1(r.lengthM), links: r.linkIds },
  };
}

/** Route registrar for driver routing. */
export function routeRoutes(watch: IncidentWatch): RouteRegistrar {
  return (router) => {
    router.on('GET', '/api/v1/route', async (req) => {
      const [fromLon, fromLat] = lonLatParam(req.query, 'from');
      const [toLon, toLat] = lonLatParam(req.query, 'to');
      const answer = watch.plannerNow().route(fromLon, fromLat, toLon, toLat);
      if (answer === null) throw new NotFoundError('route', `${fromLon},${fromLat} → ${toLon},${toLat}`);
      const usualLive = answer.usual.travelTimeS;
      return json(
        200,
        {
          type: 'FeatureCollection',
          travelTimeS: round1(answer.fastest.travelTimeS),
          usualTravelTimeS: Number.isFinite(usualLive) ? round1(usualLive) : null,
          timeSavedS: Number.isFinite(answer.timeSavedS) ? round1(answer.timeSavedS) : null,
          features: [feature('fastest', answer.fastest), feature('usual', answer.usual)],
        },
        { 'content-type': 'application/geo+json' },
      );
    });
  };
}
