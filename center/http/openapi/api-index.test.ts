/**
 * @module center/http/openapi/api-index.test
 * The API's root index says what the OpenAPI document has: every GET path with its summary, every
 * write with the role it needs, the WebSocket channels and the GTFS-realtime feeds.
 */
import { expect, test } from 'vitest';
import { apiIndex, apiIndexOf, OPERATIONS, openApiDocument, openApiPath } from './index.ts';

type Json = Record<string, unknown>;
const doc = openApiDocument() as Json;
const paths = doc['paths'] as Record<string, Record<string, Json>>;
const index = apiIndex();

test('names the API, its version and where its OpenAPI document is', () => {
  const info = doc['info'] as Json;
  expect(index).toMatchObject({ title: info['title'], version: info['version'] });
  expect(index.openapi).toBe('/api/v1/openapi.json');
  expect(paths[index.openapi]?.['get']).toBeDefined();
});

test('lists every GET path of the document with its summary, itself included', () => {
  const gets = Object.keys(paths).filter((p) => paths[p]?.['get'] !== undefined);
  expect(index.read.map((r) => r.path).sort()).toEqual(gets.sort());
  for (const r of index.read) expect(r.summary, r.path).toBe(paths[r.path]?.['get']?.['summary']);
  expect(index.read.map((r) => r.path)).toContain('/api/v1');
  expect(index.read.find((r) => r.path === '/api/v1/audit')?.role).toBe('admin');
  expect(index.read.find((r) => r.path === '/api/v1/links')?.role).toBeNull();
});

test('lists every write with the role it needs', () => {
  const writes = OPERATIONS.filter((o) => o.method !== 'GET');
  expect(index.write.map((w) => `${w.method} ${w.path}`).sort()).toEqual(
    writes.map((o) => `${o.method} ${openApiPath(o.pattern)}`).sort(),
  );
  for (const o of writes) {
    const w = index.write.find((x) => x.method === o.method && x.path === openApiPath(o.pattern));
    expect(w?.role ?? null, `${o.method} ${o.pattern}`).toBe(o.role ?? null);
  }
  expect(index.write.find((w) => w.method === 'POST' && w.path === '/api/v1/incidents')?.role).toBe(
    'operator',
  );
});

test("lists the WebSocket channels of the document's x-websocket extension and the GTFS-rt feeds", () => {
  const ws = doc['x-websocket'] as { path: string; channels: Record<string, { description: string }> };
  expect(index.websocket.path).toBe('/ws');
  expect(index.websocket.channels).toEqual(
    Object.entries(ws.channels).map(([name, c]) => ({ name, description: c.description })),
  );
  expect(index.websocket.channels.map((c) => c.name)).toContain('stop:{stopId}');
  expect(index.gtfsRealtime.map((f) => f.path).sort()).toEqual([
    '/gtfs-rt/alerts',
    '/gtfs-rt/trip-updates',
    '/gtfs-rt/vehicle-positions',
  ]);
  for (const f of index.gtfsRealtime) {
    expect(f.media).toEqual(['application/x-protobuf', 'application/json']);
  }
});

test('is read from the document it is given, not from a fixed list', () => {
  const one = apiIndexOf({
    info: { title: 'T', version: '9' },
    paths: { '/a': { get: { summary: 'A', tags: ['x'] }, post: { summary: 'B', 'x-its-role': 'admin' } } },
  });
  expect(one.read).toEqual([{ path: '/a', summary: 'A', tag: 'x', role: null }]);
  expect(one.write).toEqual([{ method: 'POST', path: '/a', summary: 'B', tag: '', role: 'admin' }]);
  expect(one.websocket).toEqual({ path: '', channels: [] });
});
