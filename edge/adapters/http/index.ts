/**
 * @module edge/adapters/http
 * node:http wiring of the edge: the listener of its metrics and health endpoint.
 */
export { startHttpListener } from './http-listener.ts';
export type { HttpAnswer, HttpListener, HttpListenerOptions, HttpRequestLine } from './http-listener.ts';
