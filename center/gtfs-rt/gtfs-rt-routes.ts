/**
 * @module center/gtfs-rt/gtfs-rt-routes
 * `/gtfs-rt/trip-updates`, `/gtfs-rt/vehicle-positions`, `/gtfs-rt/alerts`: protobuf by default
 * (`application/x-protobuf`), the same feed as JSON with `?format=json`.
 */
import type { ApiContext, RouteRegistrar, Router, WebResponse } from '../http/index.ts';
import { json } from '../http/index.ts';
import {
  alertsFeed,
  tripUpdatesFeed,
  vehiclePositionsFeed,
  type AlertDetail,
  type FeedObject,
} from './feeds.ts';
import type { IncidentRecord } from '../state/index.ts';

/** Encodes a feed object to GTFS-realtime protobuf bytes. */
export type FeedEncoder = (feed: FeedObject) => Uint8Array;

function respond(feed: FeedObject, format: string | null, encode: FeedEncoder): WebResponse {
  if (format === 'json') return json(200, feed);
  return {
    status: 200,
    headers: { 'content-type': 'application/x-protobuf', 'cache-control': 'no-store' },
    body: encode(feed),
  };
}

/** Route registrar for the three feeds. */
export function gtfsRtRoutes(
  encode: FeedEncoder,
  detailOf?: (incident: IncidentRecord) => AlertDetail | null,
): RouteRegistrar {
  return (router: Router, ctx: ApiContext) => {
    router.on('GET', '/gtfs-rt/trip-updates', async (req) =>
      respond(
        tripUpdatesFeed(ctx.arrivals.allPredictions(), ctx.clock.now()),
        req.query.get('format'),
        encode,
      ),
    );
    router.on('GET', '/gtfs-rt/vehicle-positions', async (req) =>
      respond(
        vehiclePositionsFeed(ctx.network, await ctx.store.list('vehicle'), ctx.clock.now()),
        req.query.get('format'),
        encode,
      ),
    );
    router.on('GET', '/gtfs-rt/alerts', async (req) =>
      respond(
        alertsFeed(ctx.network, await ctx.store.list('incident'), ctx.clock.now(), detailOf),
        req.query.get('format'),
        encode,
      ),
    );
  };
}
