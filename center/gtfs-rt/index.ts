/**
 * @module center/gtfs-rt
 * GTFS-realtime TripUpdates, VehiclePositions and Alerts.
 */
export { tripUpdatesFeed, vehiclePositionsFeed, alertsFeed } from './feeds.ts';
export type { FeedObject, AlertDetail } from './feeds.ts';
export { gtfsRtRoutes } from './gtfs-rt-routes.ts';
export type { FeedEncoder } from './gtfs-rt-routes.ts';
