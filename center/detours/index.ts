/**
 * @module center/detours
 * Incident response: detours, automatic sign messages, detection loop, and driver routing API.
 */
export {
  incidentResponse,
  incidentSignText,
  incidentPlace,
  detourAdvice,
  roadOf,
  autoSignMessages,
  signsApproaching,
  AUTO_SIGN_PRIORITY,
} from './incident-response.ts';
export type { IncidentResponse, RoadName } from './incident-response.ts';
export { placeName, sectionOf } from './section-names.ts';
export type { PlaceName } from './section-names.ts';
export { IncidentWatch } from './incident-watch.ts';
export type { IncidentWatchOptions } from './incident-watch.ts';
export { routeRoutes } from './route-routes.ts';
