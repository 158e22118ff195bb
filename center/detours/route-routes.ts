/**
 * @module center/detours/route-routes
 * `GET /api/v1/route?from=lon,lat&to=lon,lat`: the fastest route with live travel times as GeoJSON
 * (RFC 7946; route totals as foreign members), with the usual route and the time saved against it.
 */
import { ItsError, NotFoundError } from '../../core/index.ts';
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

/**
 * How far from every road a point may be, metres: farther, it is not on the network (a point in
 * Busan or at 0,0 was routed from the junction nearest it, hundreds of km away).
 */
export const MAX_SNAP_M = 1000;

const km = (m: number): string => (m >= 10_000 ? `${Math.round(m / 1000)} km` : `${Math.round(m)} m`);

/**
 * Route registrar for driver routing. Refused with 400: a point farther than {@link MAX_SNAP_M} from
 * every road (code `off-network`, the message names `from` or `to` first) and a start and
 * destination nearest the same junction (`same-place`); 404 when no open road joins them, naming the
 * closed links of the usual route.
 */
export function routeRoutes(watch: IncidentWatch): RouteRegistrar {
  return (router) => {
    router.on('GET', '/api/v1/route', async (req) => {
      const [fromLon, fromLat] = lonLatParam(req.query, 'from');
      const [toLon, toLat] = lonLatParam(req.query, 'to');
      const planner = watch.plannerNow();
      const a = planner.snap(fromLon, fromLat);
      const b = planner.snap(toLon, toLat);
      for (const [name, p] of [
        ['from', a],
        ['to', b],
      ] as const) {
        if (!(p.distanceM <= MAX_SNAP_M)) {
          throw new ItsError(
            'off-network',
            `${name}: no road within ${MAX_SNAP_M} m (the nearest is ${km(p.distanceM)} away)`,
          );
        }
      }
      if (a.node === b.node) {
        throw new ItsError(
          'same-place',
          `from and to are the same place (both nearest junction ${planner.graph.nodeIds[a.node] ?? ''})`,
        );
      }
      const answer = planner.routeNodes(a.node, b.node);
      if (answer === null) {
        const closed = planner.closedOnUsual(a.node, b.node);
        const err = new NotFoundError('route', `${fromLon},${fromLat} → ${toLon},${toLat}`);
        if (closed.length > 0)
          err.message += `: no open road; closed on the usual route: ${closed.join(', ')}`;
        throw err;
      }
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
