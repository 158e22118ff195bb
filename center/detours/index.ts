/**
 * @module center/detours
 * Incident response: detours, automatic sign messages, detection loop, and driver routing API.
 */
export {
  incidentResponse,
  incidentPlace,
  detourAdvice,
  roadOf,
  autoSignMessages,
  signsApproaching,
  AUTO_SIGN_PRIORITY,
} from './incident-response.ts';
export type { IncidentResponse } from './incident-response.ts';
export { incidentSignText } from './incident-sign-text.ts';
export type { RoadName } from './incident-sign-text.ts';
export { placeName, sectionOf } from './section-names.ts';
export type { PlaceName } from './section-names.ts';
export { IncidentWatch } from './incident-watch.ts';
export type { IncidentWatchOptions } from './incident-watch.ts';
export { routeRoutes } from './route-routes.ts';
