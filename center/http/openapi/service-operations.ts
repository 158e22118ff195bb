/**
 * @module center/http/openapi/service-operations
 * The system routes (center/http/routes-system.ts) and the routes other center capabilities mount
 * (`extraRoutes`): command status, driver routing, the clearing house and GTFS-realtime, documented.
 */
import {
  jsonAnswer,
  lonLatQuery,
  type AnswerDoc,
  type OperationDoc,
  type QueryDoc,
} from './operation-doc.ts';

const formatQuery: QueryDoc = {
  name: 'format',
  description: '`json` for the FeedMessage as JSON (protobufjs field names); otherwise protobuf.',
  schema: { type: 'string', enum: ['json'] },
};

const feedAnswer = (what: string): AnswerDoc => ({
  status: 200,
  description: `GTFS-realtime ${what} (gtfs-realtime.proto FeedMessage, FULL_DATASET)`,
  content: {
    'application/x-protobuf': { inline: { type: 'string', contentMediaType: 'application/x-protobuf' } },
    'application/json': { ref: 'GtfsRtFeed' },
  },
});

const gtfsRt = (pattern: string, operationId: string, what: string): OperationDoc => ({
  method: 'GET',
  pattern,
  operationId,
  tag: 'gtfs-realtime',
  summary: `GTFS-realtime ${what} as protobuf, or JSON with ?format=json`,
  query: [formatQuery],
  answers: [feedAnswer(what)],
  errors: [],
});

const policyQuery: QueryDoc = {
  name: 'policy',
  description: 'How transfer journeys are apportioned among operators; any other value is 400.',
  schema: { type: 'string', enum: ['base-fare', 'distance'], default: 'base-fare' },
};

const DAY = {
  day: 'Service day, `YYYY-MM-DD` (anything else is 400; a day without entries gives an empty report).',
};
const CLEARING = 'the center runs the clearing house (default; `clearingHouse: false` turns it off)';

/** The system and service routes. */
export const SERVICE_OPERATIONS: readonly OperationDoc[] = [
  {
    method: 'GET',
    pattern: '/healthz',
    operationId: 'health',
    tag: 'system',
    summary: 'Liveness: the process answers',
    unlimited: true,
    answers: [jsonAnswer(200, 'Alive', { ref: 'Health' })],
    errors: [],
  },
  {
    method: 'GET',
    pattern: '/readyz',
    operationId: 'readiness',
    tag: 'system',
    summary: 'Readiness: the state store answers and the ingest is connected',
    unlimited: true,
    answers: [
      jsonAnswer(200, 'Ready', { ref: 'Readiness' }),
      jsonAnswer(503, 'Not ready (which part is down is in the body)', { ref: 'Readiness' }),
    ],
    errors: [],
  },
  {
    method: 'GET',
    pattern: '/metrics',
    operationId: 'metrics',
    tag: 'system',
    summary: 'Prometheus metrics (text exposition format 0.0.4)',
    unlimited: true,
    answers: [
      {
        status: 200,
        description: 'Metrics',
        content: { 'text/plain; version=0.0.4; charset=utf-8': { inline: { type: 'string' } } },
      },
    ],
    errors: [],
  },
  {
    method: 'GET',
    pattern: '/api/v1/openapi.json',
    operationId: 'openApiDocument',
    tag: 'system',
    summary: 'This document',
    answers: [jsonAnswer(200, 'OpenAPI 3.1 document', { inline: { type: 'object' } })],
    errors: [],
  },
  {
    method: 'GET',
    pattern: '/api/v1',
    operationId: 'apiIndex',
    tag: 'system',
    summary: 'What the API has: this document, the reads, the writes and their roles, channels, feeds',
    description:
      'Built from this document: every GET path with its summary, every write with the role it needs, the WebSocket channels of `x-websocket` and the GTFS-realtime feeds. Also answered at `/api/v1/` (a trailing slash is ignored).',
    answers: [jsonAnswer(200, 'The index', { ref: 'ApiIndex' })],
    errors: [],
  },
  {
    method: 'GET',
    pattern: '/api/v1/commands/:id',
    operationId: 'getCommand',
    tag: 'signals',
    summary: 'An operator signal command and its edge answer (pending, accepted, rejected with a reason)',
    description: 'Known only to the center instance that issued the command (the last 1,000 commands).',
    params: { id: 'Command id, as `POST /api/v1/signals/<id>/commands` answered it.' },
    answers: [jsonAnswer(200, 'The command and its status', { ref: 'CommandStatus' })],
    errors: [404],
  },
  {
    method: 'GET',
    pattern: '/api/v1/route',
    operationId: 'route',
    tag: 'routing',
    summary: 'Fastest route on live travel times as GeoJSON, with the usual route and the time saved',
    description:
      'Each point is taken to its nearest junction. 400 `invalid-input` for coordinates that are not decimal `lon,lat` degrees; 400 `off-network` for a point more than 1,000 m from every road (the message starts with `from` or `to`); 400 `same-place` when both points are nearest one junction; 404 when no open road joins them (the message names the links of the usual route closed on every lane).',
    query: [lonLatQuery('from', 'Start', true), lonLatQuery('to', 'Destination', true)],
    answers: [
      {
        status: 200,
        description: 'A FeatureCollection: the fastest and the usual route, totals as foreign members',
        content: { 'application/geo+json': { ref: 'RouteAnswer' } },
      },
    ],
    errors: [400, 404],
  },
  {
    method: 'GET',
    pattern: '/api/v1/clearing/days',
    operationId: 'listClearingDays',
    tag: 'clearing',
    summary: 'Service days with settlement entries, ascending',
    mountedWhen: CLEARING,
    answers: [jsonAnswer(200, 'Days', { ref: 'ClearingDays' })],
    errors: [],
  },
  {
    method: 'GET',
    pattern: '/api/v1/clearing/:day',
    operationId: 'getClearingReport',
    tag: 'clearing',
    summary: "A day's clearing: revenue per operator and the reconciliation to the won",
    mountedWhen: CLEARING,
    params: DAY,
    query: [policyQuery],
    answers: [jsonAnswer(200, 'The report', { ref: 'ClearingReport' })],
    errors: [400],
  },
  {
    method: 'GET',
    pattern: '/api/v1/clearing/:day/page',
    operationId: 'getClearingPage',
    tag: 'clearing',
    summary: 'The same report as an HTML page',
    mountedWhen: CLEARING,
    params: DAY,
    query: [policyQuery],
    answers: [
      {
        status: 200,
        description: 'HTML',
        content: { 'text/html; charset=utf-8': { inline: { type: 'string' } } },
      },
    ],
    errors: [400],
  },
  gtfsRt('/gtfs-rt/trip-updates', 'gtfsRtTripUpdates', 'TripUpdates'),
  gtfsRt('/gtfs-rt/vehicle-positions', 'gtfsRtVehiclePositions', 'VehiclePositions'),
  gtfsRt('/gtfs-rt/alerts', 'gtfsRtAlerts', 'Alerts'),
];
