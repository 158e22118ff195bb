/**
 * @module center/http/openapi
 * The OpenAPI 3.1 description of the center's HTTP API, built from the router's documented
 * operations and the code's own zod schemas, and a small JSON Schema checker for the subset it emits.
 */
export { openApiDocument, OPERATIONS, ERROR_ANSWERS } from './document.ts';
export { openApiPath } from './operation-doc.ts';
export { apiIndex, apiIndexOf } from './api-index.ts';
export type { ApiIndex } from './api-index.ts';
export type { OperationDoc, AnswerDoc, BodyDoc, ErrorStatus, QueryDoc } from './operation-doc.ts';
export { REQUEST_SCHEMAS, ANSWER_SCHEMAS } from './components.ts';
export { checkJsonSchema, resolvePointer, unsupportedKeywords } from './json-schema-check.ts';
export type { JsonSchema, SchemaViolation } from './json-schema-check.ts';
export type { SchemaAgreement } from './schema-agreement.ts';
