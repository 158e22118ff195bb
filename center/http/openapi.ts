/**
 * @module center/http/openapi
 * The OpenAPI 3.1 description of the center's HTTP API (paths, parameters, auth), served at
 * `/api/v1/openapi.json`. Response schemas are summarized; the record shapes are in center/state.
 */

type Op = {
  summary: string;
  auth?: 'operator' | 'admin';
  params?: string[];
  query?: string[];
  body?: string;
};

const OPS: Record<string, Record<string, Op>> = {
  '/api/v1/regions': { get: { summary: 'Regions of the scenario' } },
  '/api/v1/regions/{id}': { get: { summary: 'Snapshot of one region', params: ['id'] } },
  '/api/v1/links': {
    get: { summary: 'Links with live speed, travel time and LOS (GeoJSON)', query: ['region'] },
  },
  '/api/v1/links/{id}': { get: { summary: 'One link and its traffic', params: ['id'] } },
  '/api/v1/signals': { get: { summary: 'Signal state of every intersection' } },
  '/api/v1/signals/{id}': { get: { summary: 'Signal state of one intersection', params: ['id'] } },
  '/api/v1/signals/{id}/commands': {
    post: {
      summary: 'Send a plan or strategy to an intersection via its edge',
      auth: 'operator',
      params: ['id'],
      body: 'planId, strategy',
    },
  },
  '/api/v1/commands/{id}': {
    get: {
      summary: 'An operator signal command and its edge answer (pending, accepted, rejected with a reason)',
      params: ['id'],
    },
  },
  '/api/v1/detectors': { get: { summary: 'Detectors with health' } },
  '/api/v1/vehicles': {
    get: { summary: 'Buses with their latest progress', query: ['route', 'near', 'radiusM'] },
  },
  '/api/v1/vehicles/{id}': { get: { summary: 'One bus', params: ['id'] } },
  '/api/v1/stops': { get: { summary: 'Stops, optionally near a point', query: ['near', 'radiusM'] } },
  '/api/v1/stops/{id}': { get: { summary: 'One stop', params: ['id'] } },
  '/api/v1/stops/{id}/arrivals': {
    get: { summary: 'Arrival board of a stop (ko/en texts)', params: ['id'] },
  },
  '/api/v1/incidents': {
    get: { summary: 'Incidents', query: ['status'] },
    post: {
      summary: 'Declare an incident',
      auth: 'operator',
      body: 'linkId, lanes, positionM, kind, severity, description',
    },
  },
  '/api/v1/incidents/{id}': {
    get: { summary: 'One incident', params: ['id'] },
    patch: {
      summary: 'Edit an incident',
      auth: 'operator',
      params: ['id'],
      body: 'lanes, positionM, kind, severity, description',
    },
    delete: { summary: 'Clear an incident', auth: 'operator', params: ['id'] },
  },
  '/api/v1/signs': { get: { summary: 'Variable message signs and what they show' } },
  '/api/v1/signs/{id}': { get: { summary: 'One sign', params: ['id'] } },
  '/api/v1/signs/{id}/messages': {
    post: {
      summary: 'Publish a sign message',
      auth: 'operator',
      params: ['id'],
      body: 'textKo, textEn, priority, ttlS',
    },
  },
  '/api/v1/signs/{id}/messages/{mid}': {
    delete: { summary: 'Withdraw a sign message', auth: 'operator', params: ['id', 'mid'] },
  },
  '/api/v1/route': {
    get: { summary: 'Fastest route with live travel times (GeoJSON)', query: ['from', 'to'] },
  },
  '/api/v1/audit': { get: { summary: 'Audit log of accepted writes', auth: 'admin', query: ['limit'] } },
  '/gtfs-rt/trip-updates': {
    get: { summary: 'GTFS-realtime TripUpdates (protobuf; ?format=json)', query: ['format'] },
  },
  '/gtfs-rt/vehicle-positions': { get: { summary: 'GTFS-realtime VehiclePositions', query: ['format'] } },
  '/gtfs-rt/alerts': { get: { summary: 'GTFS-realtime Alerts', query: ['format'] } },
  '/metrics': { get: { summary: 'Prometheus metrics' } },
  '/healthz': { get: { summary: 'Liveness' } },
  '/readyz': { get: { summary: 'Readiness' } },
};

/** The OpenAPI document. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const [path, ops] of Object.entries(OPS)) {
    const item: Record<string, unknown> = {};
    for (const [method, op] of Object.entries(ops)) {
      const parameters = [
        ...(op.params ?? []).map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: { type: 'string' },
        })),
        ...(op.query ?? []).map((name) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string' },
        })),
      ];
      item[method] = {
        summary: op.summary,
        parameters,
        ...(op.auth === undefined ? {} : { security: [{ bearer: [op.auth] }] }),
        ...(op.body === undefined
          ? {}
          : {
              requestBody: {
                description: op.body,
                content: { 'application/json': { schema: { type: 'object' } } },
              },
            }),
        responses: {
          '200': { description: 'OK' },
          '400': { description: 'Bad request (JSON error naming the field)' },
          '404': { description: 'Unknown id' },
          '429': { description: 'Too many requests' },
          ...(op.auth === undefined
            ? {}
            : { '401': { description: 'No token' }, '403': { description: 'Role too low' } }),
        },
      };
    }
    paths[path] = item;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ITS National Transport Information Center API', version: '1.0.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
