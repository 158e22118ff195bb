/**
 * @module center/http
 * The center's HTTP and WebSocket API, independent of the server library.
 */
export type {
  WebRequest,
  WebResponse,
  WsConnection,
  WebHandlers,
  WebServerOptions,
  WebServer,
  WebServerFactory,
  WebTlsFiles,
  ResolvedWebServerOptions,
} from './web-server.ts';
export {
  jsonError,
  resolveWebServerOptions,
  WsAddressSlots,
  DEFAULT_WS_MAX_PER_ADDRESS,
} from './web-server.ts';
export { ProxyTrust } from './client-address.ts';
export { createCenterApi } from './center-api.ts';
export type { CenterApi, CenterApiOptions, RouteRegistrar } from './center-api.ts';
export type { ApiContext, SignalCommandRequest, SignalCommandSink } from './api-context.ts';
export { trafficByLink } from './api-context.ts';
export { ApiTokens, ROLES } from './auth.ts';
export type { ApiToken, Principal, Role } from './auth.ts';
export { Router } from './router.ts';
export type { RouteHandler, RouteRequest, RouteMatch } from './router.ts';
export { RateLimiter } from './rate-limiter.ts';
export type { RateLimiterOptions } from './rate-limiter.ts';
export { ChannelHub } from './channel-hub.ts';
export { DEFAULT_BOARD_PACING, type BoardPacing } from './live-feed.ts';
export { BoardPacer, shownKey, type BoardPacerOptions } from './board-pacer.ts';
export { json, errorResponse, jsonBody, lonLatParam, numberParam } from './responses.ts';
export { CHANNEL_PATTERN, clientFrameSchema } from '../../core/api/index.ts';
export type { ClientFrame, ServerFrame } from '../../core/api/index.ts';
export { openApiDocument } from './openapi.ts';
