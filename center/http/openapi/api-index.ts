/**
 * @module center/http/openapi/api-index
 * The API's root, `GET /api/v1` (and `/api/v1/`, the address `its demo` prints): what is there, read
 * from the OpenAPI document itself so the two cannot disagree — title and version, where the document
 * is, every GET path with its summary, every write with the role it needs, the WebSocket channels of
 * the `x-websocket` extension and the GTFS-realtime feeds.
 */
import type { z } from 'zod';
import type { apiIndex as apiIndexSchema } from './answer-schemas.ts';
import { openApiDocument } from './document.ts';

/** The index's body (`ApiIndex` in the document). */
export type ApiIndex = z.output<typeof apiIndexSchema>;

type Role = ApiIndex['read'][number]['role'];
type Json = Record<string, unknown>;

const OPENAPI_PATH = '/api/v1/openapi.json';
const WRITE_METHODS = ['POST', 'PATCH', 'DELETE'] as const;

const object = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const roleOf = (op: Json): Role => (typeof op['x-its-role'] === 'string' ? (op['x-its-role'] as Role) : null);
const tagOf = (op: Json): string => text((op['tags'] as unknown[] | undefined)?.[0]);

/** The index of an OpenAPI document as `openApiDocument` builds it. */
export function apiIndexOf(doc: Json): ApiIndex {
  const info = object(doc['info']);
  const out: ApiIndex = {
    title: text(info['title']),
    version: text(info['version']),
    openapi: OPENAPI_PATH,
    read: [],
    write: [],
    websocket: { path: '', channels: [] },
    gtfsRealtime: [],
  };
  for (const [path, item] of Object.entries(object(doc['paths']))) {
    const get = object(item)['get'];
    if (get !== undefined) {
      const op = object(get);
      out.read.push({ path, summary: text(op['summary']), tag: tagOf(op), role: roleOf(op) });
      if (tagOf(op) === 'gtfs-realtime') {
        const ok = object(object(op['responses'])['200']);
        out.gtfsRealtime.push({
          path,
          summary: text(op['summary']),
          media: Object.keys(object(ok['content'])),
        });
      }
    }
    for (const method of WRITE_METHODS) {
      const write = object(item)[method.toLowerCase()];
      if (write === undefined) continue;
      const op = object(write);
      out.write.push({ method, path, summary: text(op['summary']), tag: tagOf(op), role: roleOf(op) });
    }
  }
  const ws = object(doc['x-websocket']);
  out.websocket = {
    path: text(ws['path']),
    channels: Object.entries(object(ws['channels'])).map(([name, c]) => ({
      name,
      description: text(object(c)['description']),
    })),
  };
  return out;
}

let built: ApiIndex | undefined;

/** The index of the center's own document (the same object on every call; do not mutate it). */
export function apiIndex(): ApiIndex {
  built ??= apiIndexOf(openApiDocument());
  return built;
}
