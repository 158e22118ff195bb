/**
 * @module center/http/openapi/answer-schemas
 * zod schemas of the API's other answers: stop boards, routes, commands, the audit log, clearing
 * reports, GTFS-realtime as JSON, sign-in, system status, errors and WebSocket frames. They follow
 * the types the handlers return (core/api, center/commands, center/clearing, ...), and
 * `schema-agreement.ts` makes the compiler refuse any difference.
 */
import { z } from 'zod';
import {
  SIGNAL_COMMAND_REJECT_REASONS,
  clientFrameSchema,
  entityId,
  epochMs,
  lonLat,
  messageId,
} from '../../../core/index.ts';
import { ROLES } from '../auth.ts';

const bilingual = z.strictObject({ ko: z.string(), en: z.string() });

/** One arrival on a stop board. */
const boardArrival = z.strictObject({
  vehicleId: z.string().nullable().describe('The live bus, or null for a timetable arrival.'),
  tripId: z.string().nullable(),
  headsign: z.string().nullable(),
  etaMs: z.number().describe("Predicted arrival, epoch ms of the center's clock."),
  etaS: z.number(),
  lowS: z.number().describe('Range of the prediction, seconds from now.'),
  highS: z.number(),
  stopsAway: z.number().int().min(0).nullable(),
  source: z.enum(['live', 'schedule']),
  asOf: z
    .number()
    .nullable()
    .describe('Time of the bus report the prediction starts from; null for a timetable arrival.'),
  crowding: z.enum(['low', 'medium', 'high']).nullable(),
  text: bilingual,
});

/** Everything a bus-stop sign shows (`GET /api/v1/stops/<id>/arrivals`, `stop:<id>`). */
export const stopBoard = z.strictObject({
  stopId: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  generatedAt: z.number(),
  routes: z.array(
    z.strictObject({
      routeId: z.string(),
      shortName: z.string(),
      status: z.enum(['live', 'schedule', 'ended', 'no-data']),
      arrivals: z.array(boardArrival),
      text: bilingual,
    }),
  ),
});

/** `GET /api/v1/route`: fastest and usual route as GeoJSON (RFC 7946) with totals as foreign members. */
export const routeAnswer = z.strictObject({
  type: z.literal('FeatureCollection'),
  travelTimeS: z.number().min(0).describe('Travel time of the fastest route with live link times, seconds.'),
  usualTravelTimeS: z
    .number()
    .min(0)
    .nullable()
    .describe('Live travel time of the usual route; null when closed.'),
  timeSavedS: z.number().nullable().describe('null when the usual route is closed.'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      geometry: z.strictObject({ type: z.literal('LineString'), coordinates: z.array(lonLat) }),
      properties: z.strictObject({
        role: z.enum(['fastest', 'usual']),
        travelTimeS: z.number().min(0),
        lengthM: z.number().min(0),
        links: z.array(entityId).describe('Directed link ids in driving order.'),
      }),
    }),
  ),
});

/** A signal command as the operator issued it (what the center published as `signal.command`). */
export const issuedCommand = z.strictObject({
  commandId: messageId,
  region: entityId,
  intersectionId: entityId,
  planId: z.string().min(1).max(64).nullable(),
  strategy: z.string().min(1).max(64).nullable(),
  issuedBy: z.string().min(1).max(128),
  at: epochMs,
});

/** `POST /api/v1/signals/<id>/commands` answer (202): the command, and whether it reached a broker. */
export const signalCommandAccepted = issuedCommand.extend({
  delivered: z.boolean().describe('Published to the edge; false when this center has no MQTT connection.'),
});

/** `GET /api/v1/commands/<id>`: the command and the edge's latest answer. */
export const commandStatus = z.strictObject({
  command: issuedCommand,
  status: z.enum(['pending', 'accepted', 'rejected']),
  reason: z.enum(SIGNAL_COMMAND_REJECT_REASONS).nullable(),
  detail: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: epochMs.nullable(),
});

