/**
 * @module center/traffic
 * Traffic state: link speed, travel time and level of service from loops and bus probes, the published
 * travel time filtered over intervals; links as GeoJSON.
 */
export { linkTraffic, fusedLinkTraffic, levelOfService, publishedLinkTraffic } from './link-traffic.ts';
export { filterTravelTime, LinkTravelTimes } from './travel-time-filter.ts';
export type { FilteredTravelTime, TravelTimeFilterOptions } from './travel-time-filter.ts';
export type {
  LinkTraffic,
  LevelOfService,
  LinkGeometry,
  LinkTrafficOptions,
  SpeedSource,
} from './link-traffic.ts';
export { linksGeoJson } from './link-geojson.ts';
export type { LinkFeature } from './link-geojson.ts';
export { BusPaths } from './bus-paths.ts';
export type { BusPath, PathLink, PathPlace } from './bus-paths.ts';
export { ProbeTracker } from './probe-tracker.ts';
export type { ProbeTraversal, ProbeTrackerOptions } from './probe-tracker.ts';
export { LinkProbes, probeLinkEstimate } from './probe-speeds.ts';
export type { LinkProbesOptions, ProbeEstimateOptions, ProbeLinkEstimate } from './probe-speeds.ts';
