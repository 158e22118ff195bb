/**
 * @module center/http/openapi/openapi-document.test
 * The OpenAPI document is structurally valid OpenAPI 3.1 (required fields, path templates and their
 * parameters, unique operation ids, every `$ref` resolves, only JSON Schema keywords the checker
 * knows), its bodies are the handlers' own validators, and writes carry their role.
 */
import { expect, test } from 'vitest';
import { z } from 'zod';
import { APPORTION_POLICIES } from '../../clearing/index.ts';
import { loginBody } from '../../operators/index.ts';
import { OPERATIONS, openApiDocument, resolvePointer, unsupportedKeywords } from './index.ts';

type Json = Record<string, unknown>;
const doc = openApiDocument() as Json;
const paths = doc['paths'] as Record<string, Record<string, Json>>;
const components = doc['components'] as Record<string, Record<string, Json>>;
const schemas = components['schemas'] as Record<string, Json>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const operations = (): { path: string; method: string; op: Json }[] =>
  Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ path, method, op })),
  );

/** Resolve `$ref` of an object (parameters, responses) to what it points at. */
const deref = (o: Json): Json =>
  typeof o['$ref'] === 'string' ? (resolvePointer(doc, o['$ref']) as Json) : o;

test('has the fields OpenAPI 3.1 requires at the top', () => {
  expect(doc['openapi']).toBe('3.1.0');
  const info = doc['info'] as Json;
  expect(typeof info['title']).toBe('string');
  expect(typeof info['version']).toBe('string');
  expect(Object.keys(paths).length).toBeGreaterThan(30);
  for (const key of Object.keys(doc)) {
    expect(
      ['openapi', 'info', 'tags', 'paths', 'components'].includes(key) || key.startsWith('x-'),
      key,
    ).toBe(true);
  }
});

test('every operation has a unique id, declared tags, responses with descriptions', () => {
  const tags = new Set((doc['tags'] as { name: string }[]).map((t) => t.name));
  const ids = new Set<string>();
  for (const { path, method, op } of operations()) {
    const label = `${method} ${path}`;
    expect(path.startsWith('/'), label).toBe(true);
    expect(ids.has(op['operationId'] as string), `duplicate ${String(op['operationId'])}`).toBe(false);
    ids.add(op['operationId'] as string);
    for (const t of op['tags'] as string[]) expect(tags.has(t), `${label} tag ${t}`).toBe(true);
    const responses = op['responses'] as Record<string, Json>;
    expect(Object.keys(responses).length, label).toBeGreaterThan(0);
    for (const [status, r] of Object.entries(responses)) {
      expect(status, label).toMatch(/^[1-5]\d\d$/);
      expect(typeof deref(r)['description'], `${label} ${status}`).toBe('string');
    }
  }
});

test('each path template parameter is declared once as a required path parameter, and no other', () => {
  for (const { path, method, op } of operations()) {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const params = ((op['parameters'] ?? []) as Json[]).map(deref);
    const declared = params.filter((p) => p['in'] === 'path');
    expect(declared.map((p) => p['name']).sort(), `${method} ${path}`).toEqual([...inPath].sort());
    for (const p of declared) expect(p['required'], `${method} ${path} ${String(p['name'])}`).toBe(true);
    const names = params.map((p) => `${String(p['in'])}:${String(p['name'])}`);
    expect(new Set(names).size, `${method} ${path} duplicate parameter`).toBe(names.length);
  }
});

test('every $ref resolves within the document', () => {
  const refs: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach(walk);
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') refs.push(x);
      else walk(x);
    }
  };
  walk(doc);
  expect(refs.length).toBeGreaterThan(100);
  for (const r of refs) expect(resolvePointer(doc, r), r).toBeDefined();
});

