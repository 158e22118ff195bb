/**
 * @module core/api/route-answer
 * The answer of `GET /api/v1/route?from=lon,lat&to=lon,lat` (GeoJSON, `application/geo+json`): the
 * fastest route on live link travel times and the usual route (free-flow, no incidents), each a
 * LineString feature, with the travel times and the time the fastest one saves. Type-only: a contract
 * between the center's route planner and the driver map.
 */

/** One route of the answer. */
export type RouteFeature = {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: readonly [number, number][] };
  readonly properties: {
    readonly role: 'fastest' | 'usual';
    readonly travelTimeS: number;
    readonly lengthM: number;
    /** Directed link ids in driving order. */
    readonly links: readonly string[];
  };
};

/** `GET /api/v1/route` answer. */
export type RouteAnswer = {
  readonly type: 'FeatureCollection';
  /** Travel time of the fastest route with live link times, seconds. */
  readonly travelTimeS: number;
  /** Live travel time of the usual route; null when it is closed. */
  readonly usualTravelTimeS: number | null;
  /** null when the usual route is closed. */
  readonly timeSavedS: number | null;
  readonly features: readonly RouteFeature[];
};
