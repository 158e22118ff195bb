/**
 * @module center/traffic
 * Traffic state: link speed, travel time and level of service; links as GeoJSON.
 */
export { linkTraffic, levelOfService } from './link-traffic.ts';
export type { LinkTraffic, LevelOfService, LinkGeometry, LinkTrafficOptions } from './link-traffic.ts';
export { linksGeoJson } from './link-geojson.ts';
export type { LinkFeature } from './link-geojson.ts';
