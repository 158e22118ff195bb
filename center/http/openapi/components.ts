/**
 * @module center/http/openapi/components
 * The named schemas of the document (`components.schemas`), converted from zod with zod's own
 * `z.toJSONSchema` (draft 2020-12, the dialect of OpenAPI 3.1): request bodies as their input (fields
 * with defaults are optional), answers as their output. Refinements have no JSON Schema form; the
 * three the bodies use are added by hand next to the schema they belong to.
 */
import { z } from 'zod';
import * as A from './answer-schemas.ts';
import * as R from './record-schemas.ts';
import {
  declareIncidentBody,
  editIncidentBody,
  loginRequest,
  publishSignBody,
  signalCommandBody,
} from './request-schemas.ts';

/** Request bodies by component name. */
export const REQUEST_SCHEMAS = {
  DeclareIncident: declareIncidentBody,
  EditIncident: editIncidentBody,
  PublishSignMessage: publishSignBody,
  SignalCommand: signalCommandBody,
  LoginRequest: loginRequest,
} as const;

/** JSON Schema for the refinements of request bodies (zod's `.refine` has no JSON Schema form). */
const REQUEST_REFINEMENTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  EditIncident: { minProperties: 1, description: 'At least one field must change.' },
  SignalCommand: {
    anyOf: [{ required: ['planId'] }, { required: ['strategy'] }],
    description:
      'A plan, a strategy, or both; a planId must be a plan of the intersection and a strategy one of the enum (else 400).',
  },
  PublishSignMessage: {
    description:
      "Each text must show whole on the sign's face: at most 3 lines of 26 Korean or 38 English characters, words wrapped at spaces, ' / ' starting a new line (else 400).",
  },
};

/** Answer bodies by component name. */
export const ANSWER_SCHEMAS = {
  Error: A.errorBody,
  Health: A.health,
  Readiness: A.readiness,
  ApiIndex: A.apiIndex,
  Region: R.regionView,
  RegionSnapshot: R.regionSnapshot,
  LinkState: R.linkStateView,
  LinkTraffic: R.linkTraffic,
  LinkDetail: R.linkDetail,
  LinkFeatureCollection: R.linkFeatureCollection,
  SignalState: R.signalStateView,
  SignalUnreported: R.signalUnreported,
  DetectorHealth: R.detectorHealthView,
  Detector: R.detectorView,
  Vehicle: R.vehicleView,
  Alarm: R.alarmView,
  Stop: R.stopView,
  StopBoard: A.stopBoard,
  Incident: R.incidentView,
  SignMessage: R.signMessageView,
  Sign: R.signView,
  SignMessageDeleted: A.signMessageDeleted,
  IssuedCommand: A.issuedCommand,
  SignalCommandAccepted: A.signalCommandAccepted,
  CommandStatus: A.commandStatus,
  AuditEntry: A.auditEntry,
  RouteAnswer: A.routeAnswer,
  ClearingDays: A.clearingDays,
  ClearingReport: A.clearingReport,
  GtfsRtFeed: A.gtfsRtFeed,
  LoginAnswer: A.loginAnswer,
  LogoutAnswer: A.logoutAnswer,
  WsClientFrame: A.wsClientFrame,
  WsServerFrame: A.wsServerFrame,
  RecordDelta: A.recordDelta,
} as const;

type JsonObject = Record<string, unknown>;

/** Convert a group of named zod schemas; a schema used inside another becomes a `$ref` to it. */
function convert(
  schemas: Readonly<Record<string, z.ZodType>>,
  io: 'input' | 'output',
): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, JsonObject>;
  // `$schema` and `$id` belong to standalone schemas; inside an OpenAPI document they only mislead.
  for (const s of Object.values(out)) {
    delete s['$schema'];
    delete s['$id'];
  }
  return out;
}

/** Every named schema of the document, request bodies and answers. */
export function componentSchemas(): Record<string, JsonObject> {
  const requests = convert(REQUEST_SCHEMAS, 'input');
  for (const [id, extra] of Object.entries(REQUEST_REFINEMENTS)) {
    requests[id] = { ...requests[id], ...extra };
  }
  return { ...requests, ...convert(ANSWER_SCHEMAS, 'output') };
}