/** One accepted write of the audit log. */
export const auditEntry = z.strictObject({
  at: epochMs,
  actor: z.string(),
  role: z.string(),
  action: z.string().describe('e.g. `incident.declare`, `sign.publish`, `operator.login`.'),
  target: z.string().describe('The entity written, e.g. `incident/<id>`.'),
  detail: z.record(z.string(), z.unknown()),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** `GET /api/v1/clearing/days`. */
export const clearingDays = z.strictObject({ days: z.array(day) });

/** `GET /api/v1/clearing/<day>`: revenue per operator and the reconciliation (the `its settle report --json` shape). */
export const clearingReport = z.strictObject({
  day,
  policy: z.enum(['base-fare', 'distance']),
  operators: z.array(
    z.strictObject({
      operatorId: z.string(),
      revenueKrw: z.number(),
      postedKrw: z.number(),
      legs: z.number().int().min(0),
      transferLegs: z.number().int().min(0),
    }),
  ),
  journeys: z.number().int().min(0),
  transferJourneys: z.number().int().min(0),
  reconciliation: z.strictObject({
    debitsKrw: z.record(z.string(), z.number()),
    payerDebitsKrw: z.number(),
    operatorCreditsKrw: z.number(),
    differenceKrw: z.number(),
    differences: z.array(
      z.strictObject({
        kind: z.enum([
          'unbalanced-transaction',
          'entry-gap',
          'payer-without-leg',
          'journey-without-legs',
          'negative-journey',
          'apportionment',
        ]),
        subject: z.string(),
        amountKrw: z.number(),
        detail: z.string(),
      }),
    ),
    reconciled: z.boolean(),
  }),
});

/** A GTFS-realtime FeedMessage in the protobufjs JSON shape (`?format=json`). */
export const gtfsRtFeed = z.strictObject({
  header: z.strictObject({
    gtfsRealtimeVersion: z.string(),
    incrementality: z.literal('FULL_DATASET'),
    timestamp: z.number().int().min(0).describe('POSIX seconds.'),
  }),
  entity: z
    .array(z.looseObject({ id: z.string() }))
    .describe('FeedEntity objects (gtfs.org/realtime/reference).'),
});

/** `POST /api/v1/login` answer: a bearer token for the operator's session. */
export const loginAnswer = z.strictObject({
  token: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  expiresAt: epochMs,
});

/** `POST /api/v1/logout` answer. */
export const logoutAnswer = z.strictObject({ loggedOut: z.string() });

/** `DELETE /api/v1/signs/<id>/messages/<mid>` answer: the full message id withdrawn. */
export const signMessageDeleted = z.strictObject({ deleted: z.string() });

/** A role an operation needs: a token of at least this role, or a live operator session. */
const neededRole = z.enum([...ROLES, 'session']);

/** `GET /api/v1`: what the API has, taken from its OpenAPI document. */
export const apiIndex = z.strictObject({
  title: z.string(),
  version: z.string(),
  openapi: z.string().describe('Path of the OpenAPI 3.1 document.'),
  read: z
    .array(
      z.strictObject({
        path: z.string().describe('OpenAPI path template, `{name}` for a path parameter.'),
        summary: z.string(),
        tag: z.string(),
        role: neededRole.nullable().describe('Null for a public read.'),
      }),
    )
    .describe('Every GET path of the document.'),
  write: z.array(
    z.strictObject({
      method: z.enum(['POST', 'PATCH', 'DELETE']),
      path: z.string(),
      summary: z.string(),
      tag: z.string(),
      role: neededRole.nullable(),
    }),
  ),
  websocket: z.strictObject({
    path: z.string(),
    channels: z.array(z.strictObject({ name: z.string(), description: z.string() })),
  }),
  gtfsRealtime: z
    .array(z.strictObject({ path: z.string(), summary: z.string(), media: z.array(z.string()) }))
    .describe('GTFS-realtime feeds: protobuf, or JSON with `?format=json`.'),
});

/** `GET /healthz`. */
export const health = z.strictObject({ status: z.literal('ok') });

/** `GET /readyz` (200 ready, 503 not ready). */
export const readiness = z.strictObject({
  status: z.enum(['ready', 'not-ready']),
  store: z.boolean(),
  ingest: z.boolean(),
});

/** Every error answer: a stable code, a message, and for invalid input the fields at fault. */
export const errorBody = z.strictObject({
  error: z.strictObject({
    code: z
      .string()
      .describe(
        'e.g. `invalid-input`, `not-found`, `conflict`, `unauthorized`, `rate-limited`, `too-large`.',
      ),
    message: z.string(),
    issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
    existingId: z
      .string()
      .optional()
      .describe(
        '409 only: the id of the record already there (e.g. the nearest active incident declared at the same place on the link).',
      ),
  }),
});

/** Frames a WebSocket client sends (core/api `clientFrameSchema`). */
export const wsClientFrame = clientFrameSchema;

/** Frames the server sends on the WebSocket. */
export const wsServerFrame = z.union([
  z.strictObject({ type: z.literal('snapshot'), channel: z.string(), at: z.number(), data: z.unknown() }),
  z.strictObject({ type: z.literal('delta'), channel: z.string(), at: z.number(), data: z.unknown() }),
  z.strictObject({ type: z.literal('unsubscribed'), channel: z.string() }),
  z.strictObject({ type: z.literal('pong'), at: z.number() }),
  z.strictObject({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);

/** A change on `region:<id>`, `vehicles`, `signals` or `incidents` (a `delta` frame carries an array). */
export const recordDelta = z.strictObject({
  collection: z.string(),
  op: z.enum(['put', 'delete']),
  id: z.string(),
  value: z.unknown().optional(),
});
