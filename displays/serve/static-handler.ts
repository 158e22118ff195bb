/**
 * @module displays/serve/static-handler
 * Serves the built pages: `/` (control room), `/stop/<id>` (bus-stop sign), `/sign/<id>` (VMS),
 * `/drive` (driver map) and `/assets/<file>`. Page URLs carry the stop or sign id in the path, so each
 * maps to its one HTML file and the page reads the id from `location`. Hashed assets are cached for a
 * year (their names change with their content); pages are revalidated every time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/** A response the center's web server can send as it is. */
export type StaticResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
};

/** Page paths and the HTML file each serves. */
const PAGES: readonly { readonly pattern: RegExp; readonly file: string }[] = [
  { pattern: /^\/$/, file: 'index.html' },
  { pattern: /^\/stop\/[^/]{1,128}$/, file: 'stop.html' },
  { pattern: /^\/sign\/[^/]{1,128}$/, file: 'sign.html' },
  { pattern: /^\/drive\/?$/, file: 'drive.html' },
];

const ASSET = /^\/assets\/([A-Za-z0-9._-]{1,200})$/;

/** Security headers on every page: nothing may be loaded from another origin (the displays work offline). */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; child-src blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:",
} as const;

/**
 * A handler for GET/HEAD requests of the display pages from `distDir`; resolves to null for a path
 * that is not a display page or asset (so the caller can try its other routes).
 */
export function displaysStaticHandler(
  distDir: string,
): (method: string, path: string) => Promise<StaticResponse | null> {
  const root = resolve(distDir);
  const cache = new Map<string, Uint8Array>();
  const read = (file: string): Uint8Array | null => {
    const hit = cache.get(file);
    if (hit !== undefined) return hit;
    const p = join(root, file);
    if (!p.startsWith(root) || !existsSync(p)) return null;
    const body = readFileSync(p);
    cache.set(file, body);
    return body;
  };
  return async (method, path) => {
    if (method !== 'GET' && method !== 'HEAD') return null;
    const page = PAGES.find((p) => p.pattern.test(path));
    if (page !== undefined) {
      const body = read(page.file);
      if (body === null) return notBuilt();
      return {
        status: 200,
        headers: { 'content-type': CONTENT_TYPES['.html'] ?? '', ...PAGE_HEADERS },
        body,
      };
    }
    const asset = ASSET.exec(path);
    if (asset === null) return null;
    const name = asset[1] ?? '';
    const body = read(join('assets', name));
    if (body === null) {
      return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'no such asset' };
    }
    return {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
      body,
    };
  };
}

function notBuilt(): StaticResponse {
  return {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' },
    body: 'the display pages are not built yet (ensureDisplaysBuilt)',
  };
}
