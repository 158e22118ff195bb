/**
 * @module center/http/openapi/document
 * Assembles the OpenAPI 3.1 document from the documented operations, the components converted from
 * zod, the shared error answers and the WebSocket extension. Built once, on first request.
 */
import { webSocketExtension, webSocketSummary } from './channels.ts';
import { componentSchemas } from './components.ts';
import {
  openApiPath,
  type AnswerDoc,
  type BodyDoc,
  type ErrorStatus,
  type OperationDoc,
} from './operation-doc.ts';
import { READ_OPERATIONS } from './read-operations.ts';
import { SERVICE_OPERATIONS } from './service-operations.ts';
import { WRITE_OPERATIONS } from './write-operations.ts';

/** Every documented route; `openapi-routes.test.ts` holds it equal to the router's table. */
export const OPERATIONS: readonly OperationDoc[] = [
  ...SERVICE_OPERATIONS,
  ...READ_OPERATIONS,
  ...WRITE_OPERATIONS,
];

type JsonObject = Record<string, unknown>;

/** The shared error answers, all with the JSON error body (center/http/responses `errorResponse`). */
export const ERROR_ANSWERS: Readonly<
  Record<ErrorStatus | 500, { readonly name: string; readonly description: string; readonly header?: string }>
> = {
  400: { name: 'BadRequest', description: 'Invalid input; for a body, `issues` names each field at fault' },
  401: {
    name: 'Unauthorized',
    description: 'No bearer token, or an unknown or expired one',
    header: 'www-authenticate',
  },
  403: { name: 'Forbidden', description: "The token's role is below the one the operation needs" },
  404: { name: 'NotFound', description: 'Unknown id' },
  409: {
    name: 'Conflict',
    description:
      'It would duplicate a record already there; `existingId` names that record (e.g. the nearest active incident declared at the same place on the link, to edit instead)',
  },
  413: {
    name: 'PayloadTooLarge',
    description: "Body over the server's limit (default 64 KiB), refused before it is read",
  },
  429: {
    name: 'TooManyRequests',
    description:
      'Over the rate limit (per token, or per client address without one: the peer, or the client a proxy named in `its center --trust-proxy` forwards for); wait `retry-after` seconds',
    header: 'retry-after',
  },
  500: { name: 'InternalError', description: 'Unexpected failure (the message says no more)' },
};

const HEADER_TEXT: Readonly<Record<string, string>> = {
  'www-authenticate': '`Bearer` (401 only)',
  'retry-after': 'Seconds until a request will be admitted',
};

const schemaOf = (body: BodyDoc): JsonObject => {
  if ('ref' in body) return { $ref: `#/components/schemas/${body.ref}` };
  if ('arrayOf' in body) return { type: 'array', items: { $ref: `#/components/schemas/${body.arrayOf}` } };
  return { ...body.inline };
};

const headersOf = (headers: Readonly<Record<string, string>>): JsonObject =>
  Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );

function answerObject(a: AnswerDoc): JsonObject {
  return {
    description: a.description,
    ...(a.headers === undefined ? {} : { headers: headersOf(a.headers) }),
    content: Object.fromEntries(
      Object.entries(a.content).map(([media, b]) => [media, { schema: schemaOf(b) }]),
    ),
  };
}

function roleText(op: OperationDoc): string {
  if (op.role === undefined) return 'Public.';
  if (op.role === 'session') return 'Needs the bearer token of a live operator session.';
  return `Needs a bearer token of role ${op.role}${op.role === 'admin' ? '' : ' or higher'}.`;
}

