/**
 * @module center/http/openapi/operation-doc
 * How one route is described: the router's method and pattern (so the document can be compared with
 * the router's own table), what it needs, what it answers and which error statuses it can give.
 */
import type { Role } from '../auth.ts';
import type { ANSWER_SCHEMAS, REQUEST_SCHEMAS } from './components.ts';

/** A documented answer's body: a named component, an array of one, or an inline JSON Schema. */
export type BodyDoc =
  | { readonly ref: keyof typeof ANSWER_SCHEMAS }
  | { readonly arrayOf: keyof typeof ANSWER_SCHEMAS }
  | { readonly inline: Readonly<Record<string, unknown>> };

/** One success (or non-error) answer of an operation. */
export type AnswerDoc = {
  readonly status: number;
  readonly description: string;
  /** Media type → body. */
  readonly content: Readonly<Record<string, BodyDoc>>;
  /** Response headers the answer carries, name → description. */
  readonly headers?: Readonly<Record<string, string>>;
};

/** Error statuses answered with the JSON error body (`components.responses`). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

/** A query parameter. */
export type QueryDoc = {
  readonly name: string;
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly required?: boolean;
  readonly example?: string;
};

/** One route of the router, documented. */
export type OperationDoc = {
  /** As registered on the router (`GET`, `POST`, ...). */
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** As registered on the router, with `:param` segments. */
  readonly pattern: string;
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /**
   * Who may call it: a role (the bearer token must hold at least this role), `session` (a live
   * operator session token from `/api/v1/login`), or absent for public.
   */
  readonly role?: Role | 'session';
  /** Path parameters (the pattern's `:name` segments), name → description. */
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: readonly QueryDoc[];
  readonly body?: keyof typeof REQUEST_SCHEMAS;
  readonly answers: readonly AnswerDoc[];
  /** Error statuses besides 429 (every rate-limited route) and 500. */
  readonly errors: readonly ErrorStatus[];
  /** Exempt from the rate limit (probes and the scraper): never 429. */
  readonly unlimited?: boolean;
  /** When the route is mounted only in some configurations. */
  readonly mountedWhen?: string;
};

/** The OpenAPI path template of a router pattern: `/stops/:id` → `/stops/{id}`. */
export const openApiPath = (pattern: string): string => pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

/** A JSON answer with one named component body. */
export const jsonAnswer = (
  status: number,
  description: string,
  body: BodyDoc,
  headers?: Readonly<Record<string, string>>,
): AnswerDoc => ({
  status,
  description,
  content: { 'application/json': body },
  ...(headers === undefined ? {} : { headers }),
});

/** `lon,lat` in degrees, as `lonLatParam` parses it. */
export const lonLatQuery = (name: string, description: string, required: boolean): QueryDoc => ({
  name,
  description: `${description}: \`lon,lat\` in WGS 84 degrees (|lon| ≤ 180, |lat| ≤ 90); anything else is 400.`,
  schema: { type: 'string' },
  required,
  example: '127.0276,37.4979',
});

/** `radiusM` as `numberParam(query, 'radiusM', 500, 50_000)` parses it. */
export const radiusQuery: QueryDoc = {
  name: 'radiusM',
  description: 'Search radius around `near`, metres; outside (0, 50000] is 400.',
  schema: { type: 'number', exclusiveMinimum: 0, maximum: 50_000, default: 500 },
};
