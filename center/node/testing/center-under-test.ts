/**
 * @module center/node/testing/center-under-test
 * A running center as the shared API suites see it, however it is fed: an in-process store with
 * batches handed to its ingest, or Redis with batches published over MQTT by a test edge. The suites
 * (`center-api-suite.ts`, `gtfs-rt-suite.ts`) make their assertions once and run against both.
 * Also the HTTP and WebSocket helpers the suites share, with waits generous enough for a loaded machine.
 */
import { expect } from 'vitest';
import type { ApiToken } from '../../http/index.ts';
import type { TestWsClient } from '../../http/testing/index.ts';
import type { UplinkItem } from '../../../core/index.ts';
import type { CenterNode } from '../center-node.ts';

/** A center under test. */
export type CenterUnderTest = {
  readonly node: CenterNode;
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** Deliver one edge batch of `items` as this setup's edge does; resolves once the center stored it. */
  publish(items: readonly UplinkItem[]): Promise<void>;
  close(): Promise<void>;
};

/** Starts a center with these API tokens. */
export type StartCenter = (tokens: readonly ApiToken[]) => Promise<CenterUnderTest>;

export const OPERATOR = 'operator-token-0123456789';
export const VIEWER = 'viewer-token-0123456789ab';
export const ADMIN = 'admin-token-0123456789abc';

/** The suites' tokens: an operator, a viewer and an admin. */
export const SUITE_TOKENS: readonly ApiToken[] = [
  { name: 'ops-kim', role: 'operator', token: OPERATOR },
  { name: 'view-lee', role: 'viewer', token: VIEWER },
  { name: 'admin-park', role: 'admin', token: ADMIN },
];

/** Longest wait for a condition: long on purpose, so a loaded 2-core machine does not fail a test. */
export const PATIENCE_MS = 30_000;

type Json = Record<string, unknown> & unknown[];

/** GET a JSON answer. */
export async function getJson(
  base: string,
  path: string,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const r = await fetch(
    `${base}${path}`,
    token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
  );
  return { status: r.status, body: (await r.json()) as Json };
}

/** Send a JSON request with a bearer token (null = none). */
export async function sendJson(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const r = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** A frame matcher; `label` names it in the error when no frame matches. */
export type FrameMatch = ((f: Record<string, unknown>) => boolean) & { readonly label?: string };

/** The first frame (seen or future) matching `match`, waiting up to `timeoutMs`. */
export async function frame(
  ws: TestWsClient,
  match: FrameMatch,
  timeoutMs = PATIENCE_MS,
): Promise<Record<string, unknown>> {
  // The client gives up after 5 s; asking again re-checks what arrived meanwhile, so this only waits longer.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await ws.next(match);
    } catch {
      if (Date.now() >= deadline)
        throw new Error(`no WebSocket frame ${match.label ?? 'matching'} within ${timeoutMs} ms`);
    }
  }
}

/** A delta on `channel` whose data's JSON contains `text`, received after frame number `after`. */
export function deltaWith(channel: string, text: string, ws?: TestWsClient): FrameMatch {
  const after = ws?.frames.length ?? 0;
  return Object.assign(
    (f: Record<string, unknown>): boolean =>
      f['type'] === 'delta' &&
      f['channel'] === channel &&
      (ws === undefined || ws.frames.indexOf(f) >= after) &&
      JSON.stringify(f['data']).includes(text),
    { label: `delta on ${channel} with ${text}${ws === undefined ? '' : ` after frame ${after}`}` },
  );
}

/** Subscribe and wait for the snapshot; returns its data. */
export async function subscribe(ws: TestWsClient, channel: string): Promise<unknown> {
  ws.send({ op: 'subscribe', channel });
  const snap = await frame(ws, (f) => f['type'] === 'snapshot' && f['channel'] === channel);
  return snap['data'];
}

/** Poll an HTTP GET until `check` passes on its body. */
export async function eventuallyGet(
  base: string,
  path: string,
  check: (body: Json) => void,
  token?: string,
): Promise<Json> {
  let last: Json | null = null;
  await expect
    .poll(
      async () => {
        const r = await getJson(base, path, token);
        last = r.body;
        try {
          check(r.body);
          return true;
        } catch {
          return false;
        }
      },
      { timeout: PATIENCE_MS, interval: 100 },
    )
    .toBe(true);
  if (last === null) throw new Error(`no answer from ${path}`);
  check(last);
  return last;
}
