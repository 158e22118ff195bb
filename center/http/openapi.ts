/**
 * @module center/http/openapi
 * The OpenAPI 3.1 description of the center's HTTP API, served at `/api/v1/openapi.json`. Built in
 * `openapi/` from the documented operations (held equal to the router's table by a test) and the
 * code's own zod schemas, converted with `z.toJSONSchema`.
 */
export { apiIndex, openApiDocument } from './openapi/index.ts';
export type { ApiIndex } from './openapi/index.ts';
