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
} from './web-server.ts';
export { jsonError, resolveWebServerOptions } from './web-server.ts';