function operationObject(op: OperationDoc): JsonObject {
  const responses: JsonObject = {};
  for (const a of op.answers) responses[String(a.status)] = answerObject(a);
  const errors: (ErrorStatus | 500)[] = [...op.errors, ...(op.unlimited === true ? [] : [429 as const]), 500];
  for (const status of [...new Set(errors)].sort((a, b) => a - b)) {
    responses[String(status)] = { $ref: `#/components/responses/${ERROR_ANSWERS[status].name}` };
  }
  const parameters = [
    ...Object.entries(op.params ?? {}).map(([name, description]) => ({
      name,
      in: 'path',
      required: true,
      description,
      schema: { type: 'string' },
    })),
    ...(op.query ?? []).map((q) => ({
      name: q.name,
      in: 'query',
      required: q.required === true,
      description: q.description,
      schema: q.schema,
      ...(q.example === undefined ? {} : { example: q.example }),
    })),
  ];
  const description = [
    op.description,
    roleText(op),
    op.mountedWhen === undefined ? undefined : `Mounted when ${op.mountedWhen}.`,
  ].filter((s) => s !== undefined);
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: description.join(' '),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(op.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } },
          },
        }),
    ...(op.role === undefined
      ? {}
      : { security: [{ bearerAuth: op.role === 'session' ? [] : [op.role] }], 'x-its-role': op.role }),
    responses,
  };
}

const TAGS: Readonly<Record<string, string>> = {
  network: 'Regions and their live snapshot',
  traffic: 'Links, live speeds and level of service, detectors',
  signals: 'Signal operation and operator commands to intersections',
  transit: 'Buses, stops and arrival boards',
  incidents: 'Incidents declared by operators or detected from loops',
  signs: 'Variable message signs',
  routing: 'Driver routing on live travel times',
  clearing: 'Fare and toll clearing house',
  'gtfs-realtime': 'GTFS-realtime feeds',
  access: 'Sign-in and the audit log',
  system: 'Probes, metrics and this document',
};

const INFO_DESCRIPTION = [
  'The National Transport Information Center: live traffic, signals, buses and arrival predictions, incidents, detours and signs, for the control room, bus-stop signs, drivers and map apps.',
  '',
  'JSON under `/api/v1/`. Every error is `{"error": {"code", "message", "issues"?}}` with its status: 400 invalid input (the field is named), 401 no or unknown token, 403 role too low, 404 unknown id or route, 405 a known path with another method (`allow` lists the methods), 409 a duplicate of a record already there (`existingId` names it), 413 body too large, 429 rate limited (`retry-after`), 500 unexpected.',
  '',
  'Reads are public, except the audit log (admin). Writes need `Authorization: Bearer <token>` of role operator (admin may do everything an operator may); each accepted write is audited. Roles: viewer < operator < admin. Tokens are configured (`ITS_API_TOKENS`) or issued by `POST /api/v1/login`.',
  '',
  'Routes marked "Mounted when" exist only in that configuration. The display pages that `its demo` and `its center --displays` add (`/`, `/stop/{id}`, `/sign/{id}`, `/drive`, `/assets/{file}`, and their JSON `/displays/v1/catalogue` and `/displays/v1/devices`) are a separate web app and not described here.',
  '',
  webSocketSummary(),
].join('\n');

let built: JsonObject | undefined;

/** The OpenAPI 3.1 document (the same object on every call; do not mutate it). */
export function openApiDocument(): JsonObject {
  if (built !== undefined) return built;
  const paths: Record<string, JsonObject> = {};
  for (const op of OPERATIONS) {
    const path = openApiPath(op.pattern);
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: operationObject(op) };
  }
  const responses = Object.fromEntries(
    Object.values(ERROR_ANSWERS).map((e) => [
      e.name,
      {
        description: e.description,
        ...(e.header === undefined
          ? {}
          : { headers: headersOf({ [e.header]: HEADER_TEXT[e.header] ?? '' }) }),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
  built = {
    openapi: '3.1.0',
    info: {
      title: 'ITS National Transport Information Center API',
      version: '1.0.0',
      description: INFO_DESCRIPTION,
    },
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: componentSchemas(),
      responses,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (`name:role:token` in `ITS_API_TOKENS`) or a session token from `POST /api/v1/login`. The role an operation needs is in its `security` entry and in `x-its-role`.',
        },
      },
    },
    'x-websocket': webSocketExtension(),
  };
  return built;
}
