/**
 * @module center/incidents
 * Incidents: operator commands (declare, edit, clear) and automatic detection.
 */
export {
  declareIncident,
  editIncident,
  clearIncident,
  parseBody,
  declareIncidentBody,
  editIncidentBody,
} from './incident-commands.ts';
export {
  IncidentDeclarations,
  DECLARATION_CLAIM_MS,
  type IncidentDeclarationsOptions,
} from './incident-declarations.ts';
export {
  SAME_PLACE_M,
  samePlaceDeclarations,
  refuseDuplicateDeclaration,
  type DeclaredPlace,
} from './same-place.ts';
export { IncidentDetector, downstreamLinks } from './incident-detector.ts';
export type {
  IncidentDetectorOptions,
  DetectorLink,
  DetectionEvent,
  DetectionReason,
  StationKind,
} from './incident-detector.ts';
export { detectorLinks } from './detector-links.ts';
export { ProbeDropDetector } from './probe-drop.ts';
export type { ProbeDropOptions } from './probe-drop.ts';
