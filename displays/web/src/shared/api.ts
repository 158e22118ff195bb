/**
 * @module displays/web/shared/api
 * Calls to the center's HTTP API. Every call resolves to a result (never throws), so a page can show
 * the center's error message (`{ error: { code, message } }`) next to the action that caused it.
 */

/** The outcome of a call; a refusal's `existingId` is the record a 409 names (e.g. the active incident). */
export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
      readonly existingId: string | null;
    };

/** Call the API; `token` adds `authorization: Bearer`. */
export async function callApi<T>(
  method: string,
  path: string,
  options: { readonly token?: string; readonly body?: unknown } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token !== undefined && options.token !== '')
    headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch (err) {
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: `the center does not answer (${(err as Error).message})`,
      existingId: null,
    };
  }
  let value: unknown = null;
  try {
    value = await res.json();
  } catch {
    value = null;
  }
  if (res.ok) return { ok: true, status: res.status, data: value as T };
  const error = (
    value as {
      error?: {
        code?: string;
        message?: string;
        issues?: { path: string; message: string }[];
        existingId?: string;
      };
    } | null
  )?.error;
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? `http-${res.status}`,
    message: refusalMessage(error, res.statusText),
    existingId: typeof error?.existingId === 'string' ? error.existingId : null,
  };
}

/**
 * The center's error as one text: its message, then any issue it does not already say. The center's
 * validation message names every issue itself ("incident: lanes.1: ..."), and the panel printed each
 * twice.
 */
export function refusalMessage(
  error:
    { readonly message?: string; readonly issues?: readonly { path: string; message: string }[] } | undefined,
  statusText: string,
): string {
  const message = error?.message ?? statusText;
  const more = (error?.issues ?? [])
    .map((i) => `${i.path}: ${i.message}`)
    .filter((issue) => !message.includes(issue));
  return [message, ...more].filter((s) => s !== '').join(' — ');
}

/** What a refusal's status means, in Korean and English, before the center's own words. */
export function refusalReason(status: number): string {
  if (status === 0) return '연결 안 됨 · no connection';
  if (status === 400) return '입력 오류 · invalid input';
  if (status === 401) return '토큰 오류 · bad token';
  if (status === 403) return '권한 없음 · not allowed';
  if (status === 404) return '찾을 수 없음 · not found';
  if (status === 409) return '충돌 · conflict';
  if (status === 413) return '너무 큼 · too large';
  if (status === 429) return '요청 과다 · too many requests';
  if (status >= 500) return '센터 오류 · center error';
  return '거부됨 · refused';
}

/** GET that throws on failure (for data a page cannot work without). */
export async function getJson<T>(path: string): Promise<T> {
  const r = await callApi<T>('GET', path);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${r.message}`);
  return r.data;
}

/** The last path segment, decoded (the stop or sign id of `/stop/<id>`, `/sign/<id>`). */
export function idFromPath(): string {
  const last = location.pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
