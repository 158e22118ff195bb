/**
 * @module center/http/responses
 * JSON responses and the one place that turns errors into HTTP statuses (STYLE.md §12).
 */
import { AuthError, ConflictError, ItsError, NotFoundError, ValidationError } from '../../core/index.ts';
import type { WebResponse } from './web-server.ts';

/** A JSON response. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): WebResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value),
  };
}

/**
 * Status and JSON body for an error: 400 invalid input, 401/403 auth, 404 unknown id, 409 a duplicate
 * (with `existingId`, the record already there), else 500.
 */
export function errorResponse(err: unknown): WebResponse {
  if (err instanceof ValidationError) {
    return json(400, { error: { code: err.code, message: err.message, issues: err.issues } });
  }
  if (err instanceof NotFoundError) return json(404, { error: { code: err.code, message: err.message } });
  if (err instanceof ConflictError) {
    return json(409, { error: { code: err.code, message: err.message, existingId: err.existingId } });
  }
  if (err instanceof AuthError) {
    const headers: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    return json(err.status, { error: { code: err.code, message: err.message } }, headers);
  }
  if (err instanceof ItsError) return json(400, { error: { code: err.code, message: err.message } });
  return json(500, { error: { code: 'internal', message: 'internal error' } });
}

/** Parse a request body as JSON; ValidationError when it is not. */
export function jsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (err) {
    throw new ValidationError('request body', [{ path: '', message: `not JSON: ${(err as Error).message}` }]);
  }
}

/** A decimal number as a coordinate is written: optional sign, digits, optional fraction. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Parse `lon,lat` from a query parameter; ValidationError naming the parameter when malformed. */
export function lonLatParam(query: URLSearchParams, name: string): [number, number] {
  const raw = query.get(name);
  const texts = (raw ?? '').split(',');
  const parts = texts.map(Number);
  const [lon, lat] = parts;
  if (
    parts.length !== 2 ||
    // Decimal degrees only: Number() also reads '' and ' ' as 0 (so 'from=,' was 0,0) and '0x10' as 16.
    !texts.every((t) => DECIMAL.test(t)) ||
    lon === undefined ||
    lat === undefined ||
    !(Math.abs(lon) <= 180) ||
    !(Math.abs(lat) <= 90)
  ) {
    throw new ValidationError('query', [{ path: name, message: 'must be lon,lat in degrees' }]);
  }
  return [lon, lat];
}

/** Parse a positive number query parameter with a default and a maximum. */
export function numberParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!(n > 0 && n <= max))
    throw new ValidationError('query', [{ path: name, message: `must be a number in (0, ${max}]` }]);
  return n;
}
