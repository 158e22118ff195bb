/**
 * @module center/http/center-api
 * The center's API as {@link WebHandlers}: routing, rate limiting (429), errors as JSON statuses,
 * request metrics, and the WebSocket channels fed by store updates.
 */
import { createHash } from 'node:crypto';
import { NotFoundError } from '../../core/index.ts';
import type { ApiContext } from './api-context.ts';
import { ChannelHub } from './channel-hub.ts';
import { OPERATIONS } from './openapi/index.ts';
import { connectLiveFeed, DEFAULT_BOARD_PACING, LIVE_FEED_SHARE, type BoardPacing } from './live-feed.ts';
import { RateLimiter } from './rate-limiter.ts';
import { errorResponse, json } from './responses.ts';
import { Router } from './router.ts';
import { regionSnapshot, registerReadRoutes, signView } from './routes-read.ts';
import { registerSystemRoutes } from './routes-system.ts';
import { registerWriteRoutes } from './routes-write.ts';
import type { WebHandlers, WebRequest, WebResponse } from './web-server.ts';

/** Adds more routes (GTFS-realtime, routing) from other center capabilities. */
export type RouteRegistrar = (router: Router, ctx: ApiContext) => void;

/** Options of {@link createCenterApi}. */
export type CenterApiOptions = {
  /** Requests per second per client, and burst. Default 50 / 100. */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  readonly extraRoutes?: readonly RouteRegistrar[];
  /** How often each stop's board may be recomputed and resent unchanged. Default {@link DEFAULT_BOARD_PACING}. */
  readonly boardPacing?: BoardPacing;
};

/** A running API: the handlers to give a web server, and the channel hub. */
export type CenterApi = {
  readonly handlers: WebHandlers;
  readonly hub: ChannelHub;
  readonly router: Router;
  close(): void;
};

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

async function channelSnapshot(ctx: ApiContext, channel: string): Promise<unknown> {
  if (channel === 'vehicles') return ctx.store.list('vehicle');
  if (channel === 'signals') return ctx.store.list('signal');
  if (channel === 'incidents') return (await ctx.store.list('incident')).filter((i) => i.status === 'active');
  const [kind, id = ''] = [channel.slice(0, channel.indexOf(':')), channel.slice(channel.indexOf(':') + 1)];
  if (kind === 'stop') {
    const board = ctx.arrivals.board(id);
    if (board === null) throw new NotFoundError('stop', id);
    return board;
  }
  if (kind === 'region') return regionSnapshot(ctx, id);
  if (kind === 'sign') return signView(ctx, id);
  throw new NotFoundError('channel', channel);
}

/**
 * Whose bucket a request takes from: a known bearer token's (an operator behind a shared address keeps
 * its own), else the remote address. A header that names no known token counts as its address: keyed
 * by the header, each made-up token got a fresh bucket, so one client sending `Bearer junk-<n>` was
 * never limited.
 */
function clientKey(ctx: ApiContext, req: WebRequest): string {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
  if (m === null || ctx.tokens.identify(m[1] ?? '') === null) return req.remoteAddress;
  return `token:${createHash('sha256')
    .update(m[1] ?? '')
    .digest('hex')
    .slice(0, 16)}`;
}

/** Assemble the API over its collaborators. */
export function createCenterApi(ctx: ApiContext, options: CenterApiOptions = {}): CenterApi {
  const router = new Router();
  registerSystemRoutes(router, ctx);
  registerReadRoutes(router, ctx);
  registerWriteRoutes(router, ctx);
  for (const r of options.extraRoutes ?? []) r(router, ctx);
  const limiter = new RateLimiter({ clock: ctx.clock, ...(options.rateLimit ?? {}) });
  const hub = new ChannelHub({
    snapshot: (c) => channelSnapshot(ctx, c),
    now: () => ctx.clock.now(),
    metrics: ctx.metrics,
  });
  const unsubscribe = connectLiveFeed(ctx, hub, LIVE_FEED_SHARE, options.boardPacing ?? DEFAULT_BOARD_PACING);

  // Documented operations only some configurations mount (login, clearing): when this center has not,
  // a 404 that says so and when it would be, rather than 'no route' for a path the API index lists.
  const unmounted = new Router();
  for (const o of OPERATIONS) {
    const when = o.mountedWhen;
    if (when === undefined) continue;
    unmounted.on(o.method, o.pattern, async () =>
      json(404, {
        error: {
          code: 'not-mounted',
          message: `${o.method} ${o.pattern} is not served by this center; it is when ${when}`,
        },
      }),
    );
  }
  const notFound = async (req: WebRequest): Promise<WebResponse> => {
    const u = unmounted.match(req.method, req.path);
    if (u.kind === 'found') return u.handler({ ...req, params: u.params });
    return json(404, { error: { code: 'not-found', message: `no route ${req.path}` } });
  };

  const request = async (req: WebRequest): Promise<WebResponse> => {
    let res: WebResponse;
    const client = clientKey(ctx, req);
    if (!UNLIMITED.has(req.path) && !limiter.take(client)) {
      res = json(
        429,
        { error: { code: 'rate-limited', message: 'too many requests' } },
        {
          'retry-after': String(limiter.retryAfterS(client)),
        },
      );
    } else {
      const m = router.match(req.method, req.path);
      if (m.kind === 'not-found') res = await notFound(req);
      else if (m.kind === 'method-not-allowed') {
        res = json(
          405,
          { error: { code: 'method-not-allowed', message: `use ${m.allow.join(', ')}` } },
          { allow: m.allow.join(', ') },
        );
      } else {
        try {
          res = await m.handler({ ...req, params: m.params });
        } catch (err) {
          res = errorResponse(err);
        }
      }
    }
    ctx.metrics.inc('its_center_http_requests_total', 'HTTP requests by status', {
      status: String(res.status),
    });
    return res;
  };

  return {
    router,
    hub,
    handlers: {
      request,
      wsOpen: (c) => hub.open(c),
      wsMessage: (c, t) => void hub.message(c, t),
      wsClose: (c) => hub.close(c),
      refused: (status) =>
        ctx.metrics.inc('its_center_http_requests_total', 'HTTP requests by status', {
          status: String(status),
        }),
      wsRefused: (reason) =>
        ctx.metrics.inc('its_center_ws_refused_total', 'WebSocket upgrades refused, by reason', { reason }),
    },
    close: unsubscribe,
  };
}