test('every schema uses only keywords the checker verifies', () => {
  for (const [name, s] of Object.entries(schemas)) expect(unsupportedKeywords(s), name).toEqual([]);
  for (const { path, method, op } of operations()) {
    for (const r of Object.values(op['responses'] as Record<string, Json>)) {
      for (const c of Object.values((deref(r)['content'] ?? {}) as Record<string, Json>)) {
        expect(unsupportedKeywords(c['schema'] as Json), `${method} ${path}`).toEqual([]);
      }
    }
  }
});

test('security names a declared scheme; every write but sign-in needs a role, and reads are public', () => {
  const schemes = components['securitySchemes'] as Record<string, Json>;
  expect(schemes['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
  for (const { path, method, op } of operations()) {
    const security = op['security'] as Record<string, string[]>[] | undefined;
    for (const req of security ?? []) for (const s of Object.keys(req)) expect(schemes[s]).toBeDefined();
    const label = `${method} ${path}`;
    if (method !== 'get' && path !== '/api/v1/login') {
      expect(security, label).toBeDefined();
      expect(Object.keys(op['responses'] as Json), label).toContain('401');
    }
    if (method === 'get' && path !== '/api/v1/audit') expect(security, label).toBeUndefined();
    if (security !== undefined && op['x-its-role'] !== 'session') {
      expect(security[0]?.['bearerAuth'], label).toEqual([op['x-its-role']]);
      expect(Object.keys(op['responses'] as Json), label).toContain('403');
    }
  }
  expect(paths['/api/v1/signals/{id}/commands']?.['post']?.['security']).toEqual([
    { bearerAuth: ['operator'] },
  ]);
  expect(paths['/api/v1/audit']?.['get']?.['security']).toEqual([{ bearerAuth: ['admin'] }]);
});

test('operations with a body document 413 and 400; writes answer 201 and 202 where the handlers do', () => {
  for (const { path, method, op } of operations()) {
    if (op['requestBody'] === undefined) continue;
    expect(Object.keys(op['responses'] as Json), `${method} ${path}`).toEqual(
      expect.arrayContaining(['400', '413']),
    );
  }
  const statuses = (path: string, method: string): string[] =>
    Object.keys(paths[path]?.[method]?.['responses'] as Json);
  expect(statuses('/api/v1/incidents', 'post')).toContain('201');
  expect(statuses('/api/v1/signs/{id}/messages', 'post')).toContain('201');
  expect(statuses('/api/v1/signals/{id}/commands', 'post')).toContain('202');
  expect(statuses('/readyz', 'get')).toContain('503');
  expect(statuses('/healthz', 'get')).not.toContain('429');
});

test("request bodies are the handlers' own validators, converted", () => {
  const body = (path: string, method: string): Json =>
    resolvePointer(
      doc,
      (
        (paths[path]?.[method]?.['requestBody'] as Json)['content'] as Record<
          string,
          { schema: { $ref: string } }
        >
      )['application/json']?.schema.$ref ?? '',
    ) as Json;
  const converted = z.toJSONSchema(loginBody, { io: 'input' }) as Json;
  delete converted['$schema'];
  expect(body('/api/v1/login', 'post')).toEqual(converted);
  expect(body('/api/v1/incidents', 'post')['required']).toEqual(['linkId']);
  expect(body('/api/v1/incidents/{id}', 'patch')['minProperties']).toBe(1);
  const policies = (schemas['ClearingReport']?.['properties'] as Record<string, Json>)['policy']?.['enum'];
  expect(policies).toEqual([...APPORTION_POLICIES]);
  const query = OPERATIONS.find((o) => o.pattern === '/api/v1/clearing/:day')?.query?.[0]?.schema['enum'];
  expect(query).toEqual([...APPORTION_POLICIES]);
});

test('describes the WebSocket channels as an extension', () => {
  const ws = doc['x-websocket'] as Json;
  expect(ws['path']).toBe('/ws');
  expect(Object.keys(ws['channels'] as Json)).toEqual([
    'stop:{stopId}',
    'region:{regionId}',
    'vehicles',
    'signals',
    'incidents',
    'sign:{signId}',
  ]);
  expect((doc['info'] as Json)['description']).toContain('`sign:{signId}`');
});
